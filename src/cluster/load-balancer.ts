/**
 * Whether a Service of type LoadBalancer gets an address here. A cloud's controller gives one
 * (the nodes' providerID names the cloud); on bare metal only an implementation does: MetalLB,
 * kube-vip's service mode, Cilium's LB IPAM (with a pool), k3s's ServiceLB. Without one the Service
 * stays `<pending>` forever.
 */
import type { LoadBalancerFinding, NodeSummary } from './types.js';

/** providerID schemes of clouds whose controller provisions load balancers. */
const CLOUD_LB: Record<string, string> = {
  aws: 'AWS',
  gce: 'Google Cloud',
  azure: 'Azure',
  digitalocean: 'DigitalOcean',
  linode: 'Linode (Akamai)',
  hcloud: 'Hetzner Cloud',
  oci: 'Oracle Cloud',
  scaleway: 'Scaleway',
  openstack: 'OpenStack (Octavia)',
  exoscale: 'Exoscale',
  ibm: 'IBM Cloud',
  vultr: 'Vultr',
  alicloud: 'Alibaba Cloud',
  huaweicloud: 'Huawei Cloud',
  upcloud: 'UpCloud',
  ionos: 'IONOS',
};

export interface LoadBalancerInputs {
  nodes?: NodeSummary;
  apiGroups?: string[];
  /** DaemonSets and Deployments of kube-vip ("namespace/name"). */
  kubeVip: string[];
  /** CiliumLoadBalancerIPPools, when cilium.io is served. */
  ciliumPools?: number;
}

export function interpretLoadBalancer(x: LoadBalancerInputs): LoadBalancerFinding {
  const implementations: string[] = [];
  const evidence: string[] = [];
  const providers = x.nodes?.providers ?? {};
  for (const [scheme, nodes] of Object.entries(providers)) {
    const cloud = CLOUD_LB[scheme];
    if (cloud) {
      implementations.push(`${cloud} load balancers`);
      evidence.push(`providerID ${scheme}:// on ${nodes} of ${x.nodes?.total} nodes`);
    }
  }
  if (providers.k3s) {
    implementations.push('k3s ServiceLB');
    evidence.push(`providerID k3s:// (ServiceLB runs unless k3s was started with --disable servicelb)`);
  }
  if (x.apiGroups?.includes('metallb.io')) {
    implementations.push('MetalLB');
    evidence.push('API group metallb.io');
  }
  if (x.kubeVip.length) {
    implementations.push('kube-vip');
    evidence.push(`kube-vip runs (${x.kubeVip.join(', ')})`);
  }
  if ((x.ciliumPools ?? 0) > 0) {
    implementations.push('Cilium LB IPAM');
    evidence.push(`${x.ciliumPools} CiliumLoadBalancerIPPool${x.ciliumPools === 1 ? '' : 's'}`);
  }
  if (!implementations.length) {
    const schemes = Object.keys(providers);
    evidence.push(
      schemes.length
        ? `providerID ${schemes.map((s) => `${s}://`).join(', ')}: no cloud load balancer`
        : 'no node has a cloud providerID',
      `no MetalLB (metallb.io), kube-vip, or Cilium LB IPAM pool${x.apiGroups?.includes('cilium.io') ? '' : ' (cilium.io not served)'}`,
    );
  }
  return { available: implementations.length > 0, implementations, evidence };
}

/** kube-vip's DaemonSet (kube-vip-ds) or its cloud provider Deployment, by name or image. */
export function isKubeVip(w: {
  metadata?: { name?: string };
  spec?: { template: { spec?: { containers: { image?: string }[] } } };
}): boolean {
  return (
    /kube-vip/.test(w.metadata?.name ?? '') ||
    (w.spec?.template.spec?.containers ?? []).some((c) => /kube-vip\/kube-vip/.test(c.image ?? ''))
  );
}
