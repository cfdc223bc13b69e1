import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNode, COUNTS_CAP, newNodeTally, OTHER, summarizeNodes } from '../../src/cluster/nodes.js';
import { fixture } from '../support/paths.js';
import { nodeWith } from './compose.js';

const summaryOf = (...nodes: unknown[]) => {
  const t = newNodeTally();
  for (const n of nodes) addNode(t, n as never);
  return summarizeNodes(t);
};

test('the GKE T4 node: one GPU, its product, GKE-managed driver and the GPU taint', () => {
  const s = summaryOf(fixture('node-gke-t4.json'));
  assert.equal(s.total, 1);
  assert.equal(s.ready, 1);
  assert.deepEqual(s.gpu.products, { 'nvidia-tesla-t4': 1 });
  assert.deepEqual(s.gpu.drivers, { 'GKE-managed (default)': 1 });
  assert.equal(s.gpu.gpus, 1);
  assert.deepEqual(s.gpu.taints, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', nodes: 1 }]);
  assert.deepEqual(s.gpu.osImages, { 'Container-Optimized OS from Google': 1 });
  assert.equal(s.signals.gke, 1);
  assert.match(s.examples.gke, /^label cloud\.google\.com\/gke-.* on node gke-ml-cluster-gpu-pool/);
});

test('minikube, microk8s and k3s nodes carry their own signal and no GPU', () => {
  const s = summaryOf(fixture('node-minikube.json'), fixture('node-microk8s.json'), fixture('node-k3s.json'));
  assert.equal(s.total, 3);
  assert.equal(s.signals.minikube, 1);
  assert.equal(s.signals.microk8s, 1);
  assert.equal(s.signals.k3s, 1);
  assert.equal(s.examples.k3s, 'providerID k3s://k3s-server-1 on node k3s-server-1');
  assert.equal(s.gpu.nodes, 0);
  assert.equal(s.sampleNode, 'minikube');
  assert.deepEqual(s.kubeletVersions, { 'v1.31.0': 1, 'v1.32.2': 1, 'v1.30.4+k3s1': 1 });
});

test('not-Ready and cordoned nodes are counted', () => {
  const down = nodeWith({ name: 'down' });
  down.status.conditions = [{ type: 'Ready', status: 'False' }];
  down.spec.unschedulable = true;
  const s = summaryOf(fixture('node-minikube.json'), down);
  assert.equal(s.ready, 1);
  assert.equal(s.unschedulable, 1);
});

test('counters stay bounded however many distinct values the nodes have', () => {
  const t = newNodeTally();
  for (let i = 0; i < 500; i++) addNode(t, nodeWith({ name: `n${i}`, kubeletVersion: `v1.30.${i}` }));
  const s = summarizeNodes(t);
  assert.equal(s.total, 500);
  assert.equal(Object.keys(s.kubeletVersions).length, COUNTS_CAP + 1);
  assert.equal(s.kubeletVersions[OTHER], 500 - COUNTS_CAP);
});
