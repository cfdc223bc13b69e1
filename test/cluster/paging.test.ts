/**
 * Scale: every list the probe reads that can be long is read in pages of 500 (limit/continue), and
 * doctor shows a screenful and a count, not thousands of lines.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../src/cluster/diagnose.js';
import { formatReport, TLS_SECRETS_SHOWN } from '../../src/cluster/doctor-report.js';
import { suggestValues } from '../../src/cluster/suggest.js';
import { clusterPool } from './fake.js';
import { SCENARIOS } from './scenarios.js';

const start = clusterPool(after);
const COUNT = 1203;

const tlsSecrets = Array.from({ length: COUNT }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/tls',
  metadata: { name: `cert-${String(i).padStart(4, '0')}`, namespace: 'polyaxon' },
  data: {},
}));
const claims = Array.from({ length: COUNT }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: `claim-${String(i).padStart(4, '0')}`, namespace: 'polyaxon' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  status: { phase: 'Bound' },
}));

test('TLS secrets and claims are read in pages of 500, following the continue token; all are counted', async () => {
  const { cluster, probe } = await start({ ...SCENARIOS.minikube, tlsSecrets, claims });
  const r = await probe();
  assert.equal(r.tlsSecrets.status === 'ok' && r.tlsSecrets.data.length, COUNT);
  assert.equal(r.storage.status === 'ok' && r.storage.data.claimCount, COUNT);
  for (const path of ['/api/v1/namespaces/polyaxon/secrets', '/api/v1/namespaces/polyaxon/persistentvolumeclaims']) {
    const lists = cluster.requests.filter(
      (q) => q.method === 'GET' && q.path === path && !q.query.get('labelSelector'),
    );
    assert.deepEqual(
      lists.map((q) => [q.query.get('limit'), Boolean(q.query.get('continue'))]),
      [
        ['500', false],
        ['500', true],
        ['500', true],
      ],
      path,
    );
  }
  const s = suggestValues(r);
  const report = formatReport(r, s, diagnose(r, s));
  const shown = report.split('\n').filter((l) => /cert-\d{4}/.test(l));
  assert.equal(shown.length, TLS_SECRETS_SHOWN, 'a screenful of certificates');
  assert.match(report, new RegExp(`\\(and ${COUNT - TLS_SECRETS_SHOWN} more\\)`));
});

test('nodes and DaemonSets are read in pages of 500 too, and every node is counted, GPUs and taints included', async () => {
  const { generateNodes } = await import('../bench/probe-bench.js');
  const { fixture } = await import('../support/paths.js');
  const nodes = generateNodes(COUNT, fixture('node-gke-t4.json'));
  const { cluster, probe } = await start({ ...SCENARIOS.minikube, nodes: nodes as never });
  const r = await probe();
  assert.ok(r.nodes.status === 'ok');
  assert.equal(r.nodes.data.total, COUNT);
  // One in ten generated nodes has a GPU and its taint.
  assert.equal(r.nodes.data.gpu.nodes, Math.ceil(COUNT / 10));
  assert.deepEqual(
    r.nodes.data.gpu.taints.map((t) => t.nodes),
    [Math.ceil(COUNT / 10)],
  );
  const pages = cluster.requests
    .filter((q) => q.method === 'GET' && q.path === '/api/v1/nodes')
    .map((q) => [q.query.get('limit'), Boolean(q.query.get('continue'))]);
  assert.deepEqual(pages, [
    ['500', false],
    ['500', true],
    ['500', true],
  ]);
  const ds = cluster.requests.filter((q) => q.method === 'GET' && q.path === '/apis/apps/v1/daemonsets');
  assert.deepEqual(
    ds.map((q) => q.query.get('limit')),
    ['500'],
  );
});

test('the probe reuses its TLS connections (keep-alive): a next page goes over a connection already open', async () => {
  const { cluster, probe } = await start({ ...SCENARIOS.minikube, claims });
  await probe();
  const seen = new Set<number>();
  const continued: boolean[] = [];
  for (const q of cluster.requests) {
    if (q.query.get('continue')) continued.push(seen.has(q.connection));
    seen.add(q.connection);
  }
  assert.deepEqual(continued, [true, true]);
  assert.ok(seen.size < cluster.requests.length, `${seen.size} connections for ${cluster.requests.length} requests`);
});
