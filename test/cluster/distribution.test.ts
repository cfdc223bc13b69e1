import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectDistribution } from '../../src/cluster/distribution.js';
import { interpretDns } from '../../src/cluster/dns.js';
import { addNode, newNodeTally, summarizeNodes } from '../../src/cluster/nodes.js';
import type { NodeLike } from '../../src/cluster/objects.js';
import { fixture } from '../support/paths.js';
import { nodeWith } from './compose.js';

const nodes = (...n: NodeLike[]) => {
  const t = newNodeTally();
  n.forEach((x) => addNode(t, x));
  return summarizeNodes(t);
};
const upstream = 'v1.31.0';

test('each node fixture names its distribution, with the label or providerID as evidence', () => {
  const cases: [string, string, RegExp][] = [
    ['node-minikube.json', 'minikube', /label minikube\.k8s\.io\/\S+ on node minikube \(1 of 1 node\)/],
    ['node-microk8s.json', 'microk8s', /label microk8s\.io\/cluster on node ubuntu-ws01/],
    ['node-k3s.json', 'k3s', /providerID k3s:\/\/k3s-server-1/],
    ['node-gke-t4.json', 'gke', /label cloud\.google\.com\/gke-/],
  ];
  for (const [file, name, evidence] of cases) {
    const d = detectDistribution({ gitVersion: upstream, nodes: nodes(fixture(file)) });
    assert.equal(d.name, name, file);
    assert.match(d.evidence[0], evidence, file);
    assert.equal(d.singleNode, true);
  }
});

test('kind by providerID, EKS and AKS by their node labels, OpenShift before the cloud it runs on', () => {
  const kind = nodeWith({ name: 'kind-control-plane', providerID: 'kind://docker/kind/kind-control-plane' });
  assert.equal(detectDistribution({ gitVersion: upstream, nodes: nodes(kind) }).name, 'kind');
  const eks = nodeWith({
    name: 'ip-10-0-1-5',
    labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' },
    providerID: 'aws:///us-east-1a/i-0abc',
  });
  assert.equal(detectDistribution({ gitVersion: 'v1.30.4-eks-a737599', nodes: nodes(eks) }).name, 'eks');
  const aks = nodeWith({ name: 'aks-pool-1', labels: { 'kubernetes.azure.com/cluster': 'MC_rg' } });
  assert.equal(detectDistribution({ gitVersion: upstream, nodes: nodes(aks) }).name, 'aks');
  const ocpOnAws = nodeWith({
    name: 'ip-10-0-2-9',
    labels: { 'node.openshift.io/os_id': 'rhcos' },
    providerID: 'aws:///us-east-1a/i-0def',
  });
  assert.equal(detectDistribution({ gitVersion: 'v1.29.6+aba1e8d', nodes: nodes(ocpOnAws) }).name, 'openshift');
});

test('without nodes, the version suffix and then the API groups decide', () => {
  assert.equal(detectDistribution({ gitVersion: fixture('version-gke.json').gitVersion }).name, 'gke');
  assert.equal(detectDistribution({ gitVersion: fixture('version-k3s.json').gitVersion }).name, 'k3s');
  assert.equal(detectDistribution({ gitVersion: 'v1.30.4-eks-a737599' }).name, 'eks');
  assert.equal(detectDistribution({ gitVersion: 'v1.29.6+aba1e8d' }).name, 'openshift');
  const byGroups = detectDistribution({
    gitVersion: upstream,
    apiGroups: ['apps', 'route.openshift.io', 'config.openshift.io'],
  });
  assert.equal(byGroups.name, 'openshift');
  assert.match(byGroups.evidence[0], /config\.openshift\.io, route\.openshift\.io/);
  const generic = detectDistribution({ gitVersion: upstream });
  assert.equal(generic.name, 'generic');
  assert.equal(generic.singleNode, undefined);
  assert.match(generic.evidence.join(' '), /nodes could not be listed/);
});

test('kubespray is told by its DNS objects, since its nodes look like plain kubeadm', () => {
  const dns = interpretDns({
    kubeSystemServices: [fixture('kubespray-coredns-service.json')],
    openshiftServices: [],
    deployments: [fixture('kubespray-coredns-deployment.json')],
  });
  const d = detectDistribution({
    gitVersion: upstream,
    nodes: nodes(nodeWith({ name: 'node1' }), nodeWith({ name: 'node2' })),
    dns,
  });
  assert.equal(d.name, 'kubespray');
  assert.match(d.evidence[0], /kube-system\/coredns annotated createdby: kubespray/);
  assert.equal(d.singleNode, false);
});

test('a plain kubeadm cluster is generic', () => {
  const dns = interpretDns({ kubeSystemServices: [fixture('kubeadm-kube-dns-service.json')], openshiftServices: [] });
  assert.equal(
    detectDistribution({ gitVersion: upstream, nodes: nodes(nodeWith({ name: 'cp' })), dns }).name,
    'generic',
  );
});
