import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiextensionsV1Api, AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, Watch } from '@kubernetes/client-node';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { apiError, kubeConfigFor } from '../support/fake-apiserver/client.js';
import { rawRequest } from '../support/fake-apiserver/raw-client.js';
import { eventually } from '../support/eventually.js';
import { fixture } from '../support/paths.js';

const podTemplate = (app: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'main', image: 'nginx' }] },
});
const condition = (o: any, type: string) => o?.status?.conditions?.find((c: any) => c.type === type)?.status;

describe('simulated controllers', () => {
  let cluster: FakeCluster;
  let apps: AppsV1Api;
  let core: CoreV1Api;
  let batch: BatchV1Api;
  before(async () => {
    cluster = await startFakeCluster({
      objects: [fixture('node-k3s.json'), fixture('node-gke-t4.json')],
      failJob: (job) => job.metadata?.name?.startsWith('doomed'),
    });
    const kc = kubeConfigFor(cluster);
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
    batch = kc.makeApiClient(BatchV1Api);
  });
  after(() => cluster.close());

  const job = (name: string) => ({
    metadata: { name },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox' }] } } },
  });

  it('completes Jobs, or fails the ones the rule picks', async () => {
    await batch.createNamespacedJob({ namespace: 'default', body: job('migrate') });
    await batch.createNamespacedJob({ namespace: 'default', body: job('doomed-migrate') });
    const done = await eventually(
      () =>
        condition(cluster.store.get('Job', 'migrate'), 'Complete') === 'True' && cluster.store.get('Job', 'migrate'),
      'Complete',
    );
    assert.equal(done.status.succeeded, 1);
    assert.ok(done.status.completionTime);
    const failed = await eventually(
      () =>
        condition(cluster.store.get('Job', 'doomed-migrate'), 'Failed') === 'True' &&
        cluster.store.get('Job', 'doomed-migrate'),
      'Failed',
    );
    assert.equal(failed.status.failed, 1);
    assert.equal(failed.status.conditions.find((c: any) => c.type === 'Failed').reason, 'BackoffLimitExceeded');
  });

  it('delivers the Job completion to a watcher as a MODIFIED event', async () => {
    cluster.simulation.delayMs = 50;
    const seen: string[] = [];
    const ctl = await new Watch(kubeConfigFor(cluster)).watch(
      '/apis/batch/v1/namespaces/default/jobs',
      { fieldSelector: 'metadata.name=watched' },
      (type, obj) => seen.push(`${type}:${condition(obj, 'Complete') ?? '-'}`),
      () => undefined,
    );
    try {
      await batch.createNamespacedJob({ namespace: 'default', body: job('watched') });
      await eventually(() => seen.includes('MODIFIED:True'), 'completion event');
      assert.equal(seen[0], 'ADDED:-');
    } finally {
      ctl.abort();
      cluster.simulation.delayMs = 0;
    }
  });

  it('rolls a Deployment out: ReplicaSet, running ready Pods, Available status', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'web' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate('web') },
      },
    });
    const dep = await eventually(
      () =>
        cluster.store.get('Deployment', 'web')?.status?.readyReplicas === 2 && cluster.store.get('Deployment', 'web'),
      'ready',
    );
    assert.equal(dep.status.observedGeneration, dep.metadata.generation);
    assert.equal(condition(dep, 'Available'), 'True');
    assert.equal(dep.status.conditions.find((c: any) => c.type === 'Progressing').reason, 'NewReplicaSetAvailable');
    const [rs] = (await apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' })).items;
    assert.equal(rs.metadata?.ownerReferences?.[0].uid, dep.metadata.uid);
    const pods = (await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })).items;
    const nodeNames = cluster.store.list('nodes').map((n) => n.metadata.name);
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.status?.phase, 'Running');
      assert.equal(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
      assert.equal(p.metadata?.ownerReferences?.[0].name, rs.metadata?.name);
      assert.ok(nodeNames.includes(p.spec?.nodeName), 'scheduled onto a known node');
    }
  });

  it('keeps Pods pending on request, and starts them when released', async () => {
    cluster.simulation.setPodsPending(true);
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'stuck' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'stuck' } }, template: podTemplate('stuck') },
      },
    });
    const dep = await eventually(
      () =>
        cluster.store.get('Deployment', 'stuck')?.status?.observedGeneration &&
        cluster.store.get('Deployment', 'stuck'),
      'observed',
    );
    assert.equal(dep.status.readyReplicas, 0);
    assert.equal(condition(dep, 'Available'), 'False');
    const [pending] = cluster.store.list('pods', 'default').filter((p) => p.metadata.labels.app === 'stuck');
    assert.equal(pending.status.phase, 'Pending');
    assert.equal(condition(pending, 'PodScheduled'), 'False');
    cluster.simulation.setPodsPending(false);
    assert.equal(cluster.store.get('Deployment', 'stuck').status.readyReplicas, 1);
    assert.equal(cluster.store.get('Pod', pending.metadata.name).status.phase, 'Running');
  });

  it('gives StatefulSets ordinal Pods and DaemonSets one scheduled Pod per node', async () => {
    await apps.createNamespacedStatefulSet({
      namespace: 'default',
      body: {
        metadata: { name: 'db' },
        spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: podTemplate('db') },
      },
    });
    await apps.createNamespacedDaemonSet({
      namespace: 'default',
      body: {
        metadata: { name: 'agent' },
        spec: { selector: { matchLabels: { app: 'agent' } }, template: podTemplate('agent') },
      },
    });
    const sts = await eventually(
      () =>
        cluster.store.get('StatefulSet', 'db')?.status?.readyReplicas === 2 && cluster.store.get('StatefulSet', 'db'),
      'sts ready',
    );
    assert.equal(sts.status.currentRevision, sts.status.updateRevision);
    assert.deepEqual(
      cluster.store
        .list('pods', 'default')
        .filter((p) => p.metadata.labels.app === 'db')
        .map((p) => p.metadata.name),
      ['db-0', 'db-1'],
    );
    const ds = await eventually(
      () => cluster.store.get('DaemonSet', 'agent')?.status?.numberReady && cluster.store.get('DaemonSet', 'agent'),
      'ds ready',
    );
    assert.equal(ds.status.desiredNumberScheduled, 2);
  });

  it('garbage-collects owned objects on delete, keeps them with propagationPolicy=Orphan', async () => {
    await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'default' });
    assert.deepEqual(
      cluster.store.list('replicasets', 'default').filter((r) => r.metadata.labels.app === 'web'),
      [],
    );
    assert.deepEqual(
      cluster.store.list('pods', 'default').filter((p) => p.metadata.labels.app === 'web'),
      [],
    );
    await apps.deleteNamespacedStatefulSet({ name: 'db', namespace: 'default', propagationPolicy: 'Orphan' });
    assert.equal(cluster.store.list('pods', 'default').filter((p) => p.metadata.labels.app === 'db').length, 2);
  });

  it('binds PVCs and gives Services a cluster IP (LoadBalancers an ingress IP)', async () => {
    await core.createNamespacedPersistentVolumeClaim({
      namespace: 'default',
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
      },
    });
    const svc = await core.createNamespacedService({
      namespace: 'default',
      body: { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } },
    });
    assert.match(svc.spec?.clusterIP ?? '', /^10\.96\./);
    assert.ok((svc.spec?.ports?.[0].nodePort ?? 0) >= 30000);
    await eventually(() => cluster.store.get('PersistentVolumeClaim', 'data')?.status?.phase === 'Bound', 'Bound');
    assert.equal(cluster.store.get('PersistentVolumeClaim', 'data').status.capacity.storage, '5Gi');
    await eventually(() => cluster.store.get('Service', 'lb')?.status?.loadBalancer?.ingress?.[0]?.ip, 'LB ingress');
  });

  it('leaves objects put straight into the store as they are', async () => {
    cluster.store.put({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'frozen', namespace: 'default' },
      spec: {},
    });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(cluster.store.get('Job', 'frozen').status, undefined);
  });

  it("registers a CRD's kind when it is created and drops it (and its objects) when deleted", async () => {
    const kc = kubeConfigFor(cluster);
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    const custom = kc.makeApiClient(CustomObjectsApi);
    await ext.createCustomResourceDefinition({
      body: {
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
            },
          ],
        },
      },
    });
    const crd = await ext.readCustomResourceDefinition({ name: 'widgets.example.com' });
    assert.equal(crd.status?.conditions?.find((c) => c.type === 'Established')?.status, 'True');
    const doc = (await rawRequest(cluster, 'GET', '/apis/example.com/v1')).json();
    assert.deepEqual(doc.resources[0].shortNames, ['wd']);
    await custom.createNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
      body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } },
    });
    const list = await custom.listNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
    });
    assert.deepEqual(
      list.items.map((w: any) => [w.kind, w.apiVersion, w.spec.size]),
      [['Widget', 'example.com/v1', 3]],
    );
    const smp = await rawRequest(cluster, 'PATCH', '/apis/example.com/v1/namespaces/default/widgets/w1', {
      body: { spec: { size: 4 } },
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.equal(smp.status, 415, 'custom resources take no strategic merge patches');
    await ext.deleteCustomResourceDefinition({ name: 'widgets.example.com' });
    assert.equal((await rawRequest(cluster, 'GET', '/apis/example.com/v1')).status, 404);
    assert.equal(
      (
        await apiError(
          custom.listNamespacedCustomObject({
            group: 'example.com',
            version: 'v1',
            namespace: 'default',
            plural: 'widgets',
          }),
        )
      ).code,
      404,
    );
  });
});
