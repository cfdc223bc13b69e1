import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { buildConfig } from '../../src/model/build.js';
import { fromChartLine, toChartLine } from '../../src/model/chart-line.js';
import { isMap, leafPaths } from '../../src/model/merge.js';
import { listPresetNames, loadPreset } from '../../src/model/presets.js';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { packageRoot } from '../../src/paths.js';

const sharedChart = join(packageRoot, '..', 'shared', 'polyaxon-chart');
const realValues = (v: string) =>
  yaml.load(readFileSync(join(sharedChart, `values-${v}.yaml`), 'utf8')) as Record<string, unknown>;

/**
 * Keys a chart line accepts: the paths in its values.yaml, plus what NOTES.md says both lines read
 * though their values.yaml leaves it commented out, plus the scheduling keys every bundled
 * dependency chart takes.
 */
function accepted(values: Record<string, unknown>, rabbit: string): (path: string) => boolean {
  const known = new Set<string>();
  // `ui: {}` in a values.yaml means the chart reads keys under ui that it sets no default for.
  const openMaps: string[] = [];
  (function walk(v: unknown, p: string) {
    if (p) known.add(p);
    if (p && isMap(v) && Object.keys(v).length === 0) openMaps.push(p);
    if (isMap(v)) for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
  })(values, '');
  const notesSame = ['allowedHosts', 'hostName', 'ingress.annotations', 'ingress.tls', 'ssl', 'dns'];
  const deps = ['postgresql', 'redis.master', 'redis.slave', rabbit].flatMap((d) =>
    ['nodeSelector', 'tolerations', 'affinity'].map((k) => `${d}.${k}`),
  );
  // Map entries (data/outputs names, annotations, selectors) are the user's own keys.
  const mapRoots = [
    'persistence.data',
    'persistence.outputs',
    'ingress.annotations',
    'api.service.annotations',
    'nodeSelector',
    'affinity',
    ...deps,
    'ssl',
    'dns',
  ];
  return (path) => {
    const plain = path.replace(/\[\d+\]/g, '');
    if (known.has(plain) || notesSame.includes(plain) || deps.includes(plain)) return true;
    return (
      [...mapRoots, ...openMaps].some((r) => plain.startsWith(`${r}.`)) ||
      (plain.startsWith('tolerations') && known.has('tolerations'))
    );
  };
}

for (const [version, rabbit] of [
  ['0.6.1', 'rabbitmq-ha'],
  ['1.22.0', 'rabbitmq'],
] as const) {
  test(`every key written for each preset exists in the real chart ${version}`, async () => {
    const ok = accepted(realValues(version), rabbit);
    for (const name of await listPresetNames()) {
      const p = await loadPreset(name);
      const built = buildConfig(
        [
          { source: name, values: p.values },
          { source: 'deps', values: { postgresql: { nodeSelector: { pool: 'db' } }, rabbitmq: { tolerations: [] } } },
        ],
        { chartVersion: version },
      );
      const bad = leafPaths(built.written).filter((k) => !ok(k.replace(/\\\./g, '.')));
      assert.deepEqual(bad, [], `preset ${name} writes keys chart ${version} does not read`);
    }
  });
}

test('chart 0.6.x names: timeZone, adminViewEnabled, securityContext.user/group, rabbitmq-ha', () => {
  const { values } = toChartLine({ ...SPEC_DEFAULTS, rabbitmq: { nodeSelector: { a: 'b' } } }, '0.6.1');
  assert.equal(values.timeZone, 'UTC');
  assert.equal(values.adminViewEnabled, true);
  assert.deepEqual(values.securityContext, { enabled: false, user: 2222, group: 2222 });
  assert.deepEqual(values['rabbitmq-ha'], { nodeSelector: { a: 'b' } });
  for (const gone of ['timezone', 'ui', 'rabbitmq']) assert.equal(gone in values, false, gone);
});

test('chart 1.x leaves out persistence and GPU paths, and says so', () => {
  const { values, dropped } = toChartLine({ ...SPEC_DEFAULTS, dirs: { nvidia: { lib: '/usr/lib/nvidia' } } }, '1.22.0');
  for (const gone of ['persistence', 'dirs', 'resourcesDaemon']) assert.equal(gone in values, false, gone);
  assert.deepEqual(dropped.map((d) => d.field).sort(), ['dirs', 'persistence']);
  assert.ok(dropped.every((d) => d.severity === 'warning'));
  assert.deepEqual(values.gateway, { service: { type: 'LoadBalancer' } });
});

test('the ingress class annotation becomes ingress.className on chart 1.x', () => {
  const { values } = toChartLine(
    { ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx', other: 'x' } } },
    '1.22.0',
  );
  assert.deepEqual(values.ingress, { annotations: { other: 'x' }, className: 'nginx' });
});

test('no --chart-version writes the spec names unchanged', () => {
  const { values, dropped } = toChartLine(SPEC_DEFAULTS, undefined);
  assert.deepEqual(values, SPEC_DEFAULTS);
  assert.deepEqual(dropped, []);
});

test('fromChartLine reads a 0.6 file back under the spec names', () => {
  const back = fromChartLine(
    { timeZone: 'Europe/Berlin', adminViewEnabled: false, securityContext: { user: 1 } },
    '0.6.1',
  );
  assert.deepEqual(back, { timezone: 'Europe/Berlin', ui: { adminEnabled: false }, securityContext: { runAsUser: 1 } });
});
