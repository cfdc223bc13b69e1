/**
 * From findings to config: which preset, and the values the cluster itself decides (DNS, GPU
 * tolerations and driver paths, the ingress class, the deployment type), each with the reason the
 * wizard shows as its hint. Pure: a ProbeResult in, a values layer out.
 *
 * Presets by distribution: minikube, microk8s, gke, eks, openshift and kubespray have their own.
 * kind, k3s, AKS and anything else get `kubernetes` (ClusterIP behind an Ingress) when an
 * IngressClass exists or there are several nodes, and `minikube` (NodePort, no Ingress) when a
 * single node has no ingress controller, with deploymentType kept `kubernetes` since the minikube
 * instructions would be wrong there. `kubernetes` becomes `nfs` when the namespace already holds
 * polyaxon-nfs-provisioner's claims. `docker-compose` is never a cluster's answer.
 */
import { escapeKey } from '../model/merge.js';
import type { DeploymentType, Toleration, Values } from '../model/values.js';
import { namespaceDecision, type NamespaceDecision } from './namespace.js';
import { namespaceAccessOf } from './permissions.js';
import { storagePlan, type StoragePlan } from './storage-plan.js';
import type { Diagnosis, Distribution, ProbeResult } from './types.js';

export interface Reason {
  /** Dotted path, keys with dots escaped as --set writes them. */
  field: string;
  value: unknown;
  reason: string;
}

export interface Suggestion {
  preset: string;
  presetReason: string;
  /** A layer to merge on top of the preset's values. */
  values: Values;
  reasons: Reason[];
  /** Whether `helm install` gets --create-namespace (absent when permissions could not be read). */
  namespace?: NamespaceDecision;
  /** Whether a LoadBalancer Service would get an address (absent when it could not be told). */
  loadBalancer?: { available: boolean; reason: string };
  /** Where the outputs go and what the cluster refuses (hostPath, privileges), with the claim to create. */
  storage?: StoragePlan;
  /** What doctor reports for this cluster, when the probe's result was at hand (--preset auto, the wizard). */
  findings?: Diagnosis[];
  /** The release already installed under the name asked, if any. */
  release?: { name: string; namespace: string; revision: number; status: string; chartVersion?: string };
}

const OWN_PRESET: Partial<Record<Distribution, string>> = {
  minikube: 'minikube',
  microk8s: 'microk8s',
  gke: 'gke',
  eks: 'eks',
  openshift: 'openshift',
  kubespray: 'kubespray',
};

/** Presets whose values enable the Ingress (checked against presets/*.yaml by a test). */
export const PRESETS_WITH_INGRESS = ['gke', 'kubernetes', 'kubespray', 'nfs', 'openshift'];

/** The claims the nfs preset mounts; their presence means polyaxon-nfs-provisioner made them. */
export const NFS_PRESET_CLAIMS = ['polyaxon-pvc-logs', 'polyaxon-pvc-repos', 'polyaxon-pvc-upload'];

const CLOUDS: Distribution[] = ['gke', 'eks', 'aks', 'doks'];

/** Taints every cluster may put on any node; tolerating them is not about GPUs. */
const SYSTEM_TAINT = /^(node\.kubernetes\.io|node-role\.kubernetes\.io|node\.cloudprovider\.kubernetes\.io)\//;

export function suggestValues(r: ProbeResult): Suggestion {
  const values: Values = {};
  const reasons: Reason[] = [];
  const set = (path: string[], value: unknown, reason: string) => {
    let at = values as Record<string, unknown>;
    for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]] = value;
    reasons.push({ field: path.map(escapeKey).join('.'), value, reason });
  };

  const d = r.distribution;
  const seen = d.evidence[0] ?? '';
  const { preset, presetReason } = choosePreset(r);

  const deploymentType: DeploymentType = d.name === 'minikube' || d.name === 'microk8s' ? d.name : 'kubernetes';
  set(
    ['deploymentType'],
    deploymentType,
    d.name === 'generic'
      ? 'no specific distribution found, so the plain Kubernetes instructions'
      : `the cluster is ${d.name} (${seen})`,
  );

  if (r.dns.status === 'ok') {
    const dns = r.dns.data;
    const svc = dns.service ? `${dns.service.namespace}/${dns.service.name}` : '';
    if (dns.values.backend)
      set(
        ['dns', 'backend'],
        dns.values.backend,
        `the cluster DNS Service is ${svc}, so the gateway resolves ${dns.values.backend}.kube-system`,
      );
    if (dns.values.prefix)
      set(
        ['dns', 'prefix'],
        dns.values.prefix,
        dns.service?.namespace === 'kube-system'
          ? `the cluster DNS Service is ${svc}, a name dns.backend cannot give (it knows kube-dns and coredns)`
          : `the cluster DNS Service is ${svc}, outside kube-system`,
      );
    if (dns.values.customCluster)
      set(
        ['dns', 'customCluster'],
        dns.values.customCluster,
        `the cluster domain is ${dns.clusterDomain} (from ${dns.domainSource}), not cluster.local`,
      );
  }

  const autopilot = d.variant === 'autopilot';
  if (autopilot && preset === 'gke') {
    const why =
      'GKE Autopilot refuses hostPath volumes (only read-only /var/log); its device plugin gives GPU pods the driver';
    set(['dirs', 'nvidia'], null, why);
    set(['mountPaths', 'nvidia'], null, why);
  }
  if (r.gpu.status === 'ok' && r.gpu.data.nodes > 0) {
    const gpu = r.gpu.data;
    const tolerations = gpuTolerations(gpu.taints);
    if (tolerations.length) {
      const taints = gpu.taints
        .filter((t) => !SYSTEM_TAINT.test(t.key))
        .map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
      const on = `${gpu.nodes} GPU node${gpu.nodes > 1 ? 's are' : ' is'} tainted ${taints.join(', ')}`;
      set(
        ['resourcesDaemon', 'tolerations'],
        tolerations,
        `${on}; the resources daemon must run there to report the GPUs (GPU runs take their tolerations from their own environment)`,
      );
      // The taints exist to keep other pods off the GPU nodes: the core pods tolerate them only
      // when no other node can run them.
      const untainted = r.nodes.status === 'ok' ? r.nodes.data.untainted : undefined;
      if (untainted === 0)
        set(
          ['tolerations'],
          tolerations,
          `${on} and no other node can run the core pods (every ready node is tainted or cordoned)`,
        );
    }
    if (gpu.nvidia?.certain && !autopilot) {
      set(['dirs', 'nvidia'], gpu.nvidia.dirs, gpu.nvidia.reason);
      set(
        ['mountPaths', 'nvidia'],
        gpu.nvidia.mountPaths,
        'where the chart mounts the driver in the pods (the layout CUDA images look in)',
      );
    }
  }

  const storage = storagePlan(r, preset);
  if (storage.claim) {
    const c = storage.claim;
    set(
      ['persistence', 'outputs'],
      { 'default-outputs': null, outputs: { existingClaim: c.name, mountPath: '/outputs' } },
      `${c.reason}; ${c.exists ? `the claim ${c.name} already exists in ${r.namespace}` : `the claim ${c.name} (${c.size}, ${c.accessModes[0]}) is created before the install`}`,
    );
  }
  if (storage.hostPathRefused.length)
    set(
      ['persistence', 'data'],
      { 'default-data': null },
      `${storage.hostPathRefused[0]}: the default data volume is a host path`,
    );
  if (storage.restricted)
    set(
      ['securityContext'],
      { enabled: true, runAsNonRoot: true, allowPrivilegeEscalation: false },
      `${storage.restricted}: containers must run as non-root, without privilege escalation`,
    );

  const ingressOn = PRESETS_WITH_INGRESS.includes(preset);
  if (ingressOn && r.ingress.status === 'ok') {
    const ing = r.ingress.data;
    if (ing.chosen) {
      const controller = ing.classes.find((c) => c.name === ing.chosen)?.controller;
      const why = ing.chosenBecause === 'default' ? 'the default IngressClass' : 'the only IngressClass';
      set(
        ['ingress', 'annotations', 'kubernetes.io/ingress.class'],
        ing.chosen,
        `${why}${controller ? ` (${controller})` : ''}`,
      );
    } else if (ing.classes.length === 0 && preset !== 'gke' && preset !== 'openshift') {
      const lb = r.loadBalancer.status === 'ok' ? r.loadBalancer.data : undefined;
      // Without the finding, the clouds that always have load balancers.
      const hasLb = lb ? lb.available : CLOUDS.includes(d.name);
      set(['ingress', 'enabled'], false, 'no IngressClass: nothing would serve an Ingress');
      set(
        ['serviceType'],
        hasLb ? 'LoadBalancer' : 'NodePort',
        hasLb
          ? `without an Ingress the API needs its own way in; ${lb?.implementations.join(', ') || `${d.name} load balancers`} give it an address`
          : `without an Ingress the API needs its own way in, and nothing here gives a LoadBalancer an address (${lb?.evidence.join('; ') ?? 'no cloud provider'})`,
      );
    }
  }

  const namespace =
    r.permissions.status === 'ok' ? namespaceDecision(namespaceAccessOf(r.permissions.data, r.namespace)) : undefined;
  const latest = r.existingRelease.status === 'ok' ? r.existingRelease.data.latest : undefined;
  const release = latest && {
    name: latest.name || r.release,
    namespace: latest.namespace || r.namespace,
    revision: latest.revision,
    status: latest.status,
    ...(latest.chart?.version ? { chartVersion: latest.chart.version } : {}),
  };
  const lbf = r.loadBalancer.status === 'ok' ? r.loadBalancer.data : undefined;
  const loadBalancer = lbf && {
    available: lbf.available,
    reason: lbf.available ? lbf.implementations.join(', ') : lbf.evidence.join('; '),
  };
  return {
    preset,
    presetReason,
    values,
    reasons,
    ...(namespace ? { namespace } : {}),
    ...(loadBalancer ? { loadBalancer } : {}),
    storage,
    ...(release ? { release } : {}),
  };
}

function choosePreset(r: ProbeResult): { preset: string; presetReason: string } {
  const d = r.distribution;
  const own = OWN_PRESET[d.name];
  if (own) return { preset: own, presetReason: `the cluster is ${d.name}: ${d.evidence[0]}` };
  const classes = r.ingress.status === 'ok' ? r.ingress.data.classes.length : 0;
  if (d.singleNode && classes === 0) {
    return {
      preset: 'minikube',
      presetReason: `a single ${d.name === 'generic' ? '' : `${d.name} `}node without an ingress controller: NodePort, volumes on the node`,
    };
  }
  const claims = r.storage.status === 'ok' ? r.storage.data.claims.map((c) => c.name) : [];
  if (NFS_PRESET_CLAIMS.every((c) => claims.includes(c))) {
    return {
      preset: 'nfs',
      presetReason: `the namespace ${r.namespace} already has polyaxon-nfs-provisioner's claims (${NFS_PRESET_CLAIMS.join(', ')})`,
    };
  }
  const what = d.name === 'generic' ? 'a Kubernetes cluster' : d.name;
  return {
    preset: 'kubernetes',
    presetReason:
      classes > 0
        ? `${what} with an ingress controller: the API behind an Ingress`
        : `${what} with several nodes and no IngressClass: the kubernetes preset with the Ingress off, the API on its own Service`,
  };
}

/** One toleration per GPU taint key and effect, whatever its value. */
export function gpuTolerations(taints: { key: string; effect: string }[]): Toleration[] {
  const seen = new Set<string>();
  const out: Toleration[] = [];
  for (const t of taints) {
    if (SYSTEM_TAINT.test(t.key) || seen.has(`${t.key}:${t.effect}`)) continue;
    seen.add(`${t.key}:${t.effect}`);
    out.push({ key: t.key, operator: 'Exists', effect: t.effect as Toleration['effect'] });
  }
  return out;
}
