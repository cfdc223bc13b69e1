/**
 * The built CLI, as a user runs it, with the real helm 3.17 and 4.1 against the fake cluster and
 * the fixture chart served from a chart repository on 127.0.0.1 (`--repo-url`): install, upgrade
 * (a changed value reaches the release), rollback, uninstall with a failing pre-delete hook
 * (`--no-hooks`, then the hook Jobs left behind deleted), the drift guard on the 2.x-like chart,
 * template, and the refusals.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ExitCode } from '../../src/errors.js';
import { KUBE_1_21, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { helmBinary } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { serveChartRepo, type ChartRepo } from './chart-repo.js';
import { helmEnv } from './support.js';

const CHART = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
const CHART_2X = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart-2x');
const PASSWORD = 'e2e-n0t-printed';

for (const major of [3, 4] as const) {
  describe(`helm ${major}: polyaxon-setup end to end`, () => {
    let cluster: FakeCluster;
    let helm: string;
    let dir: string;
    let env: Record<string, string>;
    let repo: ChartRepo;
    const kubeconfig = () => join(dir, 'kubeconfig');
    const common = () => ['--helm', helm, '--kubeconfig', kubeconfig(), '--repo-url', repo.url];
    const cli = async (args: string[]) => {
      const r = await runCli(args, { cwd: dir, env });
      assert.doesNotMatch(r.stdout + r.stderr, new RegExp(PASSWORD), 'the password is never printed');
      return r;
    };
    const helmJson = async (...args: string[]) =>
      JSON.parse(
        String(
          (await execa(helm, [...args, '-n', 'polyaxon', '-o', 'json', '--kubeconfig', kubeconfig()], { env })).stdout,
        ),
      );
    const releases = () => cluster.store.list('secrets', 'polyaxon').filter((s) => s.metadata.labels?.owner === 'helm');
    const hookJobs = () =>
      cluster.store
        .list('jobs', 'polyaxon')
        .map((j) => j.metadata.name)
        .sort();

    before(async () => {
      helm = await helmBinary(major);
      dir = tempDir(`helm-e2e-${major}-`);
      env = helmEnv(dir);
      cluster = await startFakeCluster({
        version: KUBE_1_21,
        failJob: (j) => String(j.metadata?.name).endsWith('-pre-delete'),
      });
      await cluster.writeKubeconfig(kubeconfig(), { context: `fake-${major}` });
      repo = await serveChartRepo(helm, [CHART], join(dir, 'repo'), env);
    });
    after(async () => {
      await repo?.close();
      await cluster?.close();
    });

    test('--preset minikube --yes writes config.yaml and installs from the repository', async () => {
      const r = await cli(['--preset', 'minikube', '--yes', '--set-string', `user.password=${PASSWORD}`, ...common()]);
      assert.equal(r.exitCode, 0, r.stderr);
      // --chart-version unset: the newest version the repository serves decides the line, and is pinned.
      assert.match(
        r.stdout,
        /Wrote config\.yaml for chart 0\.6\.1 \(the newest polyaxon\/polyaxon serves; --chart-version unset\)/,
      );
      assert.match(r.stdout, new RegExp(`Installed release polyaxon in namespace polyaxon on context fake-${major}`));
      assert.match(r.stderr, /\$ helm repo add --force-update -- polyaxon http:\/\/127\.0\.0\.1:\d+/);
      assert.match(
        r.stderr,
        /\$ helm install --namespace polyaxon --create-namespace -f \S+config\.yaml --version 0\.6\.1 --kubeconfig \S+ -- polyaxon polyaxon\/polyaxon/,
      );
      assert.match(r.stderr, /^helm: STATUS: deployed$/m);
      assert.doesNotMatch(r.stderr, /does not read/, 'the fixture chart reads every key: no drift warning');
      assert.deepEqual(
        releases().map((s) => [s.metadata.labels.version, s.metadata.labels.status]),
        [['1', 'deployed']],
      );
      const values = await helmJson('get', 'values', 'polyaxon');
      assert.equal(values.deploymentType, 'minikube');
      assert.ok(cluster.store.get('Job', 'polyaxon-polyaxon-post-install', 'polyaxon'), 'the post-install hook ran');
    });

    test('a second install names the existing release and points to upgrade, before config.yaml is touched', async () => {
      const before = readFileSync(join(dir, 'config.yaml'), 'utf8');
      const files = readdirSync(dir).sort();
      const r = await cli(['--preset', 'microk8s', '--yes', ...common()]);
      assert.equal(r.exitCode, ExitCode.HelmFailed);
      assert.match(
        r.stderr,
        /A release named polyaxon already exists in namespace polyaxon on context fake-\d \(https:\/\/127\.0\.0\.1:\d+\) \(revision 1, polyaxon-0\.6\.1, deployed\)/,
      );
      assert.match(r.stderr, /polyaxon-setup upgrade/);
      assert.equal(readFileSync(join(dir, 'config.yaml'), 'utf8'), before, 'config.yaml is left as it was');
      assert.deepEqual(readdirSync(dir).sort(), files, 'no backup, no new file');
    });

    test('upgrade --set: the changed value reaches the release; the values deployed before are kept 0600', async () => {
      const r = await cli(['upgrade', '--yes', '--set', 'timezone=Europe/Paris', ...common()]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /Upgraded release polyaxon to revision 2/);
      const values = await helmJson('get', 'values', 'polyaxon');
      // The spec's `timezone`, under the name the 0.6 line reads.
      assert.equal(values.timeZone, 'Europe/Paris');
      assert.equal(values.timezone, undefined);
      assert.equal(values.deploymentType, 'minikube', 'the deployed values are the base');
      assert.equal(values.user.password, PASSWORD);
      const backup = readdirSync(dir).find((n) => /^polyaxon-r1\.\d{8}T\d{6}Z\.values\.yaml$/.test(n));
      assert.ok(backup, readdirSync(dir).join(' '));
      assert.equal(statSync(join(dir, backup)).mode & 0o777, 0o600);
    });

    test('rollback returns to revision 1', async () => {
      const r = await cli(['rollback', '--yes', ...common()]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /back to the values and chart of revision 1 \(now revision 3\)/);
      const values = await helmJson('get', 'values', 'polyaxon');
      assert.equal(values.timeZone, 'UTC');
      const config = yaml.load(readFileSync(join(dir, 'config.yaml'), 'utf8')) as Record<string, unknown>;
      assert.equal(config.timeZone, 'UTC', 'config.yaml holds what is deployed again');
      assert.match(r.stdout, /config\.yaml now holds the deployed values/);
      const history = await helmJson('history', 'polyaxon');
      assert.deepEqual(
        history.map((h: any) => h.status),
        ['superseded', 'superseded', 'deployed'],
      );
    });

    test('template prints the manifests, without Secrets', async () => {
      const r = await cli(['template', ...common()]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /kind: ConfigMap/);
      assert.match(r.stdout, /# Secret \S+ is not shown: it holds credentials/);
    });

    test('uninstall: the failing pre-delete hook is skipped with --no-hooks and its Job deleted; PVCs and namespace kept', async () => {
      cluster.store.put([
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data-polyaxon-postgresql-0', namespace: 'polyaxon', labels: { release: 'polyaxon' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Gi' } } },
        },
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'polyaxon-pvc-logs', namespace: 'polyaxon' },
          spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } },
        },
      ]);
      const r = await cli(['uninstall', '--yes', ...common()]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(
        r.stderr,
        /The pre-delete hooks failed \(.*polyaxon-polyaxon-pre-delete.*\)\. Uninstalling without them \(--no-hooks\)/,
      );
      assert.match(r.stderr, /\$ helm uninstall --namespace polyaxon --kubeconfig \S+ --no-hooks -- polyaxon/);
      assert.match(
        r.stdout,
        /Uninstalled release polyaxon from namespace polyaxon on context fake-\d \(https:\/\/127\.0\.0\.1:\d+\) \(without its hooks\)/,
      );
      assert.match(r.stdout, /deleted hook Job polyaxon-polyaxon-pre-delete \(failed\)/);
      assert.deepEqual(hookJobs(), [], 'no hook Job is left behind');
      assert.deepEqual(releases(), []);
      assert.match(
        r.stdout,
        /Kept:\n {2}✔ PVC data-polyaxon-postgresql-0 \(8Gi, ReadWriteOnce\) {2}\(--delete-pvcs removes it\)\n {2}✔ PVC polyaxon-pvc-logs \(1Gi, ReadWriteMany\) {2}\(not made by the release\)\n {2}✔ namespace polyaxon/,
      );
      assert.ok(cluster.store.get('Namespace', 'polyaxon'));
      assert.equal(cluster.store.list('persistentvolumeclaims', 'polyaxon').length, 2);
    });

    test('uninstall --delete-pvcs --delete-namespace removes the release, its PVC and the namespace', async () => {
      cluster.simulation.failJob = undefined;
      const install = await cli(['--yes', '--no-install', '--preset', 'minikube', '-o', 'again.yaml']);
      assert.equal(install.exitCode, 0, install.stderr);
      const again = await cli(['--preset', 'minikube', '-o', 'again.yaml', '--yes', ...common()]);
      assert.equal(again.exitCode, 0, again.stderr);
      const r = await cli(['uninstall', '--yes', '--delete-pvcs', '--delete-namespace', ...common()]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /without its hooks/);
      assert.match(r.stdout, /deleted PVC data-polyaxon-postgresql-0/);
      assert.match(r.stdout, /deleted namespace polyaxon/);
      assert.ok(
        !cluster.store
          .list('persistentvolumeclaims', 'polyaxon')
          .some((p) => p.metadata.name === 'data-polyaxon-postgresql-0'),
      );
    });

    test('the drift guard warns about the keys the 2.x-like chart ignores (dry run: nothing changes)', async () => {
      const before = cluster.store.list('secrets').length;
      const r = await cli([
        '--preset',
        'minikube',
        '--yes',
        '--dry-run',
        '--release',
        'drift',
        '-n',
        'drift',
        '--chart',
        CHART_2X,
        '--helm',
        helm,
        '--kubeconfig',
        kubeconfig(),
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stderr, /Warning: the chart \S+polyaxon-chart-2x does not read these keys of config\.yaml/);
      // Written for its line (2.x names); the fixture reads only part of them, and only that part is quiet.
      assert.match(r.stderr, /^ {2}gateway +\(\d+ settings\)$/m);
      assert.match(r.stderr, /^ {2}deploymentType$/m);
      assert.doesNotMatch(
        r.stderr,
        /^ {2}(artifactsStore|connections|timezone)\b/m,
        'no alarm for what its templates read',
      );
      assert.doesNotMatch(r.stderr, /^ {2}(persistence|serviceType)\b/m, 'spec names are not written for 2.x');
      assert.match(r.stderr, /Dry run \(server-side\)/);
      assert.equal(cluster.store.list('secrets').length, before, 'a dry run stores no release');
    });

    test('a dry run with no cluster answering is client-side, and prints no Secret', async () => {
      const down = join(dir, 'kubeconfig-down');
      writeFileSync(
        down,
        cluster.kubeconfigYaml().replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'),
      );
      const r = await cli([
        '--preset',
        'minikube',
        '--yes',
        '--dry-run',
        '-o',
        'dry.yaml',
        '--set-string',
        `user.password=${PASSWORD}`,
        '--chart',
        CHART,
        '--helm',
        helm,
        '--kubeconfig',
        down,
        '--timeout',
        '2s',
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(
        r.stderr,
        major === 3
          ? /Dry run \(client-side with helm template: the cluster does not answer\)/
          : /Dry run \(client-side: the cluster does not answer\)/,
      );
      assert.match(
        r.stderr,
        major === 3
          ? /\$ helm template .*-- polyaxon /
          : /\$ helm install .* --dry-run=client --hide-secret -- polyaxon /,
      );
      assert.match(r.stdout, /kind: ConfigMap/);
      assert.doesNotMatch(r.stdout, /^kind: Secret$/m);
    });
  });
}

test('without --yes and without a terminal, upgrade and uninstall name --yes and change nothing', async () => {
  const dir = tempDir('helm-e2e-refuse-');
  const helm = await helmBinary(4);
  for (const cmd of ['upgrade', 'uninstall', 'rollback']) {
    const r = await runCli([cmd, '--helm', helm, '--kubeconfig', join(dir, 'missing')], {
      cwd: dir,
      env: helmEnv(dir),
    });
    assert.equal(r.exitCode, ExitCode.NotInteractive, `${cmd}: ${r.stderr}`);
    assert.match(r.stderr, /no terminal to ask on/);
    assert.match(r.stderr, /--yes/);
  }
});

test('a helm that is not there is named, with exit code 6', async () => {
  const dir = tempDir('helm-e2e-missing-');
  const r = await runCli(['--preset', 'minikube', '--yes', '--helm', join(dir, 'no-helm')], { cwd: dir });
  assert.equal(r.exitCode, ExitCode.HelmFailed);
  assert.match(r.stderr, /helm was not found/);
});
