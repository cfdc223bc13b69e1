/** The chart-line table as data: which version is which line, and how each line renames and drops. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartLineFor, fromChartLine, NEWEST_KNOWN, toChartLine } from '../../src/model/chart-line.js';
import { acrossLines, mappingLines } from '../../src/model/lines/across.js';
import { buildConfig } from '../../src/model/build.js';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';

test('versions fall in their lines; unset is the newest line', () => {
  const ids = ['0.6.1', '1.0.98', '1.11.3', '1.12.3', '1.13.0', '1.20.0', '2.0.0', '2.15.1', '3.0.0'].map(
    (v) => chartLineFor(v).id,
  );
  assert.deepEqual(ids, ['0.6', '1.0', '1.0', '1.12', '1.13', '1.13', '2', '2', '2']);
  assert.equal(chartLineFor(undefined).id, '2');
  assert.equal(chartLineFor(undefined).example, NEWEST_KNOWN);
});

test('chart 0.6.x names: timeZone, adminViewEnabled, securityContext.user/group, rabbitmq-ha, postgresql.master', () => {
  const { values } = toChartLine(
    { ...SPEC_DEFAULTS, rabbitmq: { nodeSelector: { a: 'b' } }, postgresql: { nodeSelector: { p: 'q' } } },
    '0.6.1',
  );
  assert.equal(values.timeZone, 'UTC');
  assert.equal(values.adminViewEnabled, true);
  assert.deepEqual(values.securityContext, { enabled: false, user: 2222, group: 2222 });
  assert.deepEqual(values['rabbitmq-ha'], { nodeSelector: { a: 'b' } });
  assert.deepEqual(values.postgresql, { master: { nodeSelector: { p: 'q' } } });
  for (const gone of ['timezone', 'ui', 'rabbitmq']) assert.equal(gone in values, false, gone);
  assert.ok('persistence' in values, '0.6 reads persistence');
});

test('chart 2.x: gateway, className, primary, replica, the artifacts store and connections', () => {
  const { values, dropped } = toChartLine(
    {
      ...SPEC_DEFAULTS,
      serviceType: 'NodePort',
      api: { service: { annotations: { a: 'b' } } },
      ingress: { enabled: true, annotations: { 'kubernetes.io/ingress.class': 'nginx', other: 'x' } },
      postgresql: { tolerations: [{ key: 'db', operator: 'Exists' }] },
      redis: { slave: { nodeSelector: { r: 's' } } },
      dirs: { nvidia: { lib: '/usr/lib/nvidia' } },
      persistence: {
        outputs: { s3: { store: 's3', bucket: 's3://out', secret: 'aws' } },
        data: { d1: { existingClaim: 'data-pvc', mountPath: '/d', readOnly: true } },
        logs: { existingClaim: 'logs-pvc' },
      },
    },
    undefined,
  );
  assert.deepEqual(values.gateway, { service: { type: 'NodePort', annotations: { a: 'b' } } });
  assert.deepEqual(values.ingress, { enabled: true, annotations: { other: 'x' }, className: 'nginx' });
  assert.deepEqual(values.postgresql, { primary: { tolerations: [{ key: 'db', operator: 'Exists' }] } });
  assert.deepEqual(values.redis, { replica: { nodeSelector: { r: 's' } } });
  assert.deepEqual(values.artifactsStore, {
    name: 's3',
    kind: 's3',
    schema: { bucket: 's3://out' },
    secret: { name: 'aws' },
  });
  assert.deepEqual(values.connections, [
    { name: 'd1', kind: 'volume_claim', schema: { volumeClaim: 'data-pvc', mountPath: '/d', readOnly: true } },
  ]);
  for (const gone of ['serviceType', 'api', 'persistence', 'dirs', 'resourcesDaemon', 'namespace', 'deploymentVersion'])
    assert.equal(gone in values, false, gone);
  // What the person chose and the line cannot read is said; spec defaults are left out quietly.
  assert.deepEqual(dropped.map((d) => d.field).sort(), ['dirs', 'persistence.logs']);
  assert.ok(dropped.every((d) => d.severity === 'warning'));
});

test('chart 2.x: NodePort SSL is not written, and the warning offers ingress TLS', () => {
  const { values, dropped } = toChartLine({ ssl: { enabled: true, secretName: 'tls' } }, '2.15.1');
  assert.equal('ssl' in values, false);
  assert.match(dropped[0].message, /never mounts ssl\.secretName/);
  assert.match(dropped[0].fix ?? '', /Ingress with TLS/);
});

test('two outputs volumes: the first is the artifacts store, the second a connection, said', () => {
  const { values, dropped } = toChartLine(
    {
      persistence: { outputs: { a: { hostPath: '/a', mountPath: '/a' }, b: { existingClaim: 'b', mountPath: '/b' } } },
    },
    '2.15.1',
  );
  assert.equal((values.artifactsStore as { name: string }).name, 'a');
  assert.deepEqual(
    (values.connections as { name: string }[]).map((c) => c.name),
    ['b'],
  );
  assert.match(dropped[0].message, /written as a connection/);
});

test('fromChartLine reads 0.6 and 2.x files back under the spec names', () => {
  assert.deepEqual(
    fromChartLine({ timeZone: 'Europe/Berlin', adminViewEnabled: false, securityContext: { user: 1 } }, '0.6.1'),
    { timezone: 'Europe/Berlin', ui: { adminEnabled: false }, securityContext: { runAsUser: 1 } },
  );
  const back = fromChartLine(
    {
      gateway: { service: { type: 'NodePort' } },
      artifactsStore: { name: 'o', kind: 'volume_claim', schema: { volumeClaim: 'c', mountPath: '/o' } },
    },
    '2.15.1',
  );
  assert.equal(back.serviceType, 'NodePort');
  assert.deepEqual((back.persistence as any).outputs.o, { existingClaim: 'c', mountPath: '/o' });
});

test('a file in the line names round-trips: written for 2.x, read back, written again, the same', () => {
  const first = buildConfig([{ source: 'answers', values: { serviceType: 'NodePort' } }], {}).written;
  const again = buildConfig([{ source: '-f config.yaml', values: first as never }], {}).written;
  assert.deepEqual(again, first);
});

test('an existingClaim over the default hostPath replaces it: one source per volume', () => {
  const built = buildConfig([{ source: '-f x', values: { persistence: { logs: { existingClaim: 'logs' } } } }], {
    chartVersion: '0.6.1',
  });
  assert.deepEqual((built.written.persistence as any).logs, { mountPath: '/polyaxon-logs', existingClaim: 'logs' });
});

test('an upgrade from 1.x to 2.x: the table of what maps to what, and what has no equivalent', () => {
  const deployed = {
    gateway: { service: { type: 'NodePort' } },
    'rabbitmq-ha': { nodeSelector: { a: 'b' } },
    postgresql: { master: { nodeSelector: { p: 'q' } } },
    securityContext: { user: 1000 },
    namespace: 'polyaxon',
  };
  const a = acrossLines(deployed, '1.12.3', '2.15.1');
  assert.ok(a.crosses);
  const map = Object.fromEntries(a.mappings.map((m) => [m.from, m.to]));
  assert.equal(map['rabbitmq-ha.nodeSelector.a'], 'rabbitmq.nodeSelector.a');
  assert.equal(map['postgresql.master.nodeSelector.p'], 'postgresql.primary.nodeSelector.p');
  assert.equal(map['securityContext.user'], 'securityContext.runAsUser');
  assert.equal(map.namespace, undefined, 'namespace has no equivalent on 2.x');
  assert.ok('namespace' in map);
  assert.equal((a.values.gateway as any).service.type, 'NodePort', 'same name on both lines: kept');
  const lines = mappingLines(a, { from: 'chart 1.12.3', to: 'chart 2.15.1' });
  assert.match(lines[0], /From chart 1\.12\.3 to chart 2\.15\.1/);
  assert.ok(lines.some((l) => /namespace\s+→\s+\(no equivalent/.test(l)));
  assert.equal(acrossLines(deployed, '2.1.0', '2.15.1').crosses, false);
});
