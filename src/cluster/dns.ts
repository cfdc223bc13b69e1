/**
 * The chart's `dns` values name the Service the gateway's nginx resolves through:
 * `<prefix or backend + ".kube-system">.svc.<customCluster>` (FACTS §0.2). So what matters is the
 * DNS Service's name and namespace, and the cluster domain; the implementation is for the report.
 */
import type { Dns } from '../model/values.js';
import type { ConfigMapLike, ServiceLike, WorkloadLike } from './objects.js';
import type { DnsFinding } from './types.js';

export const DEFAULT_DOMAIN = 'cluster.local';

export interface DnsInputs {
  /** Services labelled k8s-app=kube-dns in kube-system. */
  kubeSystemServices: ServiceLike[];
  /** Services of OpenShift's DNS operator in openshift-dns. */
  openshiftServices: ServiceLike[];
  /** Deployments labelled k8s-app=kube-dns in kube-system (absent when forbidden). */
  deployments?: WorkloadLike[];
  domain?: DomainFinding;
}

export interface DomainFinding {
  domain: string;
  source: string;
}

export function interpretDns(x: DnsInputs): DnsFinding {
  const evidence: string[] = [];
  const svc =
    pickService(x.kubeSystemServices) ??
    x.openshiftServices.find((s) => s.metadata?.name === 'dns-default') ??
    x.openshiftServices[0];
  const service = svc && {
    namespace: svc.metadata?.namespace ?? (x.openshiftServices.includes(svc) ? 'openshift-dns' : 'kube-system'),
    name: svc.metadata?.name ?? '',
    ...(svc.spec?.clusterIP ? { clusterIP: svc.spec.clusterIP } : {}),
  };
  if (service)
    evidence.push(`Service ${service.namespace}/${service.name}${service.clusterIP ? ` (${service.clusterIP})` : ''}`);
  else evidence.push('no DNS Service labelled k8s-app=kube-dns in kube-system, nor in openshift-dns');

  const implementation = implementationOf(
    x.deployments,
    x.openshiftServices.length > 0 && service?.namespace === 'openshift-dns',
  );
  const workload = x.deployments?.[0];
  if (workload)
    evidence.push(
      `Deployment ${workload.metadata?.namespace ?? 'kube-system'}/${workload.metadata?.name} runs ${images(workload).join(', ')}`,
    );

  const domain = x.domain ?? {
    domain: DEFAULT_DOMAIN,
    source: 'default (no Corefile, kube-dns flag or kubelet configuration was readable)',
  };
  evidence.push(`cluster domain ${domain.domain} from ${domain.source}`);

  const createdBy = svc?.metadata?.annotations?.createdby ?? workload?.spec?.template.metadata?.annotations?.createdby;
  return {
    implementation,
    ...(service ? { service } : {}),
    clusterDomain: domain.domain,
    domainSource: domain.source,
    ...(createdBy ? { createdBy } : {}),
    values: dnsValues(service, domain.domain),
    evidence,
  };
}

/** The chart's names: backend for the two Service names it knows in kube-system, prefix otherwise. */
export function dnsValues(service: { namespace: string; name: string } | undefined, domain: string): Dns {
  const v: Dns = {};
  if (service) {
    if (service.namespace === 'kube-system' && (service.name === 'kube-dns' || service.name === 'coredns'))
      v.backend = service.name;
    else v.prefix = `${service.name}.${service.namespace}`;
  }
  if (domain !== DEFAULT_DOMAIN) v.customCluster = domain;
  return v;
}

/** The ConfigMaps the DNS Deployments mount, then kube-system/coredns: where a Corefile may be. */
export function corefileConfigMaps(deployments: WorkloadLike[]): string[] {
  const mounted = deployments.flatMap((d) =>
    (d.spec?.template.spec?.volumes ?? []).flatMap((v) => (v.configMap?.name ? [v.configMap.name] : [])),
  );
  return [...new Set([...mounted, 'coredns'])];
}

/** NodeLocal DNSCache's `*-upstream` Service carries the same label; it is not the cluster DNS. */
export function pickDnsService(services: ServiceLike[]): ServiceLike | undefined {
  return pickService(services);
}

function pickService(services: ServiceLike[]): ServiceLike | undefined {
  const named = (n: string) => services.find((s) => s.metadata?.name === n);
  return named('kube-dns') ?? named('coredns') ?? services.find((s) => !s.metadata?.name?.endsWith('-upstream'));
}

function implementationOf(deployments: WorkloadLike[] | undefined, openshift: boolean): DnsFinding['implementation'] {
  if (openshift) return 'coredns';
  for (const d of deployments ?? []) {
    const containers = d.spec?.template.spec?.containers ?? [];
    if (containers.some((c) => c.name === 'kubedns' || /k8s-dns-kube-dns/.test(c.image ?? ''))) return 'kube-dns';
    if (containers.some((c) => /coredns/.test(c.image ?? '') || c.name === 'coredns')) return 'coredns';
  }
  return 'unknown';
}

function images(w: WorkloadLike): string[] {
  return (w.spec?.template.spec?.containers ?? []).map((c) => c.image ?? c.name);
}

/**
 * The cluster domain from the first source that states it (FACTS §3.2): the CoreDNS Corefile,
 * kube-dns's --domain flag, kubeadm's kubelet-config ConfigMap, then the kubelet's live config.
 */
export function clusterDomainFrom(x: {
  corefile?: ConfigMapLike;
  deployments?: WorkloadLike[];
  kubeletConfig?: ConfigMapLike;
  configz?: unknown;
}): DomainFinding | undefined {
  const corefile = x.corefile?.data?.Corefile;
  const fromCorefile = corefile && /^\s*kubernetes\s+(\S+)/m.exec(corefile)?.[1];
  if (fromCorefile)
    return {
      domain: trimDot(fromCorefile),
      source: `the Corefile (ConfigMap ${x.corefile?.metadata?.namespace ?? 'kube-system'}/${x.corefile?.metadata?.name ?? 'coredns'})`,
    };
  for (const d of x.deployments ?? []) {
    for (const c of d.spec?.template.spec?.containers ?? []) {
      const flag = (c.args ?? [])
        .concat(c.command ?? [])
        .map((a) => /^--domain=(.+)$/.exec(a)?.[1])
        .find(Boolean);
      if (flag) return { domain: trimDot(flag), source: `the --domain flag of ${d.metadata?.name}/${c.name}` };
    }
  }
  const kubelet = x.kubeletConfig?.data?.kubelet;
  const fromKubelet = kubelet && /^clusterDomain:\s*["']?([^"'\s]+)/m.exec(kubelet)?.[1];
  if (fromKubelet) return { domain: trimDot(fromKubelet), source: 'ConfigMap kube-system/kubelet-config' };
  const live = (x.configz as { kubeletconfig?: { clusterDomain?: unknown } } | undefined)?.kubeletconfig?.clusterDomain;
  if (typeof live === 'string' && live)
    return { domain: trimDot(live), source: "the kubelet's live configuration (configz)" };
  return undefined;
}

function trimDot(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}
