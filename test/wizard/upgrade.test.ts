import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffValues, formatDiff, isEmptyDiff } from '../../src/wizard/diff.js';
import { runUpgradeWizard } from '../../src/ui/wizard-session.js';
import type { Values } from '../../src/model/values.js';
import { fakeTerminal, KEYS } from '../support/ink-harness.js';
import { finishValues } from '../../src/model/build.js';
import { at, choose, enterUntil, typeAnswer } from './drive.js';
import { gkeFacts, wizardOptions } from './fixtures.js';

test('diffValues: added, changed and removed paths, secrets masked, nulls and empty maps as absent', () => {
  const d = diffValues(
    {
      ingress: { enabled: true, annotations: {} },
      user: { password: 'old' },
      allowedHosts: ['a'],
      dns: { backend: 'coredns' },
    } as Values,
    {
      ingress: { enabled: true, hostName: 'px.acme.com' },
      user: { password: 'new' },
      allowedHosts: ['a', 'b'],
      dns: { backend: null },
    } as unknown as Values,
  );
  assert.deepEqual(d, {
    added: [{ path: 'ingress.hostName', after: 'px.acme.com' }],
    changed: [
      { path: 'allowedHosts', before: ['a'], after: ['a', 'b'] },
      { path: 'user.password', before: '********', after: '********' },
    ],
    removed: [{ path: 'dns.backend', before: 'coredns' }],
  });
  assert.deepEqual(formatDiff(d), [
    '~ allowedHosts: ["a"] → ["a","b"]',
    '~ user.password: ******** → ********',
    '+ ingress.hostName: px.acme.com',
    '- dns.backend: coredns',
  ]);
  assert.ok(isEmptyDiff(diffValues({ a: { b: 1 } } as Values, { a: { b: 1 } } as Values)));
  assert.equal(
    diffValues({}, { persistence: { data: { 'x.y': { hostPath: '/a' } } } }).added[0].path,
    'persistence.data.x\\.y.hostPath',
  );
});

const DEPLOYED = {
  deploymentType: 'kubernetes',
  serviceType: 'ClusterIP',
  ingress: { enabled: true, hostName: 'px.acme.com' },
  // chart 0.6.x's own name for the time zone: read back as the spec's `timezone`.
  timeZone: 'Europe/Berlin',
  user: { password: 'deployed-secret' },
} as unknown as Values;

function startUpgrade() {
  const t = fakeTerminal();
  const base = wizardOptions();
  const result = runUpgradeWizard({
    ...base,
    deployed: DEPLOYED,
    deployedChartVersion: '0.6.1',
    targetChartVersion: '0.6.2',
    release: 'px',
    namespace: 'ml',
    helmCommand: (_v, m) =>
      `helm upgrade --namespace ${m.namespace} -f config.yaml --version ${m.chartVersion} -- ${m.release} polyaxon/polyaxon`,
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  return { t, result };
}

test('upgrade: every step prefilled from the release, then a diff of values and chart before asking', async () => {
  const { t, result } = startUpgrade();
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  assert.match(t.lastFrame(), /polyaxon-setup upgrade px/);
  assert.doesNotMatch(t.lastFrame(), /Release name/);
  await enterUntil(t, '? Host name');
  assert.match(t.lastFrame(), /\? Host name px\.acme\.com/);
  await enterUntil(t, "? The cluster's DNS Service");
  await choose(t, "The cluster's DNS Service", 'coredns');
  await enterUntil(t, '? Time zone');
  assert.match(t.lastFrame(), /Time zone of the dashboard and admin Europe\/Berlin/);
  const review = await enterUntil(t, 'What now?');
  assert.match(review, /chart 0\.6\.1 → 0\.6\.2/);
  assert.match(review, /Changes to the deployed values/);
  assert.match(review, /\+ dns\.backend: coredns/);
  assert.doesNotMatch(review, /timezone|deployed-secret/);
  assert.match(
    review,
    /Will run: helm upgrade --namespace ml -f config\.yaml --version 0\.6\.2 -- px polyaxon\/polyaxon/,
  );
  assert.match(review, /❯ Upgrade the release/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.equal(r.confirmed, true);
  assert.deepEqual(r.chart, { from: '0.6.1', to: '0.6.2' });
  assert.deepEqual([r.release, r.namespace, r.chartVersion], ['px', 'ml', '0.6.2']);
  assert.deepEqual(
    r.diff.added.map((c) => c.path),
    ['dns.backend'],
  );
  assert.deepEqual(r.diff.changed, []);
  assert.equal(r.values.user?.password, 'deployed-secret');
  assert.equal(r.values.timezone, 'Europe/Berlin');
});

test('upgrade: cancelling on the review changes nothing and says so', async () => {
  const { t, result } = startUpgrade();
  await t.ready();
  await enterUntil(t, 'What now?');
  await choose(t, 'What now?', 'Cancel: change nothing');
  const r = await result;
  assert.equal(r.confirmed, false);
});

test('upgrade: Enter all the way changes nothing, whatever the probe would suggest for a new install', async () => {
  const t = fakeTerminal();
  const result = runUpgradeWizard({
    ...wizardOptions(),
    facts: Promise.resolve(gkeFacts()),
    deployed: { serviceType: 'ClusterIP', ingress: { enabled: true } },
    deployedChartVersion: '0.6.1',
    release: 'px',
    namespace: 'ml',
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  await t.ready();
  await t.waitFor('cluster gke_acme');
  const review = await enterUntil(t, 'What now?');
  assert.match(review, /\(no changes to the values\)/);
  assert.match(review, /chart 0\.6\.1 → 0\.6\.1/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.deepEqual(r.diff, { added: [], changed: [], removed: [] });
  assert.equal(r.values.user?.password, 'rootpassword');
});

const PG_SECRET = 'upgrade-PG-secret-7';

function startOn2x(deployed: Values) {
  const t = fakeTerminal();
  const result = runUpgradeWizard({
    ...wizardOptions(),
    deployed,
    deployedChartVersion: '2.15.1',
    targetChartVersion: '2.15.1',
    release: 'px',
    namespace: 'ml',
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  return { t, result };
}

test('upgrade: the Database step starts from the release; moving to an existing PostgreSQL is in the diff', async () => {
  // Chart 2.x with the in-cluster PostgreSQL and the bundled Redis turned on.
  const { t, result } = startOn2x({ deploymentType: 'kubernetes', redis: { enabled: true } } as unknown as Values);
  await t.ready();
  await enterUntil(t, '? PostgreSQL database');
  assert.match(t.lastFrame(), /❯ Run PostgreSQL in the cluster/, 'the release runs its own');
  await choose(t, 'PostgreSQL database', 'Use an existing PostgreSQL');
  await typeAnswer(t, 'PostgreSQL host', 'db.example.com');
  await enterUntil(t, "? PostgreSQL user's password");
  await t.type(PG_SECRET);
  await t.press(KEYS.ENTER);
  await at(t, 'Run Redis in the cluster?');
  assert.match(t.lastFrame(), /on, as given/, 'Redis as the release runs it');
  const review = await enterUntil(t, 'What now?');
  const flat = review.replace(/\s+/g, ' ');
  assert.match(flat, /\+ postgresql\.enabled: false/);
  assert.match(flat, /\+ externalServices\.postgresql\.host: db\.example\.com/);
  assert.match(flat, /\+ externalServices\.postgresql\.password: \*{8}/);
  assert.doesNotMatch(flat, /redis\.enabled/, 'Redis unchanged');
  assert.ok(!review.includes(PG_SECRET), 'the password is never shown');
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.equal(r.confirmed, true);
  assert.deepEqual(r.own, {
    redis: { enabled: true },
    postgresql: { enabled: false },
    externalServices: {
      postgresql: { host: 'db.example.com', port: 5432, user: 'polyaxon', database: 'polyaxon', password: PG_SECRET },
    },
  });
  assert.deepEqual(
    r.diff.added.map((c) => c.path),
    [
      'externalServices.postgresql.database',
      'externalServices.postgresql.host',
      'externalServices.postgresql.password',
      'externalServices.postgresql.port',
      'externalServices.postgresql.user',
      'postgresql.enabled',
    ],
  );
  // What the upgrade writes: the release's keys with the step's over them.
  const built = finishValues(r.values, { chartVersion: '2.15.1', own: r.own });
  assert.deepEqual(built.written.postgresql, { enabled: false });
  assert.deepEqual(built.written.redis, { enabled: true });
});

test('upgrade: a release on an existing PostgreSQL is offered it again, password kept; Enter changes nothing', async () => {
  const external = {
    host: 'pg.internal',
    port: 6543,
    user: 'px',
    database: 'pxdb',
    password: PG_SECRET,
  };
  const { t, result } = startOn2x({
    postgresql: { enabled: false },
    externalServices: { postgresql: external },
  } as unknown as Values);
  await t.ready();
  await enterUntil(t, '? PostgreSQL database');
  assert.match(t.lastFrame(), /❯ Use an existing PostgreSQL/);
  await t.press(KEYS.ENTER);
  await at(t, 'PostgreSQL host');
  assert.match(t.lastFrame(), /PostgreSQL host pg\.internal/);
  await enterUntil(t, "? PostgreSQL user's password");
  assert.match(t.lastFrame(), /Enter keeps the password already given/);
  const review = await enterUntil(t, 'What now?');
  assert.match(review, /\(no changes to the values\)/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.deepEqual(r.diff, { added: [], changed: [], removed: [] });
  assert.deepEqual(r.own, { postgresql: { enabled: false }, externalServices: { postgresql: external } });
});
