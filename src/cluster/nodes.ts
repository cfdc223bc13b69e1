/**
 * Nodes are folded page by page into counters (NodeTally), never kept: a 5,000-node cluster costs
 * the probe one page of nodes in memory, not 5,000.
 */
import type { NodeLike } from './objects.js';
import type { Counts, NodeSummary, TaintCount } from './types.js';

/** Distinct values kept per counter; the rest are counted under OTHER. */
export const COUNTS_CAP = 20;
export const OTHER = '(other)';

/** Per-node distribution signals (FACTS §2), each a test and the field it read. */
const SIGNALS: Record<string, (n: NodeLike) => string | undefined> = {
  minikube: (n) => labelKey(n, (k) => k.startsWith('minikube.k8s.io/')),
  microk8s: (n) => labelKey(n, (k) => k === 'microk8s.io/cluster'),
  kind: (n) => providerId(n, 'kind://'),
  k3s: (n) =>
    providerId(n, 'k3s://') ??
    (label(n, 'node.kubernetes.io/instance-type') === 'k3s' ? 'label node.kubernetes.io/instance-type=k3s' : undefined),
  openshift: (n) => labelKey(n, (k) => k === 'node.openshift.io/os_id'),
  gke: (n) => labelKey(n, (k) => k.startsWith('cloud.google.com/gke-')) ?? kubeletSuffix(n, /-gke\./),
  eks: (n) => labelKey(n, (k) => k.startsWith('eks.amazonaws.com/')) ?? kubeletSuffix(n, /-eks-/),
  aks: (n) => labelKey(n, (k) => k.startsWith('kubernetes.azure.com/')),
};

export interface NodeTally {
  total: number;
  ready: number;
  unschedulable: number;
  sampleNode?: string;
  signals: Map<string, number>;
  examples: Map<string, string>;
  kubeletVersions: Map<string, number>;
  osImages: Map<string, number>;
  architectures: Map<string, number>;
  gpu: {
    nodes: number;
    gpus: number;
    products: Map<string, number>;
    drivers: Map<string, number>;
    taints: Map<string, TaintCount>;
    osImages: Map<string, number>;
    architectures: Map<string, number>;
  };
}

export function newNodeTally(): NodeTally {
  return {
    total: 0,
    ready: 0,
    unschedulable: 0,
    signals: new Map(),
    examples: new Map(),
    kubeletVersions: new Map(),
    osImages: new Map(),
    architectures: new Map(),
    gpu: {
      nodes: 0,
      gpus: 0,
      products: new Map(),
      drivers: new Map(),
      taints: new Map(),
      osImages: new Map(),
      architectures: new Map(),
    },
  };
}

export function addNode(t: NodeTally, n: NodeLike): void {
  const name = n.metadata?.name ?? '?';
  t.total++;
  t.sampleNode ??= n.metadata?.name;
  if (n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) t.ready++;
  if (n.spec?.unschedulable) t.unschedulable++;
  for (const [signal, test] of Object.entries(SIGNALS)) {
    const seen = test(n);
    if (seen === undefined) continue;
    bump(t.signals, signal);
    if (!t.examples.has(signal)) t.examples.set(signal, `${seen} on node ${name}`);
  }
  const info = n.status?.nodeInfo;
  bump(t.kubeletVersions, info?.kubeletVersion);
  bump(t.osImages, info?.osImage);
  bump(t.architectures, info?.architecture);
  addGpu(t.gpu, n);
}

function addGpu(g: NodeTally['gpu'], n: NodeLike): void {
  const count = Number(n.status?.allocatable?.['nvidia.com/gpu'] ?? n.status?.capacity?.['nvidia.com/gpu'] ?? 0);
  if (!(count > 0)) return;
  g.nodes++;
  g.gpus += count;
  bump(
    g.products,
    label(n, 'nvidia.com/gpu.product') ??
      label(n, 'cloud.google.com/gke-accelerator') ??
      label(n, 'karpenter.k8s.aws/instance-gpu-name') ??
      label(n, 'k8s.amazonaws.com/accelerator') ??
      'unknown',
  );
  const driver = label(n, 'nvidia.com/cuda.driver-version.full') ?? label(n, 'nvidia.com/cuda.driver.major');
  const gkeDriver = label(n, 'cloud.google.com/gke-gpu-driver-version');
  bump(g.drivers, driver ?? (gkeDriver ? `GKE-managed (${gkeDriver})` : 'unknown'));
  bump(g.osImages, n.status?.nodeInfo?.osImage);
  bump(g.architectures, n.status?.nodeInfo?.architecture);
  for (const taint of n.spec?.taints ?? []) {
    const key = `${taint.key}=${taint.value ?? ''}:${taint.effect}`;
    const seen = g.taints.get(key);
    if (seen) seen.nodes++;
    else if (g.taints.size < COUNTS_CAP)
      g.taints.set(key, {
        key: taint.key,
        ...(taint.value ? { value: taint.value } : {}),
        effect: taint.effect,
        nodes: 1,
      });
  }
}

export function summarizeNodes(t: NodeTally): NodeSummary {
  return {
    total: t.total,
    ready: t.ready,
    unschedulable: t.unschedulable,
    ...(t.sampleNode ? { sampleNode: t.sampleNode } : {}),
    signals: counts(t.signals),
    examples: Object.fromEntries(t.examples),
    kubeletVersions: counts(t.kubeletVersions),
    osImages: counts(t.osImages),
    architectures: counts(t.architectures),
    gpu: {
      nodes: t.gpu.nodes,
      gpus: t.gpu.gpus,
      products: counts(t.gpu.products),
      drivers: counts(t.gpu.drivers),
      taints: [...t.gpu.taints.values()],
      osImages: counts(t.gpu.osImages),
      architectures: counts(t.gpu.architectures),
    },
  };
}

/** The keys of a Counts, most frequent first. */
export function byCount(c: Counts): string[] {
  return Object.keys(c).sort((a, b) => c[b] - c[a] || a.localeCompare(b));
}

function bump(m: Map<string, number>, key: string | undefined): void {
  if (key === undefined || key === '') return;
  const k = m.has(key) || m.size < COUNTS_CAP ? key : OTHER;
  m.set(k, (m.get(k) ?? 0) + 1);
}

function counts(m: Map<string, number>): Counts {
  return Object.fromEntries(m);
}

function label(n: NodeLike, key: string): string | undefined {
  return n.metadata?.labels?.[key];
}

function labelKey(n: NodeLike, test: (key: string) => boolean): string | undefined {
  const k = Object.keys(n.metadata?.labels ?? {}).find(test);
  return k === undefined ? undefined : `label ${k}`;
}

function providerId(n: NodeLike, prefix: string): string | undefined {
  const id = n.spec?.providerID;
  return id?.startsWith(prefix) ? `providerID ${id}` : undefined;
}

function kubeletSuffix(n: NodeLike, re: RegExp): string | undefined {
  const v = n.status?.nodeInfo?.kubeletVersion;
  return v && re.test(v) ? `kubelet ${v}` : undefined;
}
