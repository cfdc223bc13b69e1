import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterDomainFrom, dnsValues, interpretDns } from '../../src/cluster/dns.js';
import { fixture } from '../support/paths.js';
import { variant } from './compose.js';

test('kubeadm/minikube: Service kube-dns → backend kube-dns', () => {
  const d = interpretDns({ kubeSystemServices: [fixture('kubeadm-kube-dns-service.json')], openshiftServices: [] });
  assert.deepEqual(d.service, { namespace: 'kube-system', name: 'kube-dns', clusterIP: '10.96.0.10' });
  assert.deepEqual(d.values, { backend: 'kube-dns' });
  assert.equal(d.clusterDomain, 'cluster.local');
});

test('kubespray: Service coredns → backend coredns, CoreDNS, domain from the Corefile, createdby kubespray', () => {
  const deployments = [fixture('kubespray-coredns-deployment.json')];
  const domain = clusterDomainFrom({ corefile: fixture('kubespray-coredns-configmap.json'), deployments });
  const d = interpretDns({
    kubeSystemServices: [fixture('kubespray-coredns-service.json')],
    openshiftServices: [],
    deployments,
    domain,
  });
  assert.deepEqual(d.values, { backend: 'coredns' });
  assert.equal(d.implementation, 'coredns');
  assert.equal(d.createdBy, 'kubespray');
  assert.match(d.domainSource, /Corefile/);
});

test('GKE: kube-dns itself, domain from its --domain flag', () => {
  const deployments = [fixture('gke-kube-dns-deployment.json')];
  const d = interpretDns({
    kubeSystemServices: [fixture('kubeadm-kube-dns-service.json')],
    openshiftServices: [],
    deployments,
    domain: clusterDomainFrom({ deployments }),
  });
  assert.equal(d.implementation, 'kube-dns');
  assert.equal(d.clusterDomain, 'cluster.local');
  assert.match(d.domainSource, /--domain flag of kube-dns\/kubedns/);
});

test('a custom cluster domain in the Corefile → customCluster', () => {
  const corefile = variant(
    'kubespray-coredns-configmap.json',
    (c) => (c.data.Corefile = c.data.Corefile.replace('kubernetes cluster.local', 'kubernetes corp.internal')),
  );
  const d = interpretDns({
    kubeSystemServices: [fixture('kubeadm-kube-dns-service.json')],
    openshiftServices: [],
    domain: clusterDomainFrom({ corefile }),
  });
  assert.deepEqual(d.values, { backend: 'kube-dns', customCluster: 'corp.internal' });
});

test("the kubelet's configz gives the domain when nothing else does", () => {
  const configz = fixture('kubelet-configz.json');
  configz.kubeletconfig.clusterDomain = 'k8s.example.';
  assert.deepEqual(clusterDomainFrom({ configz }), {
    domain: 'k8s.example',
    source: "the kubelet's live configuration (configz)",
  });
  assert.equal(clusterDomainFrom({}), undefined);
});

test('OpenShift: Service dns-default in openshift-dns → prefix dns-default.openshift-dns', () => {
  const svc = variant('kubeadm-kube-dns-service.json', (s) => {
    s.metadata = {
      name: 'dns-default',
      namespace: 'openshift-dns',
      labels: { 'dns.operator.openshift.io/owning-dns': 'default' },
    };
    s.spec.clusterIP = '172.30.0.10';
  });
  const d = interpretDns({ kubeSystemServices: [], openshiftServices: [svc] });
  assert.deepEqual(d.values, { prefix: 'dns-default.openshift-dns' });
  assert.equal(d.implementation, 'coredns');
});

test("NodeLocal DNSCache's kube-dns-upstream is not taken for the cluster DNS", () => {
  const upstream = variant('kubeadm-kube-dns-service.json', (s) => (s.metadata.name = 'kube-dns-upstream'));
  const d = interpretDns({
    kubeSystemServices: [upstream, fixture('kubespray-coredns-service.json')],
    openshiftServices: [],
  });
  assert.equal(d.service?.name, 'coredns');
});

test('any other DNS Service name is written as a prefix; no Service leaves the chart defaults', () => {
  assert.deepEqual(dnsValues({ namespace: 'kube-system', name: 'rke2-coredns-rke2-coredns' }, 'cluster.local'), {
    prefix: 'rke2-coredns-rke2-coredns.kube-system',
  });
  const none = interpretDns({ kubeSystemServices: [], openshiftServices: [] });
  assert.deepEqual(none.values, {});
  assert.equal(none.service, undefined);
});
