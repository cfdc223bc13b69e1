import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizationV1Api,
  CoreV1Api,
  Observable,
  VersionApi,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { apiError, kubeConfigFor } from '../support/fake-apiserver/client.js';
import { rawRequest } from '../support/fake-apiserver/raw-client.js';
import { fixture } from '../support/paths.js';

const withTimeout = (ms: number): ConfigurationOptions => ({
  middleware: [
    {
      pre: (ctx: RequestContext) => {
        ctx.setSignal(AbortSignal.timeout(ms));
        return new Observable(Promise.resolve(ctx));
      },
      post: (rsp: ResponseContext) => new Observable(Promise.resolve(rsp)),
    },
  ],
  middlewareMergeStrategy: 'append',
});

describe('authentication, authorization and failure hooks', () => {
  let cluster: FakeCluster;
  before(async () => {
    cluster = await startFakeCluster({ token: 'sekret', objects: [fixture('node-minikube.json')] });
  });
  after(() => cluster.close());

  it('answers a wrong or missing bearer token with 401 Unauthorized', async () => {
    const core = kubeConfigFor(cluster, { token: 'wrong' }).makeApiClient(CoreV1Api);
    assert.equal((await apiError(core.listNode())).code, 401);
    const r = await rawRequest(cluster, 'GET', '/version', { token: null });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('forbids a (verb, resource) with the same Status kube sends', async () => {
    cluster.forbid({ verb: 'list', resource: 'nodes' });
    try {
      const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
      const { code, status } = await apiError(core.listNode());
      assert.equal(code, 403);
      const expected = fixture('status-403-forbidden.json');
      assert.deepEqual({ ...status, message: undefined }, { ...expected, message: undefined });
      assert.match(
        status.message,
        /^nodes is forbidden: User "[^"]+" cannot list resource "nodes" in API group "" at the cluster scope$/,
      );
      assert.equal((await core.readNode({ name: 'minikube' })).metadata?.name, 'minikube', 'get is still allowed');
    } finally {
      cluster.allowAll();
    }
  });

  it('scopes forbid rules by namespace and group, and names the object in the message', async () => {
    cluster.forbid({ verb: 'get', resource: 'secrets', namespace: 'kube-system' });
    try {
      const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
      const { status } = await apiError(core.readNamespacedSecret({ name: 'x', namespace: 'kube-system' }));
      assert.equal(
        status.message,
        'secrets "x" is forbidden: User "fake-admin" cannot get resource "secrets" in API group "" in the namespace "kube-system"',
      );
      assert.deepEqual(status.details, { name: 'x', kind: 'secrets' });
      assert.equal((await apiError(core.readNamespacedSecret({ name: 'x', namespace: 'default' }))).code, 404);
    } finally {
      cluster.allowAll();
    }
  });

  it('answers access reviews from the same rules', async () => {
    cluster.forbid({ verb: 'create', resource: 'clusterroles', group: 'rbac.authorization.k8s.io' });
    try {
      const authz = kubeConfigFor(cluster).makeApiClient(AuthorizationV1Api);
      const review = (verb: string, group: string, resource: string) =>
        authz.createSelfSubjectAccessReview({
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: { verb, group, resource } },
          },
        });
      const denied = await review('create', 'rbac.authorization.k8s.io', 'clusterroles');
      assert.deepEqual({ ...denied.status }, fixture('ssar-response-denied.json').status);
      const allowed = await review('create', '', 'namespaces');
      assert.deepEqual({ ...allowed.status }, fixture('ssar-response-allowed.json').status);
      const rules = await authz.createSelfSubjectRulesReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          spec: { namespace: 'polyaxon' },
        },
      });
      const clusterroles = rules.status?.resourceRules.find((r) => r.resources?.includes('clusterroles'));
      assert.equal(clusterroles?.verbs.includes('create'), false);
      assert.equal(clusterroles?.verbs.includes('get'), true);
    } finally {
      cluster.allowAll();
    }
  });

  it('logs each request with method, path, query and status', async () => {
    const before = cluster.requests.length;
    await kubeConfigFor(cluster).makeApiClient(CoreV1Api).listNode({ labelSelector: 'minikube.k8s.io/primary=true' });
    const entry = cluster.requests.slice(before).find((e) => e.path === '/api/v1/nodes');
    assert.equal(entry?.method, 'GET');
    assert.equal(entry?.query.get('labelSelector'), 'minikube.k8s.io/primary=true');
    assert.equal(entry?.status, 200);
  });

  it('can return a canned response, garbage, or close the connection for a path', async () => {
    const version = kubeConfigFor(cluster).makeApiClient(VersionApi);
    cluster.intercept((r) =>
      r.path === '/version' && r.query.get('mode') === null
        ? { status: 503, body: { kind: 'Status', code: 503 } }
        : undefined,
    );
    try {
      assert.equal((await apiError(version.getCode())).code, 503);
    } finally {
      cluster.clearIntercepts();
    }
    cluster.intercept((r) => (r.path === '/version' ? 'garbage' : undefined));
    try {
      await assert.rejects(version.getCode(), SyntaxError);
    } finally {
      cluster.clearIntercepts();
    }
    cluster.intercept((r) => (r.path === '/version' ? 'close' : undefined));
    try {
      await assert.rejects(version.getCode(), (e: any) => e?.name === 'FetchError');
    } finally {
      cluster.clearIntercepts();
    }
  });

  it('can delay responses, or never answer at all', async () => {
    const version = kubeConfigFor(cluster).makeApiClient(VersionApi);
    cluster.intercept(() => ({ delayMs: 150 }));
    try {
      const t0 = Date.now();
      await version.getCode();
      assert.ok(Date.now() - t0 >= 140);
    } finally {
      cluster.clearIntercepts();
    }
    cluster.intercept(() => 'hang');
    try {
      await assert.rejects(version.getCode({}, withTimeout(200)), (e: any) => e?.name === 'AbortError');
      assert.equal(cluster.requests[cluster.requests.length - 1].status, 0);
    } finally {
      cluster.clearIntercepts();
    }
  });

  it('closes promptly even with a request left hanging', async () => {
    const other = await startFakeCluster();
    other.intercept(() => 'hang');
    const pending = kubeConfigFor(other)
      .makeApiClient(VersionApi)
      .getCode()
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await other.close();
    assert.ok(Date.now() - t0 < 1000);
    assert.equal((await pending)?.name, 'FetchError');
  });
});
