/** The GitOps lint and the fleet arithmetic, on values as the chart lines read them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedSecretKeys, gitopsFindings } from '../../src/model/export/lint.js';
import { clusterNames, commonBase, overlayOver, versionMismatch } from '../../src/model/export/fleet.js';

const pinned = { user: { password: 'p' }, polyaxonSecret: 's', internalToken: 't' };

test('generated secrets: the chart default password is not generated, null is; signing key and token unless pinned', () => {
  assert.deepEqual(generatedSecretKeys({}, '2.15.1'), ['polyaxonSecret', 'internalToken']);
  assert.deepEqual(generatedSecretKeys({ ...pinned, user: { password: null } }, '2.15.1'), ['user.password']);
  assert.deepEqual(generatedSecretKeys({ ...pinned, user: { password: '' } }, '1.20.0'), ['user.password']);
  assert.deepEqual(generatedSecretKeys(pinned, '2.15.1'), []);
  // 0.6.x has no signing key or internal token in its values.
  assert.deepEqual(generatedSecretKeys({ user: { password: 'p' } }, '0.6.1'), []);
});

test('generated secrets: external database, Redis and RabbitMQ passwords, as the chart conditions them', () => {
  const ext = { ...pinned, postgresql: { enabled: false } };
  assert.deepEqual(generatedSecretKeys(ext, '2.15.1'), ['externalServices.postgresql.password']);
  assert.deepEqual(generatedSecretKeys({ ...ext, externalServices: { postgresql: { password: 'db' } } }, '2.15.1'), []);
  // RabbitMQ: the scheduler on and the in-cluster broker off (rabbitmq on 2.x, rabbitmq-ha before).
  const sched = { ...pinned, scheduler: { enabled: true } };
  assert.deepEqual(generatedSecretKeys(sched, '2.15.1'), ['externalServices.rabbitmq.password']);
  assert.deepEqual(generatedSecretKeys({ ...sched, rabbitmq: { enabled: true } }, '2.15.1'), []);
  assert.deepEqual(generatedSecretKeys({ ...sched, 'rabbitmq-ha': { enabled: true } }, '1.20.0'), []);
  assert.deepEqual(generatedSecretKeys({ ...sched, rabbitmq: { enabled: true } }, '1.20.0'), [
    'externalServices.rabbitmq.password',
  ]);
  // Redis only when the external one uses a password.
  const redis = { ...sched, rabbitmq: { enabled: true }, externalServices: { redis: { usePassword: true } } };
  assert.deepEqual(generatedSecretKeys(redis, '2.15.1'), ['externalServices.redis.password']);
});

test('findings are coded, and only generated secrets are errors', () => {
  const argo = gitopsFindings(
    { ...pinned, user: { password: 'rootpassword' } },
    {
      target: 'argocd',
      chartVersion: '2.15.1',
      secretPaths: [],
    },
  );
  assert.deepEqual(
    argo.map((f) => [f.code, f.severity]),
    [
      ['GITOPS002', 'warning'],
      ['GITOPS101', 'warning'],
      ['GITOPS102', 'warning'],
    ],
  );
  const withSecrets = gitopsFindings(pinned, {
    target: 'argocd',
    chartVersion: '2.15.1',
    secretPaths: ['user.password'],
  });
  assert.deepEqual(withSecrets.at(-1)?.code, 'GITOPS103');
  assert.deepEqual(withSecrets.at(-1)?.keys, ['user.password']);
  const refused = gitopsFindings({}, { target: 'flux', chartVersion: '2.15.1', secretPaths: [] });
  assert.equal(refused[0].code, 'GITOPS001');
  assert.equal(refused[0].severity, 'error');
  assert.deepEqual(refused[0].keys, ['polyaxonSecret', 'internalToken']);
  assert.match(refused[0].fix ?? '', /--set-string polyaxonSecret=\.\.\. --set-string internalToken=\.\.\./);
});

test('fleet: the base is what all share, each overlay only what differs; lists compare whole', () => {
  const a = { dns: { backend: 'kube-dns' }, tolerations: [{ key: 'gpu' }], ingress: { enabled: true, path: '/' } };
  const b = { dns: { backend: 'coredns' }, tolerations: [], ingress: { enabled: true, path: '/' } };
  const base = commonBase([a, b]);
  assert.deepEqual(base, { ingress: { enabled: true, path: '/' } });
  assert.deepEqual(overlayOver(base, a), { dns: { backend: 'kube-dns' }, tolerations: [{ key: 'gpu' }] });
  assert.deepEqual(overlayOver(base, b), { dns: { backend: 'coredns' }, tolerations: [] });
});

test('fleet: a Kubernetes outside the chart line is named with the line and its bound', () => {
  assert.equal(versionMismatch('2.15.1', { major: 1, minor: 30 }), undefined);
  assert.match(versionMismatch('2.15.1', { major: 1, minor: 18 }) ?? '', /chart 2\.x needs Kubernetes 1\.19 or newer/);
  assert.match(
    versionMismatch('1.1.9', { major: 1, minor: 29 }) ?? '',
    /chart 1\.0–1\.11 needs Kubernetes 1\.21 or older: it uses apiextensions\.k8s\.io\/v1beta1/,
  );
});

test('fleet: kube contexts become names a file and an object can carry, each once', () => {
  assert.deepEqual(
    clusterNames([
      'gke_ml-proj_europe-west4-a_train',
      'arn:aws:eks:eu-west-1:123456789012:cluster/Prod',
      'k3s-edge',
      'K3S_edge',
      '@@',
    ]),
    ['gke-ml-proj-europe-west4-a-train', 'prod', 'k3s-edge', 'k3s-edge-2', 'cluster'],
  );
});
