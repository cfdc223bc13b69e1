import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApisApi, CoreApi, CustomObjectsApi, KubernetesObjectApi, VersionApi } from '@kubernetes/client-node';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { kubeConfigFor } from '../support/fake-apiserver/client.js';
import { rawRequest } from '../support/fake-apiserver/raw-client.js';
import { fixture } from '../support/paths.js';

describe('discovery', () => {
  let cluster: FakeCluster;
  before(async () => {
    cluster = await startFakeCluster({ version: fixture('version-k3s.json'), certManager: true });
  });
  after(() => cluster.close());

  it('serves the /version body it was given, and a new one when reassigned', async () => {
    const kc = kubeConfigFor(cluster);
    assert.equal((await kc.makeApiClient(VersionApi).getCode()).gitVersion, fixture('version-k3s.json').gitVersion);
    cluster.version = fixture('version-gke.json');
    assert.equal((await kc.makeApiClient(VersionApi).getCode()).gitVersion, 'v1.30.5-gke.1014001');
  });

  it('lists the core version and the API groups with preferred versions', async () => {
    const kc = kubeConfigFor(cluster);
    assert.deepEqual((await kc.makeApiClient(CoreApi).getAPIVersions()).versions, ['v1']);
    const groups = (await kc.makeApiClient(ApisApi).getAPIVersions()).groups;
    const byName = new Map(groups.map((g) => [g.name, g]));
    for (const g of [
      'apps',
      'batch',
      'networking.k8s.io',
      'storage.k8s.io',
      'rbac.authorization.k8s.io',
      'apiextensions.k8s.io',
      'policy',
      'authorization.k8s.io',
      'cert-manager.io',
    ]) {
      assert.ok(byName.has(g), `group ${g}`);
    }
    assert.equal(byName.get('autoscaling')?.preferredVersion?.groupVersion, 'autoscaling/v2');
    assert.deepEqual(
      byName.get('autoscaling')?.versions.map((v) => v.version),
      ['v2', 'v1'],
    );
    assert.deepEqual(
      byName.get('apps')?.versions.map((v) => v.groupVersion),
      ['apps/v1'],
    );
  });

  it('describes resources the way kube does (scope, kind, verbs, short names, subresources)', async () => {
    const core = (await rawRequest(cluster, 'GET', '/api/v1')).json();
    assert.equal(core.kind, 'APIResourceList');
    assert.equal(core.groupVersion, 'v1');
    const pods = core.resources.find((r: any) => r.name === 'pods');
    assert.deepEqual(pods, {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    assert.equal(core.resources.find((r: any) => r.name === 'nodes').namespaced, false);
    assert.equal(core.resources.find((r: any) => r.name === 'namespaces').verbs.includes('deletecollection'), false);
    const apps = (await rawRequest(cluster, 'GET', '/apis/apps/v1')).json();
    assert.deepEqual(
      apps.resources.find((r: any) => r.name === 'deployments/scale'),
      {
        name: 'deployments/scale',
        singularName: '',
        namespaced: true,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      },
    );
    const authz = (await rawRequest(cluster, 'GET', '/apis/authorization.k8s.io/v1')).json();
    assert.deepEqual(authz.resources.find((r: any) => r.name === 'selfsubjectaccessreviews').verbs, ['create']);
    const group = (await rawRequest(cluster, 'GET', '/apis/storage.k8s.io')).json();
    assert.equal(group.kind, 'APIGroup');
    assert.equal(group.preferredVersion.groupVersion, 'storage.k8s.io/v1');
  });

  it('answers aggregated-discovery requests with the legacy document and a plain JSON content type', async () => {
    const r = await rawRequest(cluster, 'GET', '/apis', {
      headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' },
    });
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.json().kind, 'APIGroupList');
  });

  it('serves an OpenAPI v3 index whose documents advertise fieldValidation on PATCH', async () => {
    const index = (await rawRequest(cluster, 'GET', '/openapi/v3')).json();
    const url = index.paths['apis/apps/v1'].serverRelativeURL;
    assert.match(url, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    const doc = (await rawRequest(cluster, 'GET', url)).json();
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
    assert.ok(patch.parameters.some((p: any) => p.name === 'fieldValidation' && p.in === 'query'));
  });

  it('lets the generic object client resolve kinds through discovery', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kubeConfigFor(cluster));
    const created = await objects.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'via-generic', namespace: 'default' },
      data: { a: '1' },
    } as any);
    assert.equal(created.metadata?.name, 'via-generic');
    const issuer = await objects.create({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt' },
      spec: { selfSigned: {} },
    } as any);
    assert.equal(issuer.metadata?.namespace, undefined);
    const issuers = await kubeConfigFor(cluster)
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: 'cert-manager.io', version: 'v1', plural: 'clusterissuers' });
    assert.deepEqual(
      issuers.items.map((i: any) => [i.kind, i.metadata.name]),
      [['ClusterIssuer', 'letsencrypt']],
    );
  });

  it('flags and 404s a path it does not serve', async () => {
    const r = await rawRequest(cluster, 'GET', '/apis/metrics.k8s.io/v1beta1');
    assert.equal(r.status, 404);
    assert.equal(r.json().reason, 'NotFound');
    const entry = cluster.requests.filter((e) => e.path === '/apis/metrics.k8s.io/v1beta1').pop();
    assert.equal(entry?.unhandled, true);
    assert.equal(entry?.status, 404);
  });
});
