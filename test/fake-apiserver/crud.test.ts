import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { apiError, kubeConfigFor } from '../support/fake-apiserver/client.js';
import { rawRequest } from '../support/fake-apiserver/raw-client.js';

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

describe('create, read, update, patch, delete', () => {
  let cluster: FakeCluster;
  let core: CoreV1Api;
  before(async () => {
    cluster = await startFakeCluster();
    core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'work' } } });
  });
  after(() => cluster.close());

  it('create fills in uid, creationTimestamp, resourceVersion and generation', async () => {
    const made = await core.createNamespacedConfigMap({ namespace: 'work', body: cm('one', { a: '1' }) });
    assert.match(made.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(made.metadata?.creationTimestamp instanceof Date);
    assert.match(made.metadata?.resourceVersion ?? '', /^\d+$/);
    assert.equal(made.metadata?.generation, 1);
    assert.equal(made.metadata?.namespace, 'work');
    assert.deepEqual(cluster.store.get('ConfigMap', 'one', 'work')?.data, { a: '1' });
  });

  it('create of an existing name is 409 AlreadyExists', async () => {
    const { code, status } = await apiError(core.createNamespacedConfigMap({ namespace: 'work', body: cm('one') }));
    assert.equal(code, 409);
    assert.deepEqual(status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "one" already exists',
      reason: 'AlreadyExists',
      details: { name: 'one', kind: 'configmaps' },
      code: 409,
    });
  });

  it('generateName gets a random suffix; no name at all is 422 Invalid', async () => {
    const made = await core.createNamespacedConfigMap({
      namespace: 'work',
      body: { metadata: { generateName: 'gen-' } },
    });
    assert.match(made.metadata?.name ?? '', /^gen-[a-z0-9]{5}$/);
    const { code, status } = await apiError(
      core.createNamespacedConfigMap({ namespace: 'work', body: { metadata: {} } }),
    );
    assert.equal(code, 422);
    assert.equal(status.reason, 'Invalid');
    assert.deepEqual(status.details.causes, [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
    ]);
  });

  it('names that are not RFC 1123 subdomains are 422', async () => {
    const { code, status } = await apiError(
      core.createNamespacedConfigMap({ namespace: 'work', body: cm('Not_Valid') }),
    );
    assert.equal(code, 422);
    assert.match(status.message, /ConfigMap "Not_Valid" is invalid: metadata.name: Invalid value/);
  });

  it('create in a namespace that does not exist is 404 for the namespace', async () => {
    const { code, status } = await apiError(core.createNamespacedConfigMap({ namespace: 'nowhere', body: cm('x') }));
    assert.equal(code, 404);
    assert.equal(status.message, 'namespaces "nowhere" not found');
  });

  it('get of a missing object is 404 NotFound with details', async () => {
    const { code, status } = await apiError(
      kubeConfigFor(cluster).makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'ghost', namespace: 'work' }),
    );
    assert.equal(code, 404);
    assert.equal(status.message, 'deployments.apps "ghost" not found');
    assert.deepEqual(status.details, { name: 'ghost', group: 'apps', kind: 'deployments' });
  });

  it('update replaces the object; a stale resourceVersion is 409 Conflict', async () => {
    const current = await core.readNamespacedConfigMap({ name: 'one', namespace: 'work' });
    const updated = await core.replaceNamespacedConfigMap({
      name: 'one',
      namespace: 'work',
      body: { ...current, data: { b: '2' } },
    });
    assert.deepEqual(updated.data, { b: '2' });
    assert.equal(updated.metadata?.uid, current.metadata?.uid);
    assert.ok(Number(updated.metadata?.resourceVersion) > Number(current.metadata?.resourceVersion));
    const { code, status } = await apiError(
      core.replaceNamespacedConfigMap({ name: 'one', namespace: 'work', body: { ...current, data: { c: '3' } } }),
    );
    assert.equal(code, 409);
    assert.equal(status.reason, 'Conflict');
    assert.match(status.message, /^Operation cannot be fulfilled on configmaps "one": the object has been modified/);
  });

  it('an update that changes nothing keeps the resourceVersion', async () => {
    const current = await core.readNamespacedConfigMap({ name: 'one', namespace: 'work' });
    const again = await core.replaceNamespacedConfigMap({ name: 'one', namespace: 'work', body: current });
    assert.equal(again.metadata?.resourceVersion, current.metadata?.resourceVersion);
  });

  it('patches with JSON patch, merge patch and strategic merge patch', async () => {
    await core.patchNamespacedConfigMap({
      name: 'one',
      namespace: 'work',
      body: [{ op: 'add', path: '/data/j', value: 'json' }],
    });
    await core.patchNamespacedConfigMap(
      { name: 'one', namespace: 'work', body: { data: { m: 'merge', b: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await core.patchNamespacedConfigMap(
      { name: 'one', namespace: 'work', body: { metadata: { labels: { s: 'smp' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const got = cluster.store.get('configmaps', 'one', 'work');
    assert.deepEqual(got.data, { j: 'json', m: 'merge' });
    assert.deepEqual(got.metadata.labels, { s: 'smp' });
  });

  it('server-side apply creates, then updates, and drops fields the manager stopped setting', async () => {
    const apply = (body: unknown) =>
      core.patchNamespacedConfigMap(
        { name: 'applied', namespace: 'work', body, fieldManager: 'tester' },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      );
    await apply(cm('applied', { a: '1', b: '2' }));
    await apply(cm('applied', { a: '1' }));
    const got = cluster.store.get('configmaps', 'applied', 'work');
    assert.deepEqual(got.data, { a: '1' });
    assert.deepEqual(
      got.metadata.managedFields.map((m: any) => [m.manager, m.operation]),
      [['tester', 'Apply']],
    );
    const { code } = await apiError(
      core.patchNamespacedConfigMap(
        { name: 'applied', namespace: 'work', body: cm('applied') },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      ),
    );
    assert.equal(code, 422, 'apply without fieldManager');
  });

  it('spec changes bump generation; status writes go through the status subresource only', async () => {
    const apps = kubeConfigFor(cluster).makeApiClient(AppsV1Api);
    cluster.simulation.delayMs = 60_000; // keep the controller stand-ins out of this test
    try {
      const body = {
        metadata: { name: 'gen' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
        },
      };
      await apps.createNamespacedDeployment({ namespace: 'work', body });
      const patched = await apps.patchNamespacedDeployment(
        { name: 'gen', namespace: 'work', body: { spec: { replicas: 3 }, status: { replicas: 99 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      assert.equal(patched.metadata?.generation, 2);
      assert.equal(patched.status?.replicas, undefined, 'status ignored on the main resource');
      const status = await apps.patchNamespacedDeploymentStatus(
        { name: 'gen', namespace: 'work', body: { status: { replicas: 3 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      assert.equal(status.status?.replicas, 3);
      assert.equal(status.metadata?.generation, 2);
      const scale = await apps.readNamespacedDeploymentScale({ name: 'gen', namespace: 'work' });
      assert.equal(scale.spec?.replicas, 3);
    } finally {
      cluster.simulation.delayMs = 0;
    }
  });

  it('delete answers a Success Status and the object is gone', async () => {
    const s = await core.deleteNamespacedConfigMap({ name: 'one', namespace: 'work' });
    assert.equal(s.status, 'Success');
    assert.equal(s.details?.name, 'one');
    assert.equal(cluster.store.get('configmaps', 'one', 'work'), undefined);
    assert.equal((await apiError(core.deleteNamespacedConfigMap({ name: 'one', namespace: 'work' }))).code, 404);
  });

  it('deletecollection removes what the selector matches', async () => {
    for (const n of ['k1', 'k2', 'k3'])
      await core.createNamespacedConfigMap({
        namespace: 'work',
        body: cm(n, {}, { sweep: n === 'k3' ? 'no' : 'yes' }),
      });
    await core.deleteCollectionNamespacedConfigMap({ namespace: 'work', labelSelector: 'sweep=yes' });
    assert.deepEqual(
      cluster.store
        .list('configmaps', 'work')
        .filter((c) => c.metadata.labels?.sweep)
        .map((c) => c.metadata.name),
      ['k3'],
    );
  });

  it('deleting a namespace removes its objects', async () => {
    await core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    await core.createNamespacedConfigMap({ namespace: 'doomed', body: cm('inside') });
    await core.createNamespacedSecret({
      namespace: 'doomed',
      body: { metadata: { name: 's' }, stringData: { k: 'v' } },
    });
    assert.equal(cluster.store.get('secrets', 's', 'doomed')?.data?.k, Buffer.from('v').toString('base64'));
    await core.deleteNamespace({ name: 'doomed' });
    assert.equal(cluster.store.get('namespaces', 'doomed'), undefined);
    assert.deepEqual(cluster.store.list('configmaps', 'doomed'), []);
    assert.deepEqual(cluster.store.list('secrets', 'doomed'), []);
  });

  it('unsupported verbs are 405 MethodNotAllowed', async () => {
    const r = await rawRequest(cluster, 'POST', '/api/v1/namespaces/work/configmaps/named', { body: cm('named') });
    assert.equal(r.status, 405);
    assert.equal(r.json().reason, 'MethodNotAllowed');
    const ns = await rawRequest(cluster, 'DELETE', '/api/v1/namespaces');
    assert.equal(ns.status, 405);
  });
});
