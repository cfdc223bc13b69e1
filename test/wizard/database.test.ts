/**
 * The Database step: in-cluster or an existing PostgreSQL, given as the chart line's own keys
 * (postgresql.enabled, externalServices.postgresql) through the same path as -f/--set's own keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finishValues, buildConfig } from '../../src/model/build.js';
import { LINES } from '../../src/model/chart-line.js';
import { checkOwnKeys } from '../../src/model/lines/own-keys.js';
import { parsePreset } from '../../src/model/presets.js';
import type { Values } from '../../src/model/values.js';
import { buildReview } from '../../src/wizard/review.js';
import { answer, chooseExisting, enterUntil, flowOf, PG_PASSWORD, where } from './database-flow.js';

const EXTERNAL = {
  postgresql: { enabled: false },
  externalServices: {
    postgresql: { host: 'db.example.com', port: 6543, user: 'px', database: 'pxdb', password: PG_PASSWORD },
  },
};

test('chart 2.x: an existing PostgreSQL gives postgresql.enabled false and externalServices.postgresql', () => {
  const { flow, state } = chooseExisting('2.15.1');
  const r = flow.result(state);
  assert.deepEqual(r.own, EXTERNAL);
  // Written as finishValues writes -f's own keys: beside the translated values.
  const built = finishValues(r.values, { chartVersion: '2.15.1', own: r.own });
  assert.deepEqual(built.written.postgresql, { enabled: false });
  assert.deepEqual(built.written.externalServices, EXTERNAL.externalServices);
  // No spec value changes, and the answers journal keeps the own keys.
  assert.equal((r.values as Record<string, unknown>).externalServices, undefined);
  assert.deepEqual(flow.snapshot(state).own, EXTERNAL);
});

test('Enter on the Database step keeps the in-cluster PostgreSQL and writes nothing of its own', () => {
  const flow = flowOf('2.15.1');
  const s = enterUntil(flow, flow.initialState(), 'review');
  assert.ok(s.done.includes('database'));
  assert.deepEqual(flow.result(s).own, {});
});

test('the review shows the own keys, the PostgreSQL password masked', () => {
  const { flow, state } = chooseExisting('2.15.1');
  const review = buildReview(flow.result(state), undefined, { mode: 'install' });
  assert.match(review.yaml, /^postgresql:\n {2}enabled: false$/m);
  assert.match(review.yaml, /host: db\.example\.com/);
  assert.match(review.yaml, /port: 6543/);
  assert.match(review.yaml, /password: ["']?\*{8}["']?/);
  assert.ok(!review.yaml.includes(PG_PASSWORD), 'the password is never shown');
});

test('every line that reads them gets only keys it reads; a line without them skips the step', () => {
  for (const line of LINES) {
    const flow = flowOf(line.example);
    let s = flow.initialState();
    for (let i = 0; i < 200 && where(flow, s) !== 'review' && !where(flow, s).startsWith('database/'); i++)
      s = answer(flow, s);
    if (where(flow, s) === 'review') {
      // Not shown: nothing of its own written.
      assert.deepEqual(flow.result(s).own, {}, line.label);
      continue;
    }
    const { flow: f2, state } = chooseExisting(line.example);
    const own = f2.result(state).own;
    assert.deepEqual(checkOwnKeys(own, line), [], `${line.label} reads every key written`);
  }
});

test('a -f that gives the database skips its questions; Enter keeps the given password', () => {
  const given = { ...EXTERNAL, redis: { enabled: false }, rabbitmq: { enabled: false } };
  const flow = flowOf('2.15.1', { own: given });
  const s = enterUntil(flow, flow.initialState(), 'review');
  const sum = flow.view(s).steps.find((x) => x.id === 'database');
  assert.equal(sum?.status, 'answered');
  // The step itself, opened: every field defaults to what was given, the password kept.
  let e = flow.reduce(s, { type: 'edit', step: 'database' });
  e = enterUntil(flow, e, 'review');
  assert.deepEqual(flow.result(e).own, given);
});

test('a -f that gives only the database: its questions are taken as given, the brokers still asked', () => {
  const flow = flowOf('2.15.1', { own: EXTERNAL });
  let s = enterUntil(flow, flow.initialState(), 'database/redis');
  const v = flow.view(s);
  assert.ok(v.kind === 'step');
  if (v.kind !== 'step') return;
  assert.deepEqual(
    v.previous.map((p) => p.field.id),
    ['postgres', 'host', 'port', 'user', 'database', 'password'],
  );
  s = answer(flow, s, true);
  s = enterUntil(flow, s, 'review');
  assert.deepEqual(flow.result(s).own, { ...EXTERNAL, redis: { enabled: true } });
});

/** Enter up to the Database step's Redis question, then the answers given for Redis and RabbitMQ. */
function brokers(chartVersion: string, redis?: boolean, rabbitmq?: boolean) {
  const flow = flowOf(chartVersion);
  let s = enterUntil(flow, flow.initialState(), 'database/redis');
  s = answer(flow, s, redis);
  assert.equal(where(flow, s), 'database/rabbitmq');
  s = answer(flow, s, rabbitmq);
  return { flow, state: enterUntil(flow, s, 'review') };
}

test('Redis and RabbitMQ: asked on every line that bundles them, turned on under the name the line reads', () => {
  for (const line of LINES) {
    const flow = flowOf(line.example);
    const s = enterUntil(flow, flow.initialState(), 'database/redis');
    const v = flow.view(s);
    assert.ok(v.kind === 'step' && v.field.kind === 'confirm', line.label);
    if (v.kind !== 'step' || v.field.kind !== 'confirm') continue;
    // The chart's own default: 0.6.1 runs both, 1.x and 2.x neither.
    assert.equal(v.field.default, line.bundled.redis, line.label);
    const { flow: f2, state } = brokers(line.example, true, true);
    const own = f2.result(state).own;
    const rabbit = line.id === '2' ? 'rabbitmq' : 'rabbitmq-ha';
    assert.equal((own as any).redis?.enabled, line.bundled.redis ? undefined : true, line.label);
    assert.equal((own as any)[rabbit]?.enabled, line.bundled.rabbitmq ? undefined : true, line.label);
    assert.equal((rabbit === 'rabbitmq' ? 'rabbitmq-ha' : 'rabbitmq') in own, false, "never the other line's name");
    assert.deepEqual(checkOwnKeys(own, line), [], `${line.label} reads every key written`);
    const built = finishValues(f2.result(state).values, { chartVersion: line.example, own });
    if (!line.bundled.rabbitmq) assert.deepEqual(built.written[rabbit], { enabled: true }, line.label);
  }
});

test('Enter on the brokers writes nothing: the chart runs what it runs by default; turning one off on 0.6 is written', () => {
  for (const line of LINES) {
    const flow = flowOf(line.example);
    const s = enterUntil(flow, flow.initialState(), 'review');
    assert.deepEqual(flow.result(s).own, {}, line.label);
  }
  const { flow, state } = brokers('0.6.1', false, true);
  assert.deepEqual(flow.result(state).own, { redis: { enabled: false } });
});

test('a line without a bundled broker is not asked about it and gets no key for it', () => {
  const line = LINES.find((l) => l.id === '2');
  assert.ok(line);
  if (!line) return;
  const saved = line.bundled;
  try {
    (line as { bundled: object }).bundled = { redis: false };
    const flow = flowOf('2.15.1');
    let s = enterUntil(flow, flow.initialState(), 'database/redis');
    s = answer(flow, s, true);
    assert.equal(where(flow, s).startsWith('database/'), false, 'no RabbitMQ question');
    s = enterUntil(flow, s, 'review');
    assert.deepEqual(flow.result(s).own, { redis: { enabled: true } });
  } finally {
    (line as { bundled: object }).bundled = saved;
  }
});

test("-f, --set and presets turn them on under the line's name, with the spec's name or the line's", () => {
  for (const line of LINES) {
    const rabbit = line.id === '2' ? 'rabbitmq' : 'rabbitmq-ha';
    for (const given of ['rabbitmq', rabbit]) {
      const layers = [
        {
          source: 'preset p',
          values: parsePreset('p', `description: d\nvalues:\n  redis:\n    enabled: true\n`, 'p.yaml').values,
        },
        { source: '-f x.yaml', values: { [given]: { enabled: true } } as Values },
      ];
      const built = buildConfig(layers, { chartVersion: line.example });
      assert.deepEqual((built.written as any).redis, { enabled: true }, line.label);
      assert.deepEqual((built.written as any)[rabbit], { enabled: true }, `${line.label} from ${given}`);
      const other = rabbit === 'rabbitmq' ? 'rabbitmq-ha' : 'rabbitmq';
      assert.equal(other in built.written, false, `${line.label}: no ${other}`);
    }
    assert.throws(
      () =>
        buildConfig(
          [{ source: '--set redis.enabled=yes', values: { redis: { enabled: 'yes' } } as unknown as Values }],
          { chartVersion: line.example },
        ),
      (e: any) => e.problems.some((p: any) => p.field.startsWith('redis.enabled') && /true or false/.test(p.message)),
    );
  }
  // A preset is checked as it loads: a wrong type or an unknown key is named by the preset.
  for (const bad of ['redis:\n    enabled: 3', 'redis:\n    bogus: true'])
    assert.throws(
      () => parsePreset('p', `description: d\nvalues:\n  ${bad}\n`, 'p.yaml'),
      (e: any) => e.problems.some((p: any) => p.field.startsWith('preset p: redis.')),
    );
});

test('a resumed run keeps the own keys of the steps it finished', () => {
  const { flow, state } = chooseExisting('2.15.1');
  const snap = flow.snapshot(state);
  const again = flowOf('2.15.1', { own: snap.own, resumed: snap.done, initial: snap.values });
  const s = enterUntil(again, again.initialState(), 'review');
  assert.deepEqual(again.result(s).own, EXTERNAL);
});

test('host and port follow one rule set: the step, -f and --set refuse the same values', () => {
  const flow = flowOf('2.15.1');
  let s = enterUntil(flow, flow.initialState(), 'database/postgres');
  s = answer(flow, s, 'external');
  const v = flow.view(s);
  assert.ok(v.kind === 'step' && v.field.kind === 'text');
  if (v.kind !== 'step' || v.field.kind !== 'text') return;
  assert.match(v.field.validate?.('https://db') ?? '', /neither a host name nor an IP/);
  assert.equal(v.field.validate?.('10.0.0.5'), undefined);
  s = answer(flow, s, 'db.example.com');
  const port = flow.view(s);
  assert.ok(port.kind === 'step' && port.field.kind === 'text');
  if (port.kind !== 'step' || port.field.kind !== 'text') return;
  assert.match(port.field.validate?.('70000') ?? '', /not a port/);
  assert.match(port.field.validate?.('0') ?? '', /not a port/);
  assert.equal(port.field.validate?.('5432'), undefined);
  for (const [source, values] of [
    ['-f db.yaml', { externalServices: { postgresql: { host: 'https://db', port: 70000 } } }],
    ['--set externalServices.postgresql.port=0', { externalServices: { postgresql: { port: 0 } } }],
  ] as const)
    assert.throws(
      () => buildConfig([{ source, values: values as unknown as Values }], { chartVersion: '2.15.1' }),
      (e: any) =>
        e.problems.some(
          (p: any) => p.field.startsWith('externalServices.postgresql.port') && /not a port/.test(p.message),
        ),
    );
});

test("chart 1.x: rabbitmq-ha.enabled given by -f is the line's own key, written, not called a 2.x key", () => {
  const built = buildConfig([{ source: '-f x.yaml', values: { 'rabbitmq-ha': { enabled: false } } as Values }], {
    chartVersion: '1.20.0',
  });
  assert.deepEqual((built.written as any)['rabbitmq-ha'], { enabled: false });
  assert.equal((built.written as any).rabbitmq, undefined);
  assert.ok(!built.warnings.some((w) => /rabbitmq/.test(w.field)), JSON.stringify(built.warnings));
});

test("chart 2.x: rabbitmq-ha.enabled (1.x's name) is not written, and the warning names 2.x's rabbitmq.enabled", () => {
  const built = buildConfig([{ source: '-f old.yaml', values: { 'rabbitmq-ha': { enabled: true } } as Values }], {
    chartVersion: '2.15.1',
  });
  assert.equal('rabbitmq-ha' in built.written, false);
  assert.equal('rabbitmq' in built.written, false, 'a warning, not a guess');
  const w = built.warnings.find((x) => x.field.startsWith('rabbitmq-ha'));
  assert.match(w?.fix ?? '', /chart 2\.x reads it as rabbitmq\.enabled/);
  // A key with no counterpart keeps the plain advice.
  const other = buildConfig(
    [{ source: '-f old.yaml', values: { 'rabbitmq-ha': { rabbitmqUsername: 'x' } } as Values }],
    { chartVersion: '2.15.1' },
  );
  assert.match(other.warnings.find((x) => x.field.startsWith('rabbitmq-ha'))?.fix ?? '', /Remove it/);
});
