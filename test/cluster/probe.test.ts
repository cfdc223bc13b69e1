import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestValues } from '../../src/cluster/suggest.js';
import { fixture } from '../support/paths.js';
import { composeResult } from './compose.js';
import { clusterPool } from './fake.js';
import { SCENARIOS } from './scenarios.js';

const start = clusterPool(after);

for (const [name, s] of Object.entries(SCENARIOS)) {
  test(`probe of ${name}: the findings the fixtures give, and the values`, async () => {
    const { probe } = await start(s);
    const r = await probe();
    const expected = composeResult(s);
    assert.equal(r.context, 'fake');
    assert.match(r.server, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(r.version.gitVersion, s.version?.gitVersion ?? fixture('version-upstream.json').gitVersion);
    for (const key of ['nodes', 'dns', 'gpu', 'storage', 'ingress', 'permissions'] as const) {
      assert.deepEqual(r[key], expected[key], key);
    }
    assert.deepEqual(r.distribution, expected.distribution);
    const sug = suggestValues(r);
    assert.equal(sug.preset, s.expect.preset);
    assert.deepEqual(sug.values, s.expect.values);
  });
}

test('an existing release is read from its helm Secret', async () => {
  const { probe } = await start({ ...SCENARIOS.minikube, releaseSecrets: [fixture('helm-release-secret.json')] });
  const r = await probe();
  assert.equal(r.existingRelease.status, 'ok');
  const rel = r.existingRelease.status === 'ok' ? r.existingRelease.data : undefined;
  assert.equal(rel?.revisions, 1);
  assert.equal(rel?.latest?.revision, 2);
  assert.equal(rel?.latest?.status, 'deployed');
  assert.equal(rel?.latest?.chart?.version, '2.15.1');
  assert.deepEqual(rel?.latest?.values, fixture('helm-release-decoded.json').config);
});

test('another release name in the namespace is not taken for ours', async () => {
  const { probe } = await start({ ...SCENARIOS.minikube, releaseSecrets: [fixture('helm-release-secret.json')] });
  const r = await probe({ release: 'other' });
  assert.deepEqual(r.existingRelease, { status: 'ok', data: { revisions: 0 } });
});

test("the kubelet's configz gives the cluster domain when there is no Corefile", async () => {
  const { cluster, probe } = await start({ ...SCENARIOS.minikube, corefile: undefined, dnsDeployments: [] });
  const configz = fixture('kubelet-configz.json');
  configz.kubeletconfig.clusterDomain = 'edge.local';
  cluster.intercept((req) =>
    req.path === '/api/v1/nodes/minikube/proxy/configz' ? { status: 200, body: configz } : undefined,
  );
  const r = await probe();
  assert.equal(r.dns.status === 'ok' && r.dns.data.clusterDomain, 'edge.local');
  assert.deepEqual(suggestValues(r).values.dns, { backend: 'kube-dns', customCluster: 'edge.local' });
});

test('cert-manager: found by its API group, ClusterIssuers listed', async () => {
  const issuer = {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'letsencrypt' },
    spec: { acme: { server: 'https://acme.example/dir' } },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const { probe } = await start({ ...SCENARIOS.minikube, tlsSecrets: [issuer] }, { certManager: true });
  const r = await probe();
  assert.deepEqual(r.certManager, {
    status: 'ok',
    data: { installed: true, issuers: [{ name: 'letsencrypt', type: 'acme', ready: true }] },
  });
  const without = await (await start(SCENARIOS.minikube)).probe();
  assert.deepEqual(without.certManager, { status: 'ok', data: { installed: false, issuers: [] } });
});

test('permissions: each denied verb and resource is listed; a missing namespace is seen', async () => {
  const { cluster, probe } = await start(SCENARIOS.minikube);
  cluster.forbid({ verb: 'create', resource: 'clusterroles' });
  cluster.forbid({ verb: 'create', resource: 'namespaces' });
  const r = await probe({ namespace: 'ml-team' });
  assert.equal(r.permissions.status, 'ok');
  const p = r.permissions.status === 'ok' ? r.permissions.data : undefined;
  assert.deepEqual(p?.denied, ['create namespaces', 'create clusterroles.rbac.authorization.k8s.io']);
  assert.equal(p?.namespaceExists, false);
  assert.equal(p?.checks.find((c) => c.resource === 'deployments')?.namespace, 'ml-team');
});

test('refused nodes: a finding, not a crash; the distribution falls back on the version', async () => {
  const { cluster, probe } = await start(SCENARIOS['GKE with a T4 GPU node']);
  cluster.forbid({ verb: 'list', resource: 'nodes' });
  const r = await probe();
  assert.equal(r.nodes.status, 'forbidden');
  assert.match(r.nodes.status === 'forbidden' ? r.nodes.reason : '', /nodes is forbidden/);
  assert.equal(r.gpu.status, 'forbidden');
  assert.match(r.gpu.status === 'forbidden' ? r.gpu.reason : '', /^nodes cannot be listed/);
  assert.equal(r.distribution.name, 'gke');
  assert.equal(r.distribution.singleNode, undefined);
  assert.equal(r.dns.status, 'ok');
  assert.equal(suggestValues(r).preset, 'gke');
});

test('secondary reads that fail become notes on their part', async () => {
  const { cluster, probe } = await start(SCENARIOS.kubespray);
  cluster.forbid({ verb: 'list', resource: 'deployments', namespace: 'kube-system' });
  cluster.forbid({ verb: 'list', resource: 'persistentvolumeclaims' });
  const r = await probe();
  assert.equal(r.dns.status, 'ok');
  assert.deepEqual(r.dns.status === 'ok' && r.dns.data.values, { backend: 'coredns' });
  assert.match((r.dns.status === 'ok' && r.dns.notes?.join()) || '', /DNS Deployments in kube-system: forbidden/);
  assert.match(
    (r.storage.status === 'ok' && r.storage.notes?.join()) || '',
    /PersistentVolumeClaims in polyaxon: forbidden/,
  );
});

test('nodes are listed in pages of 500, following the continue token', async () => {
  const nodes = Array.from({ length: 1203 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${String(i).padStart(4, '0')}` },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  }));
  const { cluster, probe } = await start({ ...SCENARIOS.minikube, nodes });
  const r = await probe();
  assert.equal(r.nodes.status === 'ok' && r.nodes.data.total, 1203);
  const lists = cluster.requests.filter((q) => q.method === 'GET' && q.path === '/api/v1/nodes');
  assert.deepEqual(
    lists.map((q) => q.query.get('limit')),
    ['500', '500', '500'],
  );
  assert.deepEqual(
    lists.map((q) => Boolean(q.query.get('continue'))),
    [false, true, true],
  );
});
