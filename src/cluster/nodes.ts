/**
 * Nodes are folded page by page into counters (NodeTally), never kept: a 5,000-node cluster costs
 * the probe one page of nodes in memory, not 5,000.
 */
import type { NodeLike } from './objects.js';
import type { Counts, NodeSummary, TaintCount } from './types.js';

/** Distinct values kept per counter; the rest are counted under OTHER. */
export const COUNTS_CAP = 20;
export const OTHER = '(other)';

/**
 * Per-node distribution signals (FACTS §2), each a test giving the field it read: `kind` is the
 * same on every node showing it (a label key, a providerID scheme), so it can be counted; `seen` is
 * this node's value, for the evidence.
 */
interface Seen {
  kind: string;
  seen: string;
}
const SIGNALS: Record<string, (n: NodeLike) => Seen | undefined> = {
  minikube: (n) => labelKey(n, (k) => k.startsWith('minikube.k8s.io/')),
  microk8s: (n) => labelKey(n, (k) => k === 'microk8s.io/cluster'),
  kind: (n) => providerId(n, 'kind://'),
  k3s: (n) =>
    providerId(n, 'k3s://') ??
    (label(n, 'node.kubernetes.io/instance-type') === 'k3s'
      ? { kind: 'instance-type k3s', seen: 'label node.kubernetes.io/instance-type=k3s' }
      : undefined),
  openshift: (n) => labelKey(n, (k) => k === 'node.openshift.io/os_id'),
  gke: (n) => labelKey(n, (k) => k.startsWith('cloud.google.com/gke-')) ?? kubeletSuffix(n, /-gke\./),
  eks: (n) => labelKey(n, (k) => k.startsWith('eks.amazonaws.com/')) ?? kubeletSuffix(n, /-eks-/),
  aks: (n) => labelKey(n, (k) => k.startsWith('kubernetes.azure.com/')),
  doks: (n) => labelKey(n, (k) => k.startsWith('doks.digitalocean.com/')) ?? providerId(n, 'digitalocean://'),
  // GKE Autopilot names its nodes gk3-<cluster>-<pool>-…; Standard uses gke-.
  'gke-autopilot': (n) =>
    n.metadata?.name?.startsWith('gk3-') ? { kind: 'name gk3-', seen: `node name ${n.metadata.name}` } : undefined,
  talos: (n) =>
    /^Talos\b/.test(n.status?.nodeInfo?.osImage ?? '')
      ? { kind: 'osImage Talos', seen: `osImage ${n.status?.nodeInfo?.osImage}` }
      : undefined,
};

/** Taints that keep ordinary pods off a node. */
const BLOCKING = new Set(['NoSchedule', 'NoExecute']);

export interface NodeTally {
  total: number;
  ready: number;
  unschedulable: number;
  sampleNode?: string;
  signals: Map<string, number>;
  examples: Map<string, string>;
  /** Per signal, the field kind of its example, and how many nodes show that very field. */
  exampleKinds: Map<string, string>;
  exampleCounts: Map<string, number>;
  /** providerID schemes ("aws", "gce", "digitalocean"...), per node. */
  providers: Map<string, number>;
  /** Ready, schedulable nodes with no NoSchedule/NoExecute taint: where any pod can run. */
  untainted: number;
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
    exampleKinds: new Map(),
    exampleCounts: new Map(),
    providers: new Map(),
    untainted: 0,
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
  const ready = n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
  if (ready) t.ready++;
  if (n.spec?.unschedulable) t.unschedulable++;
  if (ready && !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((x) => BLOCKING.has(x.effect))) t.untainted++;
  for (const [signal, test] of Object.entries(SIGNALS)) {
    const seen = test(n);
    if (seen === undefined) continue;
    bump(t.signals, signal);
    if (!t.examples.has(signal)) {
      t.examples.set(signal, `${seen.seen} on node ${name}`);
      t.exampleKinds.set(signal, seen.kind);
    }
    if (t.exampleKinds.get(signal) === seen.kind) t.exampleCounts.set(signal, (t.exampleCounts.get(signal) ?? 0) + 1);
  }
  const scheme = /^([a-z0-9-]+):\/\//i.exec(n.spec?.providerID ?? '')?.[1];
  bump(t.providers, scheme?.toLowerCase());
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
    exampleCounts: counts(t.exampleCounts),
    providers: counts(t.providers),
    untainted: t.untainted,
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

function labelKey(n: NodeLike, test: (key: string) => boolean): Seen | undefined {
  const k = Object.keys(n.metadata?.labels ?? {}).find(test);
  return k === undefined ? undefined : { kind: `label ${k}`, seen: `label ${k}` };
}

function providerId(n: NodeLike, prefix: string): Seen | undefined {
  const id = n.spec?.providerID;
  return id?.startsWith(prefix) ? { kind: `providerID ${prefix}`, seen: `providerID ${id}` } : undefined;
}

function kubeletSuffix(n: NodeLike, re: RegExp): Seen | undefined {
  const v = n.status?.nodeInfo?.kubeletVersion;
  return v && re.test(v) ? { kind: `kubelet ${re.source}`, seen: `kubelet ${v}` } : undefined;
}
