/** The driver's pure parts: versions, history decisions, leftovers, upgrade values, output handling. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HelmError, ConfigError } from '../../src/errors.js';
import { checkHelmVersion, parseHelmVersion } from '../../src/helm/binary.js';
import { repoPlan } from '../../src/helm/chart.js';
import { lineSplitter } from '../../src/helm/client.js';
import { leftoverHookJobs, releasePvcs } from '../../src/cluster/leftovers.js';
import { hookJobNames } from '../../src/helm/hooks.js';
import { dryRunManifest, formatObjectChange, hideSecrets, objectChanges } from '../../src/helm/manifests.js';
import { isStreamed } from '../../src/helm/client.js';
import { podRows } from '../../src/commands/support/pods.js';
import { chartVersionOf, rollbackTarget, type HistoryEntry } from '../../src/helm/release.js';
import { uninstallPlan } from '../../src/commands/uninstall.js';
import { mergeUpgradeValues, splitKnown } from '../../src/model/deployed-values.js';

test('helm versions: 3 and 4 accepted, 2 and old 3 refused', () => {
  assert.deepEqual(parseHelmVersion('v3.17.3'), { major: 3, minor: 17, patch: 3, text: 'v3.17.3' });
  assert.equal(parseHelmVersion('v4.1.4+g05fa379')?.text, 'v4.1.4');
  assert.equal(parseHelmVersion('v3.18.0-rc.1+gabc')?.text, 'v3.18.0-rc.1');
  assert.equal(parseHelmVersion('Client: v2.17.0+ga690bad')?.major, 2);
  assert.equal(parseHelmVersion('Error: unknown flag'), undefined);
  assert.equal(checkHelmVersion(parseHelmVersion('v3.17.3')!, 'helm'), 3);
  assert.equal(checkHelmVersion(parseHelmVersion('v4.1.4')!, 'helm'), 4);
  assert.equal(checkHelmVersion(parseHelmVersion('v5.0.0')!, 'helm'), 4);
  assert.throws(
    () => checkHelmVersion(parseHelmVersion('v2.17.0')!, '/usr/bin/helm'),
    (e) => e instanceof HelmError && e.kind === 'helm-2' && /\/usr\/bin\/helm is helm v2\.17\.0/.test(e.message),
  );
  assert.throws(
    () => checkHelmVersion(parseHelmVersion('v3.12.3')!, 'helm'),
    (e) => e instanceof HelmError && e.kind === 'helm-too-old',
  );
});

const h = (revision: number, status: string, chart = 'polyaxon-0.6.1'): HistoryEntry => ({ revision, status, chart });

test('rollback goes to the newest earlier working revision, or the one asked for', () => {
  assert.equal(rollbackTarget([h(1, 'superseded'), h(2, 'superseded'), h(3, 'deployed')], 'p').revision, 2);
  assert.equal(
    rollbackTarget([h(1, 'superseded'), h(2, 'deployed'), h(3, 'failed')], 'p').revision,
    2,
    'a failed upgrade goes back to what runs',
  );
  assert.equal(rollbackTarget([h(1, 'superseded'), h(2, 'failed'), h(3, 'deployed')], 'p').revision, 1);
  assert.equal(rollbackTarget([h(1, 'superseded'), h(2, 'deployed')], 'p', 1).revision, 1);
  assert.throws(
    () => rollbackTarget([h(1, 'deployed')], 'p'),
    (e) => e instanceof HelmError && e.kind === 'nothing-to-roll-back',
  );
  assert.throws(
    () => rollbackTarget([h(1, 'superseded'), h(2, 'deployed')], 'p', 7),
    (e) => e instanceof HelmError && e.kind === 'revision-not-found' && /1, 2/.test(e.hint ?? ''),
  );
  assert.equal(chartVersionOf('polyaxon-0.6.1'), '0.6.1');
  assert.equal(chartVersionOf('my-chart-1.2.3-rc.1'), '1.2.3-rc.1');
  assert.equal(chartVersionOf('weird'), undefined);
});

test('the repository is added when missing or elsewhere, refreshed when there', () => {
  assert.deepEqual(repoPlan([], 'https://charts.polyaxon.com'), {
    argv: ['repo', 'add', '--force-update', '--', 'polyaxon', 'https://charts.polyaxon.com'],
    note: undefined,
  });
  assert.deepEqual(
    repoPlan([{ name: 'polyaxon', url: 'https://charts.polyaxon.com/' }], 'https://charts.polyaxon.com').argv,
    ['repo', 'update', '--', 'polyaxon'],
  );
  assert.match(
    repoPlan([{ name: 'polyaxon', url: 'https://old' }], 'https://new').note ?? '',
    /pointed at https:\/\/old; it now points at https:\/\/new/,
  );
});

const job = (name: string, annotations: Record<string, string> = {}, labels: Record<string, string> = {}) => ({
  metadata: { name, annotations, labels },
});

test('leftover hook Jobs: named by the release, or a hook tied to it; never another release or a plain Job', () => {
  const jobs = [
    job('polyaxon-polyaxon-pre-delete', { 'helm.sh/hook': 'pre-delete' }, { 'app.kubernetes.io/instance': 'polyaxon' }),
    job('polyaxon-post-install', { 'helm.sh/hook': 'post-install' }),
    job('named-in-hooks'),
    job('other-post-install', { 'helm.sh/hook': 'post-install' }, { 'app.kubernetes.io/instance': 'other' }),
    job('polyaxon-experiment-1', {}, { 'app.kubernetes.io/instance': 'polyaxon' }),
  ];
  assert.deepEqual(
    leftoverHookJobs(jobs, 'polyaxon', ['named-in-hooks']).map((j) => j.metadata?.name),
    ['polyaxon-polyaxon-pre-delete', 'polyaxon-post-install', 'named-in-hooks'],
  );
  assert.deepEqual(
    hookJobNames(
      '---\n# Source: x\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a-pre\n---\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    ),
    ['a-pre'],
  );
});

test('PVCs: only those labelled for the release are its; the plan says what stays', () => {
  const pvcs = [
    {
      metadata: { name: 'data-polyaxon-postgresql-0', labels: { release: 'polyaxon' } },
      spec: { resources: { requests: { storage: '8Gi' } }, accessModes: ['ReadWriteOnce'] },
    },
    { metadata: { name: 'polyaxon-pvc-logs' } },
  ];
  assert.deepEqual(
    releasePvcs(pvcs, 'polyaxon').map((p) => p.metadata?.name),
    ['data-polyaxon-postgresql-0'],
  );
  const keep = uninstallPlan({
    release: 'polyaxon',
    namespace: 'px',
    current: h(3, 'deployed'),
    pvcs,
    deletePvcs: false,
    deleteNamespace: false,
  });
  assert.deepEqual(keep.kept, [
    'PVC data-polyaxon-postgresql-0 (8Gi, ReadWriteOnce)  (--delete-pvcs removes it)',
    'PVC polyaxon-pvc-logs  (not made by the release)',
    'namespace px  (--delete-namespace removes it)',
  ]);
  assert.deepEqual(keep.pvcsToDelete, []);
  const drop = uninstallPlan({
    release: 'polyaxon',
    namespace: 'px',
    current: h(3, 'deployed'),
    pvcs,
    deletePvcs: true,
    deleteNamespace: true,
  });
  assert.deepEqual(drop.pvcsToDelete, ['data-polyaxon-postgresql-0']);
  assert.deepEqual(drop.kept, ['PVC polyaxon-pvc-logs  (not made by the release)']);
  assert.ok(drop.removed.includes('namespace px, with everything still in it'));
});

test('upgrade values: deployed under the layers; keys of another chart line pass; bad layers are refused', () => {
  const deployed = { timezone: 'UTC', gateway: { service: { type: 'NodePort' } }, ingress: { enabled: true } };
  const r = mergeUpgradeValues(deployed, [
    { source: '--set timezone=Europe/Paris', values: { timezone: 'Europe/Paris' } },
  ]);
  assert.deepEqual(r.values, {
    timezone: 'Europe/Paris',
    gateway: { service: { type: 'NodePort' } },
    ingress: { enabled: true },
  });
  assert.throws(
    () => mergeUpgradeValues(deployed, [{ source: '--set', values: { timezon: 'x' } as any }]),
    ConfigError,
  );
  assert.throws(
    () => mergeUpgradeValues(deployed, [{ source: '--set', values: { timezone: 'Mars/Olympus' } }]),
    ConfigError,
  );
  assert.deepEqual(
    splitKnown({ timezone: 'UTC', gateway: { a: 1 }, ingress: { enabled: true, className: 'x' } }).foreign,
    ['gateway', 'ingress.className'],
  );
});

test('output: lines split across chunks, helm error lines not streamed, Secrets hidden', () => {
  const lines: string[] = [];
  const s = lineSplitter((l) => lines.push(l));
  s.push('NAME: px\nSTA');
  s.push('TUS: deployed\r\nlast');
  s.end();
  assert.deepEqual(lines, ['NAME: px', 'STATUS: deployed', 'last']);
  assert.equal(isStreamed('Error: INSTALLATION FAILED: x'), false);
  assert.equal(isStreamed('level=ERROR msg="x"'), false);
  assert.equal(isStreamed('WARNING: Kubernetes configuration file is group-readable'), true);
  const text =
    '---\n# Source: c/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: px-secret\ndata:\n  password: c2VjcmV0\n---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
  const shown = hideSecrets(text, 'px');
  assert.doesNotMatch(shown, /c2VjcmV0/);
  assert.match(
    shown,
    /# Secret px-secret is not shown: it holds credentials \(kubectl get secret px-secret -n px -o yaml\)\./,
  );
  assert.match(shown, /kind: ConfigMap\nmetadata:\n {2}name: cm/);
});

test('pods as the live view shows them', () => {
  const rows = podRows([
    {
      metadata: { name: 'b-api' },
      spec: { containers: [{}, {}] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 1 },
          { ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } } },
        ],
      },
    },
    {
      metadata: { name: 'a-worker' },
      spec: { containers: [{}] },
      status: {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' },
        ],
      },
    },
  ]);
  assert.deepEqual(rows, [
    {
      name: 'a-worker',
      phase: 'Pending',
      ready: '0/1',
      restarts: 0,
      reason: 'Unschedulable',
      message: '0/1 nodes are available',
    },
    { name: 'b-api', phase: 'Running', ready: '1/2', restarts: 3, reason: 'CrashLoopBackOff', message: 'back-off' },
  ]);
});

test('objectChanges: added, changed and removed objects by kind and name; Secrets never compared', () => {
  const before = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: px-config\ndata:\n  TZ: UTC',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: px-api\nspec:\n  replicas: 1',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: px-old',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: px-secret\ndata:\n  password: c2VjcmV0',
  ].join('\n---\n');
  const after = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: px-config\ndata:\n  TZ: Europe/Paris',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: px-api\nspec:\n  replicas: 1',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: px-new',
  ].join('\n---\n');
  assert.deepEqual(objectChanges(before, after).map(formatObjectChange), [
    '~ ConfigMap px-config',
    '+ Service px-new',
    '- Service px-old',
  ]);
  const output = `NAME: px\nREVISION: 4\nHOOKS:\nMANIFEST:\n${after}\nNOTES:\nThank you\n`;
  assert.equal(dryRunManifest(output).trim(), after);
});
