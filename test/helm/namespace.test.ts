/**
 * --create-namespace only when the namespace is missing and the account may create it. With the
 * flag, helm asks to create the namespace even when it exists, and an account without that right
 * fails with "namespaces is forbidden" (helm/helm#32511; helm 3.17 does, helm 4.1 reads the namespace
 * first): the real helm, against the fake cluster.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { namespaceDecision } from '../../src/cluster/namespace.js';
import { ExitCode } from '../../src/errors.js';
import { installArgv, installCommandLine } from '../../src/helm/argv.js';
import { KUBE_1_21, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { helmBinary } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { serveChartRepo, type ChartRepo } from './chart-repo.js';
import { helmEnv } from './support.js';

const CHART = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
const t = { release: 'polyaxon', namespace: 'team' };
const repo = { ref: 'polyaxon/polyaxon', local: false };

test('the decision: exists → no flag; missing and allowed → flag; missing and denied → refused; unknown → as allowed', () => {
  assert.equal(namespaceDecision({ namespace: 'team', exists: true, mayCreate: false }).createNamespace, false);
  assert.equal(namespaceDecision({ namespace: 'team', exists: true, mayCreate: true }).createNamespace, false);
  assert.equal(namespaceDecision({ namespace: 'team', exists: false, mayCreate: true }).createNamespace, true);
  const refused = namespaceDecision({ namespace: 'team', exists: false, mayCreate: false });
  assert.equal(refused.createNamespace, false);
  assert.match(refused.refusal?.message ?? '', /namespace team does not exist and this account may not create it/);
  assert.match(refused.refusal?.hint ?? '', /kubectl create namespace team/);
  // The namespace cannot be read: it must exist when namespaces may not be created.
  assert.equal(namespaceDecision({ namespace: 'team', mayCreate: false }).createNamespace, false);
  assert.equal(namespaceDecision({ namespace: 'team' }).createNamespace, true);
});

test('installArgv leaves --create-namespace out when told to, keeps it when nothing is known', () => {
  assert.ok(!installArgv(4, t, repo, 'c.yaml', { createNamespace: false }).includes('--create-namespace'));
  assert.ok(installArgv(4, t, repo, 'c.yaml').includes('--create-namespace'));
  assert.equal(
    installCommandLine(t, repo, 'config.yaml', undefined, { createNamespace: false }),
    'helm install --namespace team -f config.yaml -- polyaxon polyaxon/polyaxon',
  );
});

for (const major of [3, 4] as const) {
  describe(`helm ${major} against a cluster where this account may not create namespaces`, () => {
    let cluster: FakeCluster;
    let helm: string;
    let dir: string;
    let env: Record<string, string>;
    let chartRepo: ChartRepo;
    const kubeconfig = () => join(dir, 'kubeconfig');
    const common = () => ['--helm', helm, '--kubeconfig', kubeconfig(), '--repo-url', chartRepo.url, '--wait', '0'];

    before(async () => {
      helm = await helmBinary(major);
      dir = tempDir(`helm-namespace-${major}-`);
      env = helmEnv(dir);
      cluster = await startFakeCluster({
        version: KUBE_1_21,
        objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }],
      });
      cluster.forbid({ verb: 'create', resource: 'namespaces' });
      await cluster.writeKubeconfig(kubeconfig(), { context: 'fake' });
      chartRepo = await serveChartRepo(helm, [CHART], join(dir, 'repo'), env);
    });
    after(async () => {
      await chartRepo?.close();
      await cluster?.close();
    });

    test('the namespace exists: helm runs without --create-namespace and the install succeeds', async () => {
      const r = await runCli(['--preset', 'minikube', '--yes', '--namespace', 'team', ...common()], { cwd: dir, env });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stderr, /\$ helm install --namespace team -f \S+config\.yaml .*-- polyaxon polyaxon\/polyaxon/);
      assert.doesNotMatch(r.stderr, /--create-namespace/);
      assert.match(r.stdout, /Installed release polyaxon in namespace team/);
    });

    test('the namespace is missing: refused before config.yaml is written, saying who can create it', async () => {
      const cwd = tempDir('helm-namespace-missing-');
      const r = await runCli(['--preset', 'minikube', '--yes', '--namespace', 'elsewhere', ...common()], {
        cwd,
        env,
      });
      assert.equal(r.exitCode, ExitCode.Forbidden, r.stderr);
      assert.match(r.stderr, /The namespace elsewhere does not exist and this account may not create it/);
      assert.match(r.stderr, /kubectl create namespace elsewhere/);
      assert.ok(!existsSync(join(cwd, 'config.yaml')), 'config.yaml is not written');
    });
  });
}

test('helm 4: a right the rendered chart needs is missing: refused before anything is created, with the Role that grants it', async () => {
  const helm = await helmBinary(4);
  const dir = tempDir('helm-rbac-');
  const env = helmEnv(dir);
  const cluster = await startFakeCluster({
    version: KUBE_1_21,
    objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }],
  });
  try {
    cluster.forbid({ verb: 'create', resource: 'roles', namespace: 'team' });
    const kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig, { context: 'fake' });
    const r = await runCli(
      [
        '--preset',
        'minikube',
        '--yes',
        '--namespace',
        'team',
        '--helm',
        helm,
        '--kubeconfig',
        kubeconfig,
        '--chart',
        CHART,
        '--wait',
        '0',
      ],
      { cwd: dir, env },
    );
    assert.equal(r.exitCode, ExitCode.Forbidden, r.stderr);
    assert.match(
      r.stderr,
      /This account may not do what installing the chart needs: create roles\.rbac\.authorization\.k8s\.io in team\./,
    );
    assert.match(
      r.stderr,
      /kind: Role\n\s*metadata:\n\s*name: polyaxon-installer\n\s*namespace: team\n\s*rules:\n\s*- apiGroups: \[rbac\.authorization\.k8s\.io\]\n\s*resources: \[roles\]\n\s*verbs: \[create\]/,
    );
    assert.doesNotMatch(r.stderr, /\$ helm install/, 'helm install never ran');
    assert.equal(cluster.store.list('secrets', 'team').filter((s) => s.metadata.labels?.owner === 'helm').length, 0);
  } finally {
    await cluster.close();
  }
});
