/**
 * What the probe finds, as plain JSON-ready data: `doctor --json` prints it as is, and the wizard
 * and `suggestValues` read it. Every part of the probe is a Section, so one refused or missing API
 * leaves the rest standing.
 */
import type { Dns, NvidiaPaths } from '../model/values.js';

export type SectionStatus = 'ok' | 'forbidden' | 'unavailable' | 'error';

/**
 * `forbidden`: the API said 403. `unavailable`: the API or object kind does not exist on this
 * cluster. `error`: anything else (timeout, server error, unreadable answer); `reason` says which.
 */
export type Section<T> =
  { status: 'ok'; data: T; notes?: string[] } | { status: Exclude<SectionStatus, 'ok'>; reason: string };

/** A count per distinct value; capped, with the rest under "(other)", so 5,000 nodes cost no more than 50. */
export type Counts = Record<string, number>;

export const DISTRIBUTIONS = [
  'minikube',
  'microk8s',
  'kind',
  'k3s',
  'gke',
  'eks',
  'aks',
  'openshift',
  'kubespray',
  'rke2',
  'doks',
  'talos',
  'generic',
] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export interface ServerVersion {
  gitVersion: string;
  major: number;
  minor: number;
  platform?: string;
}

export interface TaintCount {
  key: string;
  value?: string;
  effect: string;
  nodes: number;
}

export interface GpuNodes {
  /** Nodes with `nvidia.com/gpu` in capacity or allocatable. */
  nodes: number;
  /** Sum of allocatable `nvidia.com/gpu`. */
  gpus: number;
  /** GPU model per node: GFD's `nvidia.com/gpu.product`, else the cloud's accelerator label. */
  products: Counts;
  /** Driver per node: `nvidia.com/cuda.driver-version.full`, else GKE's driver-version label. */
  drivers: Counts;
  taints: TaintCount[];
  osImages: Counts;
  architectures: Counts;
}

export interface NodeSummary {
  total: number;
  ready: number;
  unschedulable: number;
  /** A node to ask for its kubelet configuration (the cluster domain). */
  sampleNode?: string;
  /** How many nodes show each distribution signal (see SIGNALS in nodes.ts). */
  signals: Counts;
  /** The first node and field behind each signal, for the evidence. */
  examples: Record<string, string>;
  /** How many nodes show the very field of each example (a label two of four nodes carry: 2). */
  exampleCounts: Counts;
  /** providerID schemes, per node: "aws", "gce", "azure", "digitalocean", "k3s", "kind"... */
  providers: Counts;
  /** Ready, schedulable nodes without a NoSchedule/NoExecute taint: where any pod can run. */
  untainted: number;
  kubeletVersions: Counts;
  osImages: Counts;
  architectures: Counts;
  gpu: GpuNodes;
}

export interface DistributionFinding {
  name: Distribution;
  /** A flavour with other rules: GKE Autopilot (no hostPath but read-only /var/log, no driver paths). */
  variant?: 'autopilot';
  /** Why, most telling first: labels, providerID, version suffix, API groups, DNS objects. */
  evidence: string[];
  /** Undefined when nodes could not be listed. */
  singleNode?: boolean;
}

export interface DnsFinding {
  implementation: 'coredns' | 'kube-dns' | 'unknown';
  /** The cluster DNS Service the gateway's resolver must name. */
  service?: { namespace: string; name: string; clusterIP?: string };
  clusterDomain: string;
  domainSource: string;
  /** `createdby` annotation on the DNS objects (kubespray sets it). */
  createdBy?: string;
  /** The chart's `dns` values that make the gateway resolve through that Service and domain. */
  values: Dns;
  evidence: string[];
}

export type GpuPlatform = 'gke-cos' | 'gpu-operator' | 'debian' | 'rhel' | 'unknown';

export interface GpuComponent {
  namespace: string;
  name: string;
  kind: 'device-plugin' | 'gke-device-plugin' | 'gpu-operator' | 'feature-discovery' | 'driver-installer';
  /** The GPU Operator's driver DaemonSet (matched by label or name prefix). */
  operatorDriver?: boolean;
  ready?: number;
  desired?: number;
  hostPaths: string[];
}

export interface NvidiaSuggestion {
  dirs: NvidiaPaths;
  mountPaths: NvidiaPaths;
  reason: string;
  /** False when the host layout is inferred from the OS image rather than read from a component. */
  certain: boolean;
}

export interface GpuFinding extends GpuNodes {
  components: GpuComponent[];
  /** NVIDIA GPU Operator: its API group (ClusterPolicy) or its DaemonSets. */
  operator: boolean;
  devicePlugin: boolean;
  platform?: GpuPlatform;
  nvidia?: NvidiaSuggestion;
}

export type RwxSupport = 'yes' | 'no' | 'if-requested' | 'unknown';

export interface StorageClassInfo {
  name: string;
  provisioner: string;
  isDefault: boolean;
  rwx: RwxSupport;
  bindingMode?: string;
}

export interface ClaimInfo {
  name: string;
  accessModes: string[];
  storageClass?: string;
  phase?: string;
  size?: string;
}

export interface StorageFinding {
  classes: StorageClassInfo[];
  /** Every class marked default (more than one is a misconfiguration). */
  defaults: string[];
  rwxClasses: string[];
  /** PVCs already in the namespace, which the wizard can offer as existingClaim. */
  claims: ClaimInfo[];
  /** All claims in the namespace; `claims` keeps the first CLAIMS_CAP. */
  claimCount: number;
}

export interface IngressClassInfo {
  name: string;
  controller?: string;
  isDefault: boolean;
}

export interface IngressFinding {
  classes: IngressClassInfo[];
  /** The default class, or the only class when there is just one. */
  chosen?: string;
  chosenBecause?: 'default' | 'only class';
}

export interface TlsSecretInfo {
  name: string;
  hosts: string[];
  notAfter?: string;
  expired?: boolean;
}

export interface CertManagerFinding {
  installed: boolean;
  issuers: { name: string; type: string; ready: boolean; message?: string }[];
}

export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart?: { name?: string; version?: string; appVersion?: string };
  firstDeployed?: string;
  lastDeployed?: string;
  description?: string;
  /** What `helm get values` shows: the user-supplied values. */
  values: Record<string, unknown>;
}

export interface ReleaseFinding {
  /** Revisions kept by helm for this release name in the namespace. */
  revisions: number;
  latest?: HelmRelease;
  /** The latest revision exists but could not be decoded. */
  decodeError?: string;
}

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  /** Cluster-scoped checks have none. */
  namespace?: string;
  /** Why the install needs it. */
  why: string;
  allowed?: boolean;
  /** Set when the review itself failed. */
  error?: string;
}

export interface PermissionsFinding {
  namespaceExists?: boolean;
  checks: AccessCheck[];
  /** "create clusterroles.rbac.authorization.k8s.io" for each check that came back denied. */
  denied: string[];
  /** The release namespace's labels, when it exists and could be read (Pod Security admission). */
  namespaceLabels?: Record<string, string>;
}

export interface LoadBalancerFinding {
  /** Whether a LoadBalancer Service would get an address. */
  available: boolean;
  /** What provides them: "AWS load balancers", "MetalLB", "kube-vip", "Cilium LB IPAM"... */
  implementations: string[];
  evidence: string[];
}

export interface ProbeResult {
  context: string;
  server: string;
  namespace: string;
  release: string;
  version: ServerVersion;
  elapsedMs: number;
  distribution: DistributionFinding;
  apiGroups: Section<string[]>;
  nodes: Section<NodeSummary>;
  dns: Section<DnsFinding>;
  gpu: Section<GpuFinding>;
  storage: Section<StorageFinding>;
  ingress: Section<IngressFinding>;
  tlsSecrets: Section<TlsSecretInfo[]>;
  certManager: Section<CertManagerFinding>;
  existingRelease: Section<ReleaseFinding>;
  permissions: Section<PermissionsFinding>;
  loadBalancer: Section<LoadBalancerFinding>;
}

/**
 * One finding: a stable code (README "Findings"), how bad it is, what was seen, what it changes
 * in config.yaml (or the install), and what to do. `info`: nothing to fix, but it changes what the
 * install does.
 */
export interface Diagnosis {
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** The part of the probe it is about: "permissions", "storage", ... */
  topic: string;
  message: string;
  /** What the probe saw that says so. */
  evidence: string[];
  /** The config.yaml values this finding sets (spec names), when it sets any. */
  change?: { field: string; value: unknown }[];
  fix?: string;
}

export type Finding = Diagnosis;
