/**
 * The exported objects as an API server takes them: the in-memory one, with Argo CD's and Flux's
 * CRDs registered at run time (applied, as a person installing the engines would), and every
 * exported file applied by kubectl 1.35 with a server-side dry run. Before the CRDs, the same
 * apply fails: the kinds are really looked up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { argoCdCrds, fluxCrds, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { kubectlFromLayer } from '../support/fake-apiserver/layer-zip.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { filesUnder, secretsFile } from './support.js';

let cluster: FakeCluster;
let kubectl: (...a: string[]) => Promise<{ exitCode: number; out: string }>;
const work = tempDir();

before(async () => {
  cluster = await startFakeCluster({});
  const kc = join(work, 'kubeconfig');
  await cluster.writeKubeconfig(kc);
  const bin = await kubectlFromLayer();
  kubectl = async (...a) => {
    const r = await execa(bin, ['--kubeconfig', kc, ...a], { reject: false, timeout: 60_000 });
    return { exitCode: r.exitCode ?? -1, out: `${r.stdout}\n${r.stderr}` };
  };
});
after(() => cluster.close());

async function exportTo(target: string, extra: string[] = []): Promise<string> {
  const dir = tempDir();
  const f = secretsFile(dir, true);
  const r = await runCli(['export', '--to', target, '-p', 'gke', '-f', f, '-o', 'out', '--timeout', '20s', ...extra], {
    cwd: dir,
    env: { KUBECONFIG: join(work, 'kubeconfig') },
  });
  assert.equal(r.exitCode, 0, r.stderr);
  return join(dir, 'out');
}

const dryRun = (file: string) =>
  kubectl('apply', '--server-side', '--dry-run=server', '--field-manager', 'polyaxon-setup-test', '-f', file);

test('without the CRDs the API refuses an Application and a HelmRelease', async () => {
  for (const [t, file] of [
    ['argocd', 'application.yaml'],
    ['flux', 'helmrelease.yaml'],
  ]) {
    const r = await dryRun(join(await exportTo(t), file));
    assert.notEqual(r.exitCode, 0, r.out);
  }
});

test('with Argo CD and Flux CRDs registered at run time, every exported object applies with a server-side dry run', async () => {
  const crds = join(work, 'crds.yaml');
  writeFileSync(crds, [...argoCdCrds(), ...fluxCrds()].map((o) => JSON.stringify(o)).join('\n---\n'));
  const reg = await kubectl('apply', '--server-side', '-f', crds);
  assert.equal(reg.exitCode, 0, reg.out);
  for (const ns of ['argocd', 'flux-system', 'polyaxon'])
    assert.equal((await kubectl('create', 'namespace', ns)).exitCode, 0);
  // One cluster, and a fleet of it (the ApplicationSet, the base ConfigMap, a HelmRelease per cluster).
  for (const [t, extra] of [
    ['argocd', []],
    ['flux', []],
    ['argocd', ['--clusters', 'fake']],
    ['flux', ['--clusters', 'fake']],
  ] as const) {
    const out = await exportTo(t, [...extra]);
    for (const name of filesUnder(out).filter((n) => n.startsWith('values/') === false)) {
      const r = await dryRun(join(out, name));
      assert.equal(r.exitCode, 0, `${t} ${extra.join(' ')} ${name}: ${r.out}`);
      assert.match(r.out, /serverside-applied \(server dry run\)/);
    }
  }
  // A dry run stores nothing.
  for (const kind of ['Application', 'ApplicationSet', 'HelmRelease', 'HelmRepository', 'Secret', 'ConfigMap'])
    assert.deepEqual(cluster.store.list(kind), [], kind);
  const apps = await kubectl(
    'get',
    'applications.argoproj.io,helmreleases.helm.toolkit.fluxcd.io,secrets',
    '-A',
    '-o',
    'name',
  );
  assert.equal(apps.exitCode, 0, apps.out);
  assert.doesNotMatch(apps.out, /application|helmrelease|secret-values/);
});

test('a fake cluster started with the engines loaded serves their kinds from the start', async () => {
  const c = await startFakeCluster({ argoCd: true, flux: true });
  try {
    const kc = join(work, 'preloaded.kubeconfig');
    await c.writeKubeconfig(kc);
    const r = await execa(
      await kubectlFromLayer(),
      ['--kubeconfig', kc, 'api-resources', '--api-group', 'argoproj.io', '-o', 'name'],
      {
        reject: false,
      },
    );
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').sort(), [
      'applications.argoproj.io',
      'applicationsets.argoproj.io',
      'appprojects.argoproj.io',
    ]);
  } finally {
    await c.close();
  }
});
