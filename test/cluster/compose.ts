/**
 * Builds a ProbeResult from plain API objects through the real interpreters, as the probe does,
 * so suggestion and report tests start from fixtures rather than hand-written findings.
 */
import { detectDistribution } from '../../src/cluster/distribution.js';
import { clusterDomainFrom, corefileConfigMaps, interpretDns } from '../../src/cluster/dns.js';
import { gpuComponentOf, interpretGpu } from '../../src/cluster/gpu.js';
import { interpretReleaseSecrets } from '../../src/cluster/helm-release.js';
import { parseVersion } from '../../src/cluster/index.js';
import { interpretCertManager, interpretIngressClasses, interpretTlsSecrets } from '../../src/cluster/ingress.js';
import { addNode, newNodeTally, summarizeNodes } from '../../src/cluster/nodes.js';
import { accessChecks, interpretAccess } from '../../src/cluster/permissions.js';
import { interpretStorage } from '../../src/cluster/storage.js';
import { interpretLoadBalancer, isKubeVip } from '../../src/cluster/load-balancer.js';
import type { ProbeResult, Section } from '../../src/cluster/types.js';
import { fixture } from '../support/paths.js';

export interface ClusterObjects {
  version?: { gitVersion: string };
  nodes?: any[];
  apiGroups?: string[];
  kubeSystemServices?: any[];
  openshiftServices?: any[];
  dnsDeployments?: any[];
  corefile?: any;
  configz?: unknown;
  daemonSets?: any[];
  storageClasses?: any[];
  claims?: any[];
  ingressClasses?: any[];
  tlsSecrets?: any[];
  clusterIssuers?: any[];
  releaseSecrets?: any[];
  denied?: string[];
  namespaceExists?: boolean;
  /** ConfigMaps as they are (the fake cluster serves them; composeResult reads Corefiles from them). */
  configMaps?: any[];
  /** CiliumLoadBalancerIPPools, when cilium.io is among apiGroups. */
  ciliumPools?: number;
  /** The release namespace's labels (Pod Security admission). */
  namespaceLabels?: Record<string, string>;
}

const ok = <T>(data: T): Section<T> => ({ status: 'ok', data });

export function composeResult(o: ClusterObjects, overrides: Partial<ProbeResult> = {}): ProbeResult {
  const tally = newNodeTally();
  // The API server lists in name order; the first node seen is the sample and the example.
  for (const n of sortByName(o.nodes ?? [])) addNode(tally, n);
  const nodes = summarizeNodes(tally);
  const mounted = corefileConfigMaps(o.dnsDeployments ?? [])
    .map((name) => (o.configMaps ?? []).find((c) => c.metadata?.name === name && c.data?.Corefile))
    .find(Boolean);
  const domain =
    clusterDomainFrom({ corefile: mounted ?? o.corefile, deployments: o.dnsDeployments }) ??
    clusterDomainFrom({ configz: o.configz });
  const dns = interpretDns({
    kubeSystemServices: o.kubeSystemServices ?? [],
    openshiftServices: o.openshiftServices ?? [],
    deployments: o.dnsDeployments ?? [],
    ...(domain ? { domain } : {}),
  });
  const apiGroups = o.apiGroups ?? [];
  const gitVersion = o.version?.gitVersion ?? fixture('version-upstream.json').gitVersion;
  const checks = accessChecks('polyaxon');
  return {
    context: 'test',
    server: 'https://127.0.0.1:6443',
    namespace: 'polyaxon',
    release: 'polyaxon',
    version: parseVersion({ gitVersion }),
    elapsedMs: 10,
    distribution: detectDistribution({ gitVersion, nodes, apiGroups, dns }),
    apiGroups: ok(apiGroups),
    nodes: ok(nodes),
    dns: ok(dns),
    gpu: ok(
      interpretGpu(
        nodes.gpu,
        (o.daemonSets ?? []).flatMap((d) => gpuComponentOf(d) ?? []),
        apiGroups,
      ),
    ),
    storage: ok(interpretStorage(sortByName(o.storageClasses ?? []), sortByName(o.claims ?? []))),
    ingress: ok(interpretIngressClasses(o.ingressClasses ?? [])),
    tlsSecrets: ok(interpretTlsSecrets(o.tlsSecrets ?? [], new Date())),
    certManager: ok(interpretCertManager(apiGroups.includes('cert-manager.io'), o.clusterIssuers ?? [])),
    existingRelease: ok(interpretReleaseSecrets(o.releaseSecrets ?? [])),
    permissions: ok({
      ...interpretAccess(
        checks,
        checks.map((c) => ({ review: { status: { allowed: !(o.denied ?? []).includes(`${c.verb} ${c.resource}`) } } })),
        o.namespaceExists ?? true,
      ),
      ...((o.namespaceExists ?? true) ? { namespaceLabels: o.namespaceLabels ?? {} } : {}),
    }),
    loadBalancer: ok(
      interpretLoadBalancer({
        nodes,
        apiGroups,
        kubeVip: (o.daemonSets ?? [])
          .filter((d) => isKubeVip(d))
          .map((d) => `${d.metadata?.namespace}/${d.metadata?.name}`),
        ...(o.ciliumPools === undefined ? {} : { ciliumPools: o.ciliumPools }),
      }),
    ),
    ...overrides,
  };
}

function sortByName<T extends { metadata?: { name?: string } }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

/** A copy of a fixture with changes, for clusters composed from the fixtures. */
export function variant<T = any>(name: string, change: (x: any) => void): T {
  const x = fixture(name);
  change(x);
  return x as T;
}

/** A node like the minikube fixture but carrying another distribution's marks. */
export function nodeWith(opts: {
  name: string;
  labels?: Record<string, string>;
  providerID?: string;
  kubeletVersion?: string;
  osImage?: string;
}): any {
  return variant('node-minikube.json', (n) => {
    n.metadata.name = opts.name;
    n.metadata.labels = {
      'kubernetes.io/hostname': opts.name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      ...opts.labels,
    };
    if (opts.providerID) n.spec.providerID = opts.providerID;
    if (opts.kubeletVersion) n.status.nodeInfo.kubeletVersion = opts.kubeletVersion;
    if (opts.osImage) n.status.nodeInfo.osImage = opts.osImage;
  });
}
