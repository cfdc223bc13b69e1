import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CoreV1Api, Watch, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { apiError, kubeConfigFor } from '../support/fake-apiserver/client.js';
import { rawRequest } from '../support/fake-apiserver/raw-client.js';
import { eventually } from '../support/eventually.js';
import { fixture } from '../support/paths.js';

const pod = (name: string, labels: Record<string, string>, phase = 'Running') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'sel', labels },
  spec: { containers: [{ name: 'c', image: 'i' }] },
  status: { phase },
});

describe('list and watch', () => {
  let cluster: FakeCluster;
  let core: CoreV1Api;
  before(async () => {
    cluster = await startFakeCluster({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sel' } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'polyaxon' } },
        pod('a', { app: 'web', tier: 'front' }),
        pod('b', { app: 'web', tier: 'back' }, 'Pending'),
        pod('c', { app: 'db' }),
        pod('d', { other: 'x' }, 'Succeeded'),
        fixture('helm-release-secret.json'),
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'plain', namespace: 'polyaxon', labels: { owner: 'helm' } },
          type: 'Opaque',
        },
      ],
    });
    core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
  });
  after(() => cluster.close());

  const names = async (labelSelector?: string, fieldSelector?: string) =>
    (await core.listNamespacedPod({ namespace: 'sel', labelSelector, fieldSelector })).items.map(
      (p) => p.metadata?.name,
    );

  it('filters by label selectors: =, ==, !=, in, notin, exists, !exists', async () => {
    assert.deepEqual(await names('app=web'), ['a', 'b']);
    assert.deepEqual(await names('app==web,tier=back'), ['b']);
    assert.deepEqual(await names('app!=web'), ['c', 'd']);
    assert.deepEqual(await names('app in (web, db)'), ['a', 'b', 'c']);
    assert.deepEqual(await names('app notin (web),tier notin (x)'), ['c', 'd']);
    assert.deepEqual(await names('tier'), ['a', 'b']);
    assert.deepEqual(await names('!app'), ['d']);
  });

  it('filters by field selectors on any dotted path', async () => {
    assert.deepEqual(await names(undefined, 'metadata.name=c'), ['c']);
    assert.deepEqual(await names(undefined, 'status.phase!=Running'), ['b', 'd']);
    assert.deepEqual(await names('app=web', 'status.phase=Running,metadata.namespace=sel'), ['a']);
    const releases = await core.listSecretForAllNamespaces({
      labelSelector: 'owner=helm',
      fieldSelector: 'type=helm.sh/release.v1',
    });
    assert.deepEqual(
      releases.items.map((s) => s.metadata?.name),
      ['sh.helm.release.v1.polyaxon.v2'],
    );
  });

  it('rejects a malformed selector with 400', async () => {
    const { code, status } = await apiError(core.listNamespacedPod({ namespace: 'sel', labelSelector: 'app in web' }));
    assert.equal(code, 400);
    assert.equal(status.reason, 'BadRequest');
  });

  it('list items of built-in kinds come without kind/apiVersion, the list itself with both', async () => {
    const r = (await rawRequest(cluster, 'GET', '/api/v1/namespaces/sel/pods')).json();
    assert.equal(r.kind, 'PodList');
    assert.equal(r.apiVersion, 'v1');
    assert.match(r.metadata.resourceVersion, /^\d+$/);
    assert.equal(r.items[0].kind, undefined);
    assert.equal(r.items[0].apiVersion, undefined);
  });

  it('paginates with limit and an opaque continue token', async () => {
    for (let i = 0; i < 23; i++)
      cluster.store.put({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `page-${String(i).padStart(2, '0')}`, namespace: 'sel' },
      });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedConfigMap({ namespace: 'sel', limit: 10, _continue: token });
      seen.push(...page.items.map((c) => c.metadata!.name!));
      token = page.metadata?._continue;
      pages++;
      if (token) assert.equal(page.metadata?.remainingItemCount, 23 - seen.length);
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 23 }, (_, i) => `page-${String(i).padStart(2, '0')}`),
    );
    const bad = await rawRequest(cluster, 'GET', '/api/v1/namespaces/sel/configmaps?limit=5&continue=garbage');
    assert.equal(bad.status, 400);
  });

  it('streams ADDED, MODIFIED and DELETED events to a watcher', async () => {
    const events: Array<[string, string]> = [];
    const list = await core.listNamespacedConfigMap({ namespace: 'polyaxon' });
    const ctl = await new Watch(kubeConfigFor(cluster)).watch(
      '/api/v1/namespaces/polyaxon/configmaps',
      { resourceVersion: list.metadata?.resourceVersion },
      (type, obj) => events.push([type, obj.metadata.name]),
      () => undefined,
    );
    try {
      await core.createNamespacedConfigMap({
        namespace: 'polyaxon',
        body: { metadata: { name: 'w' }, data: { a: '1' } },
      });
      await core.replaceNamespacedConfigMap({
        name: 'w',
        namespace: 'polyaxon',
        body: { metadata: { name: 'w' }, data: { a: '2' } },
      });
      await core.deleteNamespacedConfigMap({ name: 'w', namespace: 'polyaxon' });
      await eventually(() => events.length >= 3, 'three events');
      assert.deepEqual(events, [
        ['ADDED', 'w'],
        ['MODIFIED', 'w'],
        ['DELETED', 'w'],
      ]);
    } finally {
      ctl.abort();
    }
  });

  it('watches a single object through a metadata.name field selector, starting with its current state', async () => {
    const events: Array<[string, string]> = [];
    const ctl = await new Watch(kubeConfigFor(cluster)).watch(
      '/api/v1/namespaces/sel/pods',
      { fieldSelector: 'metadata.name=b' },
      (type, obj) => events.push([type, obj.status.phase]),
      () => undefined,
    );
    try {
      await eventually(() => events.length >= 1, 'initial ADDED');
      cluster.store.put(pod('b', { app: 'web' }, 'Running'));
      cluster.store.put(pod('a', { app: 'web' }, 'Failed'));
      await eventually(() => events.length >= 2, 'MODIFIED');
      assert.deepEqual(events, [
        ['ADDED', 'Pending'],
        ['MODIFIED', 'Running'],
      ]);
    } finally {
      ctl.abort();
    }
  });

  it('reports an object leaving a label-filtered watch as DELETED', async () => {
    const events: Array<[string, string]> = [];
    const ctl = await new Watch(kubeConfigFor(cluster)).watch(
      '/api/v1/namespaces/sel/pods',
      { labelSelector: 'app=db', resourceVersion: cluster.store.resourceVersion },
      (type, obj) => events.push([type, obj.metadata.name]),
      () => undefined,
    );
    try {
      cluster.store.put(pod('c', { app: 'cache' }));
      await eventually(() => events.length >= 1, 'DELETED');
      assert.deepEqual(events, [['DELETED', 'c']]);
    } finally {
      ctl.abort();
    }
  });

  it('ends a watch after timeoutSeconds and answers a too-old resourceVersion with 410 Expired', async () => {
    let ended = false;
    await new Watch(kubeConfigFor(cluster)).watch(
      '/api/v1/namespaces/sel/pods',
      { timeoutSeconds: 1, resourceVersion: cluster.store.resourceVersion },
      () => undefined,
      () => {
        ended = true;
      },
    );
    await eventually(() => ended, 'the server to end the watch', 3000);
    const r = await rawRequest(cluster, 'GET', '/api/v1/namespaces/sel/pods?watch=true&resourceVersion=5');
    const event = JSON.parse(r.text.trim().split('\n')[0]);
    assert.equal(event.type, 'ERROR');
    assert.equal(event.object.code, 410);
    assert.equal(event.object.reason, 'Expired');
  });

  it('sends initial events and an initial-events-end bookmark for WatchList requests', async () => {
    const ac = new AbortController();
    const chunks: string[] = [];
    const { request } = await import('node:https');
    await new Promise<void>((resolve, reject) => {
      const req = request(
        new URL(
          '/api/v1/namespaces/sel/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
          cluster.url,
        ),
        {
          ca: cluster.caPem,
          headers: { Authorization: `Bearer ${cluster.token}` },
          signal: ac.signal,
        },
        (res) => {
          res.on('data', (c: Buffer) => {
            chunks.push(c.toString());
            if (chunks.join('').includes('BOOKMARK')) resolve();
          });
        },
      );
      req.on('error', (e) => (ac.signal.aborted ? resolve() : reject(e)));
      req.end();
    });
    ac.abort();
    const events = chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      events.slice(0, -1).map((e) => e.type),
      Array(events.length - 1).fill('ADDED'),
    );
    const bookmark = events[events.length - 1];
    assert.equal(bookmark.type, 'BOOKMARK');
    assert.equal(bookmark.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
  });

  it('feeds a client-node informer (list, then watch from the list resourceVersion)', async () => {
    const kc = kubeConfigFor(cluster);
    const informer = makeInformer<V1ConfigMap>(kc, '/api/v1/namespaces/polyaxon/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'polyaxon' }),
    );
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name}=${o.data?.v}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
    await informer.start();
    try {
      await core.createNamespacedConfigMap({
        namespace: 'polyaxon',
        body: { metadata: { name: 'inf' }, data: { v: '1' } },
      });
      await core.patchNamespacedConfigMap({
        name: 'inf',
        namespace: 'polyaxon',
        body: [{ op: 'replace', path: '/data/v', value: '2' }],
      });
      await core.deleteNamespacedConfigMap({ name: 'inf', namespace: 'polyaxon' });
      await eventually(() => seen.includes('delete inf'), 'the informer delete');
      assert.deepEqual(
        seen.filter((s) => s.includes('inf')),
        ['add inf', 'update inf=2', 'delete inf'],
      );
    } finally {
      await informer.stop();
    }
  });
});
