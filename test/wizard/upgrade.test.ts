import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffValues, formatDiff, isEmptyDiff } from '../../src/wizard/diff.js';
import { runUpgradeWizard } from '../../src/ui/wizard-session.js';
import type { Values } from '../../src/model/values.js';
import { fakeTerminal, KEYS } from '../support/ink-harness.js';
import { at, choose, enterUntil } from './drive.js';
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
