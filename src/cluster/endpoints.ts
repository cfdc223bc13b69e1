/**
 * Where an installed release can be reached, read from what it made: its Ingresses (host, TLS), its
 * NodePort Services on a node's address, its LoadBalancer Services' addresses. Read from the
 * cluster, not from the values, so it holds for every chart line's names.
 */
import type { Kube } from './client.js';
import { labelledForRelease } from './leftovers.js';
import type { ObjectMeta } from './objects.js';

export interface ServiceLike {
  metadata?: ObjectMeta;
  spec?: { type?: string; ports?: { name?: string; port?: number; nodePort?: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface IngressLike {
  metadata?: ObjectMeta;
  spec?: { tls?: { hosts?: string[] }[]; rules?: { host?: string; http?: { paths?: { path?: string }[] } }[] };
}

export interface NodeAddressLike {
  status?: { addresses?: { type: string; address: string }[] };
}

/** The URLs to open, best first, and what to do where there is none yet. */
export function reachability(
  found: { services: ServiceLike[]; ingresses: IngressLike[]; nodes: NodeAddressLike[] },
  release: string,
): { urls: string[]; pending: string[] } {
  const urls: string[] = [];
  const pending: string[] = [];
  for (const ing of found.ingresses.filter((i) => labelledForRelease(i.metadata, release))) {
    const tls = new Set((ing.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const rule of ing.spec?.rules ?? []) {
      if (!rule.host) continue;
      const path = rule.http?.paths?.[0]?.path ?? '/';
      urls.push(`${tls.has(rule.host) ? 'https' : 'http'}://${rule.host}${path === '/' ? '' : path}`);
    }
  }
  const addresses = found.nodes.flatMap((n) => n.status?.addresses ?? []);
  const node = (addresses.find((a) => a.type === 'ExternalIP') ?? addresses.find((a) => a.type === 'InternalIP'))
    ?.address;
  for (const svc of found.services.filter((s) => labelledForRelease(s.metadata, release))) {
    const port = svc.spec?.ports?.find((p) => p.port === 80 || p.name === 'http') ?? svc.spec?.ports?.[0];
    if (svc.spec?.type === 'NodePort' && port?.nodePort && node) urls.push(`http://${node}:${port.nodePort}`);
    if (svc.spec?.type === 'LoadBalancer') {
      const lb = svc.status?.loadBalancer?.ingress?.[0];
      const at = lb?.ip ?? lb?.hostname;
      if (at) urls.push(`http://${at}${port?.port && port.port !== 80 ? `:${port.port}` : ''}`);
      else
        pending.push(
          `Service ${svc.metadata?.name} waits for a load balancer address: kubectl get svc ${svc.metadata?.name} -w`,
        );
    }
  }
  return { urls: [...new Set(urls)], pending };
}

export async function readEndpoints(kube: Kube, namespace: string) {
  const budget = 10_000;
  const [services, ingresses, nodes] = await Promise.all([
    kube
      .call((o) => kube.core.listNamespacedService({ namespace }, o), budget)
      .then(
        (l) => l.items,
        () => [],
      ),
    kube
      .call((o) => kube.net.listNamespacedIngress({ namespace }, o), budget)
      .then(
        (l) => l.items,
        () => [],
      ),
    kube
      .call((o) => kube.core.listNode({}, o), budget)
      .then(
        (l) => l.items,
        () => [],
      ),
  ]);
  return {
    services: services as unknown as ServiceLike[],
    ingresses: ingresses as unknown as IngressLike[],
    nodes: nodes as unknown as NodeAddressLike[],
  };
}
