/** The drift guard: which keys of config.yaml a chart's templates never read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { chartFiles } from '../../src/helm/chart-archive.js';
import { chartReads } from '../../src/helm/chart-reads.js';
import { driftWarning, unreadKeys } from '../../src/helm/drift.js';
import { archivePath, needsArchives } from '../support/published-charts.js';
import { runCli, tempDir } from '../support/run-cli.js';

const readsOf = (v: string) => chartReads(chartFiles(archivePath(v) as string));

test('unread keys are named at the first segment no template reads, with how much is under them', () => {
  const reads = [['ingress', 'enabled'], ['dns'], ['nodeSelector'], ['user', 'username']];
  const config = {
    ingress: { enabled: true, hostName: 'x' },
    dns: { backend: 'coredns' },
    nodeSelector: { pool: 'a' },
    user: { username: 'root', password: null },
    persistence: { logs: { mountPath: '/l', hostPath: '/h' }, data: { d1: { mountPath: '/d' } } },
  };
  assert.deepEqual(unreadKeys(config, reads), [
    { path: 'ingress.hostName', settings: 1 },
    { path: 'persistence', settings: 3 },
  ]);
});

test('chart 2.15.1, read from its templates: no false alarms, no misses', { skip: needsArchives() }, () => {
  const reads = readsOf('2.15.1');
  const config = {
    hostName: 'px.example.com',
    allowedHosts: ['10.0.0.1'],
    affinity: { nodeAffinity: { x: 1 } },
    postgresql: { primary: { nodeSelector: { a: 'b' } } },
    gateway: { service: { type: 'NodePort', annotations: { a: 'b' } } },
    ingress: { className: 'nginx' },
    namespace: 'polyaxon',
    serviceType: 'NodePort',
    persistence: { logs: { hostPath: '/h' } },
    dirs: { nvidia: { lib: '/usr/lib' } },
    resourcesDaemon: { enabled: true },
    postgresql_x: 1,
  };
  assert.deepEqual(
    unreadKeys(config, reads).map((k) => k.path),
    ['namespace', 'serviceType', 'persistence', 'dirs', 'resourcesDaemon', 'postgresql_x'],
  );
});

test('chart 0.6.1 reads the spec names that 2.x does not', { skip: needsArchives() }, () => {
  const config = {
    namespace: 'polyaxon',
    serviceType: 'NodePort',
    persistence: { logs: { existingClaim: 'c' }, data: { d: { store: 'gcs', bucket: 'gs://b' } } },
    dirs: { nvidia: { lib: '/usr/lib' } },
    timezone: 'UTC',
  };
  assert.deepEqual(
    unreadKeys(config, readsOf('0.6.1')).map((k) => k.path),
    ['timezone'],
  );
});

test(
  'what --preset writes for the default chart line is all read by chart 2.15.1',
  { skip: needsArchives() },
  async () => {
    const reads = readsOf('2.15.1');
    for (const preset of ['minikube', 'eks', 'gke', 'openshift', 'nfs']) {
      const dir = tempDir('drift-');
      const r = await runCli(['--preset', preset, '--yes', '--no-install'], { cwd: dir });
      assert.equal(r.exitCode, 0, r.stderr);
      const config = yaml.load(readFileSync(join(dir, 'config.yaml'), 'utf8'));
      assert.deepEqual(unreadKeys(config, reads), [], `${preset} writes keys 2.15.1 never reads`);
    }
  },
);

test('the warning lists each key and never points to a chart that cannot install', () => {
  assert.deepEqual(driftWarning([], { file: 'config.yaml', chart: 'c' }), []);
  const lines = driftWarning(
    [
      { path: 'persistence', settings: 12 },
      { path: 'serviceType', settings: 1 },
    ],
    { file: 'config.yaml', chart: 'polyaxon/polyaxon' },
  );
  assert.match(lines[0], /chart polyaxon\/polyaxon does not read these keys of config\.yaml/);
  assert.deepEqual(lines.slice(1, 3), ['  persistence  (12 settings)', '  serviceType']);
  assert.doesNotMatch(lines.join('\n'), /0\.6/);
});
