/**
 * Which distribution this is, from the most specific evidence to the least (FACTS §2): node labels
 * and providerIDs, then the server's version suffix, then API groups, then the DNS objects.
 */
import type { Distribution, DistributionFinding, DnsFinding, NodeSummary } from './types.js';

export interface DistributionInputs {
  gitVersion: string;
  nodes?: NodeSummary;
  apiGroups?: string[];
  dns?: DnsFinding;
}

const OPENSHIFT_GROUPS = ['config.openshift.io', 'route.openshift.io', 'security.openshift.io', 'project.openshift.io'];

/** Distributions told apart by a node signal, most specific first (OpenShift runs on clouds, so before them). */
const BY_NODE: Distribution[] = [
  'minikube',
  'microk8s',
  'kind',
  'k3s',
  'openshift',
  'talos',
  'gke',
  'eks',
  'aks',
  'doks',
];

/** GKE Autopilot's own API group (AllowlistedWorkload and the like); Standard clusters do not serve it. */
const AUTOPILOT_GROUP = 'auto.gke.io';

const BY_VERSION: [Distribution, RegExp][] = [
  ['k3s', /\+k3s\d*$/],
  ['gke', /-gke\./],
  ['eks', /-eks-/],
  ['rke2', /\+rke2r\d+$/],
  // OpenShift builds append "+<commit>" to the upstream version.
  ['openshift', /\+[0-9a-f]{7,}$/],
];

export function detectDistribution(x: DistributionInputs): DistributionFinding {
  const singleNode = x.nodes ? x.nodes.total === 1 : undefined;
  const found = (name: Distribution, evidence: string[]): DistributionFinding => ({
    name,
    evidence,
    ...(singleNode === undefined ? {} : { singleNode }),
  });

  const ofNodes = (n: NodeSummary, signal: string) => {
    const count = n.exampleCounts?.[signal] ?? n.signals[signal] ?? 0;
    return `${n.examples[signal]} (${count} of ${n.total} node${n.total > 1 ? 's' : ''})`;
  };
  if (x.nodes) {
    const n = x.nodes;
    for (const d of BY_NODE) {
      if (!((n.signals[d] ?? 0) > 0)) continue;
      if (d === 'gke') {
        const autopilot = [
          ...((n.signals['gke-autopilot'] ?? 0) > 0 ? [ofNodes(n, 'gke-autopilot')] : []),
          ...(x.apiGroups?.includes(AUTOPILOT_GROUP) ? [`API group ${AUTOPILOT_GROUP}`] : []),
        ];
        if (autopilot.length)
          return { ...found('gke', [`GKE Autopilot: ${autopilot.join(', ')}`, ofNodes(n, d)]), variant: 'autopilot' };
      }
      return found(d, [ofNodes(n, d)]);
    }
  }
  if (x.apiGroups?.includes(AUTOPILOT_GROUP))
    return { ...found('gke', [`GKE Autopilot: API group ${AUTOPILOT_GROUP}`]), variant: 'autopilot' };
  for (const [d, re] of BY_VERSION) {
    if (re.test(x.gitVersion)) return found(d, [`server version ${x.gitVersion}`]);
  }
  const osGroups = OPENSHIFT_GROUPS.filter((g) => x.apiGroups?.includes(g));
  if (osGroups.length) return found('openshift', [`API groups ${osGroups.join(', ')}`]);
  if (x.dns?.createdBy === 'kubespray') {
    return found('kubespray', [
      `DNS Service ${x.dns.service?.namespace}/${x.dns.service?.name} annotated createdby: kubespray`,
    ]);
  }
  if (x.dns?.service?.namespace === 'kube-system' && x.dns.service.name === 'coredns') {
    return found('kubespray', ['the cluster DNS Service is kube-system/coredns, as kubespray names it']);
  }
  const evidence = [`no distribution-specific labels, providerID or version suffix (server ${x.gitVersion})`];
  if (!x.nodes) evidence.push('nodes could not be listed, so node labels were not seen');
  return found('generic', evidence);
}
