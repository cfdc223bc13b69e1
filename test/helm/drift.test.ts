/** The drift guard: which keys of config.yaml a chart would silently ignore. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import yaml from 'js-yaml';
import { driftWarning, ignoredKeys, parseChartValues } from '../../src/helm/drift.js';
import { helmBinary } from '../support/helm-binaries.js';
import { repoRoot, sharedDir } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';

test('unknown keys are named at the first segment the chart lacks, with how much is under them', () => {
  const chart = {
    ingress: { enabled: false, annotations: {} },
    dns: {},
    nodeSelector: {},
    affinity: null,
    tolerations: [],
    user: { username: 'root' },
  };
  const config = {
    ingress: { enabled: true, hostName: 'x', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    dns: { backend: 'coredns' },
    nodeSelector: { pool: 'a' },
    affinity: { nodeAffinity: { x: 1 } },
    tolerations: [{ key: 'k' }],
    user: { username: 'root', password: null },
    persistence: { logs: { mountPath: '/l', hostPath: '/h' }, data: { d1: { mountPath: '/d' } } },
    serviceType: 'NodePort',
  };
  assert.deepEqual(ignoredKeys(config, chart), [
    { path: 'ingress.hostName', settings: 1 },
    { path: 'persistence', settings: 3 },
    { path: 'serviceType', settings: 1 },
  ]);
});

test('map entries are free-form where the chart leaves the map empty (persistence.data.<name>)', () => {
  const chart = parseChartValues(readFileSync(join(sharedDir, 'polyaxon-chart', 'values-0.6.1.yaml'), 'utf8'));
  const config = {
    persistence: {
      logs: { existingClaim: 'logs-pvc' },
      data: { 'data-gcs': { store: 'gcs', bucket: 'gs://b', secret: 's' } },
      outputs: { o1: { mountPath: '/o', hostPath: '/tmp/o' } },
    },
  };
  assert.deepEqual(ignoredKeys(config, chart), []);
});

test("a spec config against chart 1.22's values: the persistence and GPU sections go unread", () => {
  const chart = parseChartValues(readFileSync(join(sharedDir, 'polyaxon-chart', 'values-1.22.0.yaml'), 'utf8'));
  const config = {
    persistence: { logs: { mountPath: '/l' } },
    dirs: { nvidia: { lib: '/usr/lib' } },
    mountPaths: { nvidia: { lib: '/x' } },
    dns: { backend: 'coredns' },
    timezone: 'UTC',
  };
  assert.deepEqual(
    ignoredKeys(config, chart).map((k) => k.path),
    ['persistence', 'dirs', 'mountPaths'],
  );
});

test('the warning lists each key and what to do', () => {
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
  assert.match(lines[3], /--chart-version 0\.6\.1/);
});

test("the 2.x-like fixture chart, read by the real helm: a minikube config's persistence and GPU keys are flagged", async () => {
  const helm = await helmBinary(4);
  const shown = await execa(helm, ['show', 'values', join(repoRoot, 'test', 'fixtures', 'polyaxon-chart-2x')]);
  const dir = tempDir('helm-drift-');
  const r = await runCli(['--preset', 'minikube', '--yes', '--no-install'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  const config = yaml.load(readFileSync(join(dir, 'config.yaml'), 'utf8'));
  const paths = ignoredKeys(config, parseChartValues(shown.stdout)).map((k) => k.path);
  for (const p of ['persistence', 'serviceType']) assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
  assert.ok(!paths.includes('ingress') && !paths.includes('rbac'), 'keys the chart has are not flagged');
});
