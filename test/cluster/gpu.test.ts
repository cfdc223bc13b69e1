import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gpuComponentOf, interpretGpu } from '../../src/cluster/gpu.js';
import { addNode, newNodeTally, summarizeNodes } from '../../src/cluster/nodes.js';
import type { WorkloadLike } from '../../src/cluster/objects.js';
import { fixture } from '../support/paths.js';
import { variant } from './compose.js';

export function daemonSet(
  namespace: string,
  name: string,
  opts: { labels?: Record<string, string>; hostPaths?: string[]; ready?: number; desired?: number } = {},
): WorkloadLike {
  return {
    metadata: { name, namespace, labels: opts.labels ?? {} },
    spec: {
      template: {
        spec: {
          containers: [{ name: 'main', image: 'x' }],
          volumes: (opts.hostPaths ?? []).map((path, i) => ({ name: `v${i}`, hostPath: { path } })),
        },
      },
    },
    status: { numberReady: opts.ready ?? 1, desiredNumberScheduled: opts.desired ?? 1 },
  };
}

const gpuNodes = (...nodes: unknown[]) => {
  const t = newNodeTally();
  nodes.forEach((n) => addNode(t, n as never));
  return summarizeNodes(t).gpu;
};

test('DaemonSets are recognised by the names and labels each NVIDIA installer uses', () => {
  const kinds = [
    daemonSet('kube-system', 'nvidia-gpu-device-plugin-small-cos', {
      labels: { 'k8s-app': 'nvidia-gpu-device-plugin' },
    }),
    daemonSet('kube-system', 'nvidia-driver-installer'),
    daemonSet('kube-system', 'nvidia-device-plugin-daemonset'),
    daemonSet('nvidia', 'dp-nvidia-device-plugin', { labels: { 'app.kubernetes.io/name': 'nvidia-device-plugin' } }),
    daemonSet('gpu-operator', 'gpu-feature-discovery'),
    daemonSet('gpu-operator', 'nvidia-container-toolkit-daemonset'),
    daemonSet('kube-system', 'kube-proxy'),
  ].map((d) => gpuComponentOf(d)?.kind);
  assert.deepEqual(kinds, [
    'gke-device-plugin',
    'driver-installer',
    'device-plugin',
    'device-plugin',
    'feature-discovery',
    'gpu-operator',
    undefined,
  ]);
});

test("GKE COS: the GKE device plugin's host path gives certain dirs.nvidia", () => {
  const plugin = gpuComponentOf(
    daemonSet('kube-system', 'nvidia-gpu-device-plugin-small-cos', {
      hostPaths: ['/home/kubernetes/bin/nvidia', '/dev'],
    }),
  )!;
  const g = interpretGpu(gpuNodes(fixture('node-gke-t4.json')), [plugin], []);
  assert.equal(g.platform, 'gke-cos');
  assert.equal(g.devicePlugin, true);
  assert.equal(g.operator, false);
  assert.equal(g.nvidia?.certain, true);
  assert.deepEqual(g.nvidia?.dirs, {
    lib: '/home/kubernetes/bin/nvidia/lib64',
    bin: '/home/kubernetes/bin/nvidia/bin',
    libcuda: '/home/kubernetes/bin/nvidia/lib64/libcuda.so.1',
  });
  assert.deepEqual(g.nvidia?.mountPaths, {
    lib: '/usr/local/nvidia/lib64',
    bin: '/usr/local/nvidia/bin',
    libcuda: '/usr/lib/x86_64-linux-gnu/libcuda.so.1',
  });
  assert.match(g.nvidia?.reason ?? '', /DaemonSet kube-system\/nvidia-gpu-device-plugin-small-cos/);
});

test('the COS OS image alone is enough for the GKE paths', () => {
  const g = interpretGpu(gpuNodes(fixture('node-gke-t4.json')), [], undefined);
  assert.equal(g.nvidia?.certain, true);
  assert.match(g.nvidia?.reason ?? '', /Container-Optimized OS/);
});

test('GPU Operator and Ubuntu nodes: paths are a hint, not certain; arm64 uses its multiarch folder', () => {
  const ubuntuGpu = variant('node-gke-t4.json', (n) => {
    n.metadata.labels = {
      'nvidia.com/gpu.product': 'A100-SXM4-40GB',
      'nvidia.com/cuda.driver-version.full': '550.54.15',
    };
    n.status.nodeInfo.osImage = 'Ubuntu 22.04.4 LTS';
    n.status.nodeInfo.architecture = 'arm64';
  });
  const nodes = gpuNodes(ubuntuGpu);
  assert.deepEqual(nodes.products, { 'A100-SXM4-40GB': 1 });
  assert.deepEqual(nodes.drivers, { '550.54.15': 1 });
  const debian = interpretGpu(nodes, [], []);
  assert.equal(debian.platform, 'debian');
  assert.equal(debian.nvidia?.certain, false);
  assert.equal(debian.nvidia?.dirs.libcuda, '/usr/lib/aarch64-linux-gnu/libcuda.so.1');
  const operator = interpretGpu(
    nodes,
    [gpuComponentOf(daemonSet('gpu-operator', 'nvidia-driver-daemonset'))!],
    ['nvidia.com'],
  );
  assert.equal(operator.platform, 'gpu-operator');
  assert.equal(operator.operator, true);
  assert.equal(operator.nvidia?.dirs.lib, '/run/nvidia/driver/usr/lib/aarch64-linux-gnu');
  assert.equal(operator.nvidia?.certain, false);
});

test('no GPU nodes: no platform and no paths, components still listed', () => {
  const g = interpretGpu(
    gpuNodes(fixture('node-minikube.json')),
    [gpuComponentOf(daemonSet('kube-system', 'nvidia-device-plugin-daemonset'))!],
    [],
  );
  assert.equal(g.nodes, 0);
  assert.equal(g.platform, undefined);
  assert.equal(g.nvidia, undefined);
  assert.equal(g.components.length, 1);
});
