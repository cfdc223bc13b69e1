/**
 * What the wizard's steps read about the cluster: a narrow view of the probe's result, so steps and
 * their tests never depend on the probe's full shape (or load its Kubernetes client).
 */
import type { NvidiaPaths, Toleration, Values } from '../src/model/values.js';

export interface ClusterFacts {
  /** kubeconfig context and API server, shown on the review screen before anything is changed. */
  context?: string;
  server?: string;
  /** e.g. minikube, microk8s, k3s, gke, eks, aks, openshift, kubespray, kubernetes. */
  distribution?: string;
  /** PVC names in the target namespace. */
  pvcs: string[];
  /** Secrets of type kubernetes.io/tls in the target namespace (not expired). */
  tlsSecrets: string[];
  /** The host names each of those secrets' certificates covers, by secret name, when the probe could read them. */
  tlsHosts?: Record<string, string[]>;
  /** cert-manager ClusterIssuers that are ready. */
  clusterIssuers: string[];
  ingressClasses: string[];
  /** Present when some node offers nvidia.com/gpu. */
  gpu?: {
    /** e.g. "2 nodes, 4 GPUs (Tesla T4)". */
    summary: string;
    /** The GPU nodes' taints, as tolerations of them. */
    taints: Toleration[];
    /** Driver paths on the nodes and in pods, when the probe could tell. */
    paths?: NvidiaPaths;
    mountPaths?: NvidiaPaths;
    reason?: string;
  };
  /**
   * A release of that name already in the namespace: its user-supplied values (under its chart
   * line's names), so the review can show what installing over it would change.
   */
  existingRelease?: {
    release?: string;
    namespace?: string;
    status?: string;
    chartVersion?: string;
    revision?: number;
    values?: Values;
  };
  /** Values the probe suggests (the preset it picked plus what it found). */
  suggested: Values;
  /** Why a value was suggested, by dotted path, shown beside the field. */
  hints: Record<string, string>;
  /** Findings worth a line on the review screen (missing permissions, ...). */
  warnings: string[];
  /**
   * What would stop the install, found before the review (helm missing, the cluster unreachable):
   * the review shows each, and offers no go-ahead until it is fixed.
   */
  blockers?: string[];
  /** Set when the cluster could not be probed at all: why, and what to do about it. */
  unreachable?: { reason: string; hint?: string };
}

/** What a failed probe means for the wizard, in two lines for its first screen. */
export function unreachableLines(u: NonNullable<ClusterFacts['unreachable']>): string[] {
  return [
    `The cluster could not be probed: ${u.reason}`,
    `The defaults come from the preset and the chart, not from the cluster.${u.hint ? ` ${u.hint}` : ''} ` +
      'To retry: Ctrl-C (the answers are kept), then polyaxon-setup --resume.',
  ];
}

export function emptyFacts(): ClusterFacts {
  return { pvcs: [], tlsSecrets: [], clusterIssuers: [], ingressClasses: [], suggested: {}, hints: {}, warnings: [] };
}

/** A hint for `path` or for the nearest parent that has one. */
export function hintFor(facts: ClusterFacts | undefined, path: string): string | undefined {
  if (!facts) return undefined;
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    if (facts.hints[p]) return facts.hints[p];
  }
  return undefined;
}

/** Whether a certificate for `pattern` (a host, or `*.domain`) serves `host`. */
export function coversHost(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1)) && !h.slice(0, -p.length + 1).includes('.');
}

/** The first TLS secret whose certificate covers `host`. */
export function secretForHost(facts: ClusterFacts | undefined, host: string): string | undefined {
  if (!facts || !host) return undefined;
  return facts.tlsSecrets.find((name) => (facts.tlsHosts?.[name] ?? []).some((p) => coversHost(p, host)));
}
