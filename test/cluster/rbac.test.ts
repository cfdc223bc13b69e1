import { test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { checksForObjects, minimalRbac, pluralOf } from '../../src/cluster/rbac.js';

test('kinds become the resources the API names', () => {
  assert.deepEqual(
    ['Deployment', 'Ingress', 'NetworkPolicy', 'ConfigMap', 'ClusterRoleBinding', 'PodDisruptionBudget'].map(pluralOf),
    ['deployments', 'ingresses', 'networkpolicies', 'configmaps', 'clusterrolebindings', 'poddisruptionbudgets'],
  );
});

test("rendered objects: get and create per kind and namespace, cluster kinds without one, and helm's Secrets", () => {
  const checks = checksForObjects(
    [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'px' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'other' } },
    ],
    'ml',
  );
  const said = checks.map((c) => `${c.verb} ${c.group}/${c.resource} ${c.namespace ?? '-'}`);
  assert.deepEqual(said, [
    'get apps/deployments ml',
    'create apps/deployments ml',
    'get rbac.authorization.k8s.io/clusterroles -',
    'create rbac.authorization.k8s.io/clusterroles -',
    'get /configmaps other',
    'create /configmaps other',
    'get /secrets ml',
    'list /secrets ml',
    'create /secrets ml',
    'update /secrets ml',
  ]);
});

test('the minimal Role and ClusterRole grant exactly what was denied', () => {
  const text = minimalRbac(
    [
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'roles', namespace: 'ml', why: '' },
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'ml', why: '' },
      { verb: 'get', group: '', resource: 'secrets', namespace: 'ml', why: '' },
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', why: '' },
    ],
    'ml',
  );
  const [role, clusterRole] = yaml.loadAll(text) as any[];
  assert.equal(role.kind, 'Role');
  assert.equal(role.metadata.namespace, 'ml');
  assert.deepEqual(role.rules, [
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
  ]);
  assert.equal(clusterRole.kind, 'ClusterRole');
  assert.deepEqual(clusterRole.rules, [
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['create'] },
  ]);
});
