/**
 * A chart that cannot install on the cluster is refused before config.yaml is written or anything
 * is applied, naming the objects and APIs and the newest published version that fits (from the
 * repository's index). The published archives are served as a loopback chart repository and
 * rendered by the real helm 3 and helm 4; the in-memory cluster's discovery follows its /version.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import yaml from 'js-yaml';
import { ExitCode } from '../../src/errors.js';
import { DEFAULT_VERSION, KUBE_1_21, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { HELM_MAJORS, helmBinary } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { chartsDir, needsArchives } from '../support/published-charts.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { serveChartRepo, serveChartsDir, type ChartRepo } from './chart-repo.js';
import { helmEnv } from './support.js';

const PASSWORD = 'fit-n0t-printed';
const releases = (c: FakeCluster) =>
  c.store.list('secrets', 'polyaxon').filter((s) => s.metadata.labels?.owner === 'helm');

for (const major of HELM_MAJORS) {
  describe(`helm ${major}: the chart must fit the cluster`, { skip: needsArchives() }, () => {
    let cluster: FakeCluster;
    let repo: ChartRepo;
    let helm: string;
    let dir: string;
    let env: Record<string, string>;
    const cli = async (args: string[]) => {
      const r = await runCli(
        [...args, '--helm', helm, '--kubeconfig', join(dir, 'kubeconfig'), '--repo-url', repo.url],
        { cwd: dir, env },
      );
      assert.doesNotMatch(r.stdout + r.stderr, new RegExp(PASSWORD), 'the password is never printed');
      return r;
    };

    before(async () => {
      helm = await helmBinary(major);
      dir = tempDir(`chart-fit-${major}-`);
      env = helmEnv(dir);
      cluster = await startFakeCluster({ version: DEFAULT_VERSION });
      await cluster.writeKubeconfig(join(dir, 'kubeconfig'), { context: `fit-${major}` });
      repo = await serveChartsDir(chartsDir()!);
    });
    after(async () => {
      await repo?.close();
      await cluster?.close();
    });

    test('chart 1.1.9 on Kubernetes 1.34: refused before config.yaml, naming the CRDs and 2.15.1', async () => {
      cluster.version = DEFAULT_VERSION;
      const r = await cli([
        '--preset',
        'minikube',
        '--yes',
        '--chart-version',
        '1.1.9',
        '--set-string',
        `user.password=${PASSWORD}`,
      ]);
      assert.equal(r.exitCode, ExitCode.HelmFailed, r.stderr);
      assert.match(r.stderr, /polyaxon\/polyaxon 1\.1\.9 cannot install on Kubernetes v1\.34\.1/);
      assert.match(
        r.stderr,
        /CustomResourceDefinition operations\.core\.polyaxon\.com: apiextensions\.k8s\.io\/v1beta1 is not served/,
      );
      assert.match(r.stderr, /Chart 2\.15\.1 is the newest published version that fits: --chart-version 2\.15\.1/);
      assert.equal(existsSync(join(dir, 'config.yaml')), false, 'nothing is written');
      assert.deepEqual(releases(cluster), [], 'nothing is applied');
    });

    test('chart 0.6.1, which today’s helm cannot render: refused with the template, and 2.15.1', async () => {
      const r = await cli(['--preset', 'minikube', '--yes', '--chart-version', '0.6.1']);
      assert.equal(r.exitCode, ExitCode.HelmFailed, r.stderr);
      assert.match(r.stderr, /helm cannot render the chart 0\.6\.1: its template \S*cm\.yaml:133 fails/);
      assert.match(r.stderr, /--chart-version 2\.15\.1/);
      assert.equal(existsSync(join(dir, 'config.yaml')), false);
    });

    test('chart 1.1.9 on Kubernetes 1.21 fits: the dry run goes ahead', async () => {
      cluster.version = KUBE_1_21;
      try {
        const r = await cli(['--preset', 'minikube', '--yes', '--dry-run', '--chart-version', '1.1.9']);
        assert.doesNotMatch(r.stderr, /cannot install/);
        assert.equal(r.exitCode, 0, r.stderr);
      } finally {
        cluster.version = DEFAULT_VERSION;
      }
    });

    test('--no-install: the same finding is a warning, and config.yaml is written for that line', async () => {
      const out = join(dir, 'no-install.yaml');
      const r = await cli(['--preset', 'auto', '--yes', '--no-install', '--chart-version', '1.1.9', '-o', out]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(
        r.stderr,
        /chart 1\.1\.9 cannot install on Kubernetes v1\.34\.1: chart 1\.0–1\.11 needs Kubernetes 1\.21 or older/,
      );
      assert.match(r.stderr, /Chart 2\.15\.1 is the newest published version that fits/);
      assert.match(r.stdout, /Wrote \S*no-install\.yaml for chart 1\.1\.9/);
      const written = yaml.load(readFileSync(out, 'utf8')) as Record<string, unknown>;
      // Chart 1.0–1.11 reads `namespace`; from 1.12 on everything goes to the release namespace.
      assert.equal(written.namespace, 'polyaxon', 'written under the names chart 1.1.9 reads');
    });
  });
}

describe('an upgrade onto a cluster that moved on', () => {
  let cluster: FakeCluster;
  let repo: ChartRepo;
  let helm: string;
  let dir: string;
  let env: Record<string, string>;
  const kubeconfig = () => join(dir, 'kubeconfig');

  before(async () => {
    helm = await helmBinary(4);
    dir = tempDir('chart-fit-upgrade-');
    env = helmEnv(dir);
    cluster = await startFakeCluster({ version: KUBE_1_21 });
    await cluster.writeKubeconfig(kubeconfig(), { context: 'moved' });
    repo = await serveChartRepo(helm, [join(repoRoot, 'test', 'fixtures', 'polyaxon-chart')], join(dir, 'repo'), env);
  });
  after(async () => {
    await repo?.close();
    await cluster?.close();
  });

  test('a release of the 0.6 stand-in, then Kubernetes 1.22: the upgrade is refused, config.yaml kept', async () => {
    const common = ['--helm', helm, '--kubeconfig', kubeconfig(), '--repo-url', repo.url];
    const installed = await runCli(['--preset', 'minikube', '--yes', '--set', 'rbac.enabled=true', ...common], {
      cwd: dir,
      env,
    });
    assert.equal(installed.exitCode, 0, installed.stderr);
    const before = readFileSync(join(dir, 'config.yaml'), 'utf8');

    cluster.version = { ...KUBE_1_21, minor: '22', gitVersion: 'v1.22.17' };
    writeFileSync(join(dir, 'config.yaml'), before.replace('timeZone: UTC', 'timeZone: Europe/Berlin'));
    const r = await runCli(['upgrade', '--yes', ...common], { cwd: dir, env });
    assert.equal(r.exitCode, ExitCode.HelmFailed, r.stderr);
    assert.match(r.stderr, /cannot install on Kubernetes v1\.22\.17/);
    assert.match(r.stderr, /Role \S+-role: rbac\.authorization\.k8s\.io\/v1beta1 is not served/);
    const history = JSON.parse(
      String(
        (
          await execa(helm, ['history', 'polyaxon', '-n', 'polyaxon', '-o', 'json', '--kubeconfig', kubeconfig()], {
            env,
          })
        ).stdout,
      ),
    );
    assert.equal(history.length, 1, 'nothing was applied');
    assert.match(
      readFileSync(join(dir, 'config.yaml'), 'utf8'),
      /Europe\/Berlin/,
      'config.yaml is as the person left it',
    );
  });
});

describe('doctor says whether the chart fits', () => {
  let cluster: FakeCluster;
  let dir: string;
  before(async () => {
    dir = tempDir('chart-fit-doctor-');
    cluster = await startFakeCluster();
    await cluster.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  after(() => cluster?.close());
  const env = () => ({ HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBERNETES_SERVICE_HOST: '' });

  test('chart 1.1.9 on 1.34: ✗ with the version that fits; the default chart: ✓', async () => {
    const old = await runCli(['doctor', '--chart-version', '1.1.9'], { env: env() });
    assert.equal(old.exitCode, 0, old.stderr);
    assert.match(old.stdout, /^Chart fit\n {2}✗ chart 1\.1\.9 cannot install on Kubernetes v1\.34\.1/m);
    assert.match(old.stdout, /→ Chart 2\.15\.1 is the newest published version that fits/);
    const now = await runCli(['doctor', '--json'], { env: env() });
    assert.deepEqual(JSON.parse(now.stdout).chartFit, {
      chart: 'chart 2.15.1 (the newest this tool knows; --chart-version unset)',
      fits: true,
    });
  });
});
