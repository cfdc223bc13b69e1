import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretCertManager, interpretIngressClasses, interpretTlsSecrets } from '../../src/cluster/ingress.js';
import { interpretStorage, rwxSupport } from '../../src/cluster/storage.js';
import { makeTlsMaterial } from '../support/fake-apiserver/certs.js';
import { fixture } from '../support/paths.js';

test('storage classes: the default, and which can do ReadWriteMany by provisioner', () => {
  const s = interpretStorage(fixture('storageclasses-mixed.json').items, []);
  assert.deepEqual(s.defaults, ['standard-rwo']);
  assert.deepEqual(s.rwxClasses, ['standard-rwx', 'efs-sc', 'azurefile-csi', 'nfs-client', 'rook-cephfs', 'longhorn']);
  const rwx = Object.fromEntries(s.classes.map((c) => [c.name, c.rwx]));
  assert.equal(rwx.longhorn, 'if-requested');
  assert.equal(rwx['local-path'], 'no');
  assert.equal(rwx.standard, 'no');
  assert.equal(rwx['microk8s-hostpath'], 'no');
  assert.equal(rwxSupport('example.com/something-new'), 'unknown');
});

test('the legacy beta default annotation counts; claims are listed with their modes', () => {
  const cls = {
    metadata: { name: 'standard', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'k8s.io/minikube-hostpath',
  };
  const claim = {
    metadata: { name: 'polyaxon-pvc-logs' },
    spec: { accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client' },
    status: { phase: 'Bound', capacity: { storage: '10Gi' } },
  };
  const s = interpretStorage([cls], [claim]);
  assert.deepEqual(s.defaults, ['standard']);
  assert.deepEqual(s.claims, [
    {
      name: 'polyaxon-pvc-logs',
      accessModes: ['ReadWriteMany'],
      storageClass: 'nfs-client',
      phase: 'Bound',
      size: '10Gi',
    },
  ]);
});

test('ingress classes: the single default, the only class, or none when defaults are ambiguous', () => {
  const k3s = interpretIngressClasses(fixture('ingressclasses-k3s.json').items);
  assert.equal(k3s.chosen, 'traefik');
  assert.equal(k3s.chosenBecause, 'default');
  const various = interpretIngressClasses(fixture('ingressclasses-various.json').items);
  assert.equal(various.chosen, undefined, 'nginx and public are both marked default');
  assert.equal(various.classes.length, 4);
  const only = interpretIngressClasses([{ metadata: { name: 'alb' }, spec: { controller: 'ingress.k8s.aws/alb' } }]);
  assert.deepEqual([only.chosen, only.chosenBecause], ['alb', 'only class']);
});

test('TLS secrets: hosts and expiry read from the certificate only', () => {
  const tls = makeTlsMaterial();
  const secret = {
    metadata: { name: 'polyaxon-tls' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': Buffer.from(tls.certPem).toString('base64'), 'tls.key': 'c2VjcmV0' },
  };
  const other = { metadata: { name: 'opaque' }, type: 'Opaque', data: {} };
  const [info, ...rest] = interpretTlsSecrets([secret, other], new Date());
  assert.equal(rest.length, 0);
  assert.equal(info.name, 'polyaxon-tls');
  assert.deepEqual(info.hosts, ['localhost', 'kubernetes', 'kubernetes.default']);
  assert.equal(info.expired, false);
  assert.equal(JSON.stringify(info).includes('c2VjcmV0'), false);
  const later = interpretTlsSecrets([secret], new Date(Date.parse(info.notAfter!) + 1000));
  assert.equal(later[0].expired, true);
});

test('cert-manager: ClusterIssuers with their type and readiness', () => {
  const cm = interpretCertManager(true, [
    {
      metadata: { name: 'letsencrypt' },
      spec: { acme: {} },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    },
    {
      metadata: { name: 'internal-ca' },
      spec: { ca: {} },
      status: { conditions: [{ type: 'Ready', status: 'False', message: 'secret not found' }] },
    },
  ]);
  assert.deepEqual(cm.issuers, [
    { name: 'letsencrypt', type: 'acme', ready: true },
    { name: 'internal-ca', type: 'ca', ready: false, message: 'secret not found' },
  ]);
});
