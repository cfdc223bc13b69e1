/**
 * Each part of the probe: its reads (all through `kube.call`, so all bounded by the deadline) and
 * the pure interpreter that turns them into a finding. A failed read makes its Section forbidden,
 * unavailable or error; a failed secondary read only adds a note.
 */
import type { Kube, ListQuery } from './client.js';
import { clusterDomainFrom, corefileConfigMaps, interpretDns, pickDnsService } from './dns.js';
import { classify, type Failure } from './failures.js';
import { gpuComponentOf, interpretGpu } from './gpu.js';
import { interpretReleaseSecrets } from './helm-release.js';
import { interpretCertManager, interpretIngressClasses, interpretTlsSecrets } from './ingress.js';
import { addNode, newNodeTally, summarizeNodes } from './nodes.js';
import type { ClusterIssuerLike, ConfigMapLike, NodeLike, PvcLike, SecretLike, WorkloadLike } from './objects.js';
import { accessChecks, accessReviewBody, interpretAccess } from './permissions.js';
import { interpretStorage } from './storage.js';
import { interpretLoadBalancer, isKubeVip } from './load-balancer.js';
import type {
  CertManagerFinding,
  DnsFinding,
  GpuComponent,
  GpuFinding,
  IngressFinding,
  LoadBalancerFinding,
  NodeSummary,
  PermissionsFinding,
  ReleaseFinding,
  Section,
  StorageFinding,
  TlsSecretInfo,
} from './types.js';

/** kubectl's page size: a page of nodes is what the probe holds at once. */
export const PAGE_SIZE = 500;

/** A secondary read: its failure becomes a note (404 silently), and the section goes on without it. */
type Soft = <T>(what: string, read: () => Promise<T>) => Promise<T | undefined>;

export async function section<T>(run: (soft: Soft) => Promise<T>): Promise<Section<T>> {
  const notes: string[] = [];
  const soft: Soft = async (what, read) => {
    try {
      return await read();
    } catch (e) {
      const f = classify(e);
      if (f.kind !== 'notFound') notes.push(`${what}: ${describe(f)}`);
      return undefined;
    }
  };
  try {
    const data = await run(soft);
    return notes.length ? { status: 'ok', data, notes } : { status: 'ok', data };
  } catch (e) {
    return e instanceof SectionFailure ? e.failed : failedSection(classify(e));
  }
}

export function failedSection(f: Failure): Section<never> {
  if (f.kind === 'forbidden') return { status: 'forbidden', reason: f.message };
  if (f.kind === 'notFound') return { status: 'unavailable', reason: f.message };
  return { status: 'error', reason: describe(f) };
}

export function describe(f: Failure): string {
  if (f.kind === 'forbidden') return `forbidden (${f.message})`;
  if (f.kind === 'http' || f.kind === 'unauthorized') return `HTTP ${f.httpStatus}: ${f.message}`;
  return f.message;
}

/**
 * Lists page by page (limit/continue), handing each page over and keeping none. Pages come as plain
 * JSON (Kube.list), not the client's typed models: what the probe reads is a few fields of each.
 */
export async function eachPage<T>(
  kube: Kube,
  path: string,
  query: Omit<ListQuery, 'limit' | 'continue'>,
  onPage: (items: T[]) => void,
): Promise<void> {
  let cont: string | undefined;
  do {
    const page = await kube.call((o) => kube.list<T>(path, { ...query, limit: PAGE_SIZE, continue: cont }, o));
    onPage(page.items);
    cont = page.metadata?.continue || undefined;
  } while (cont);
}

export function probeApiGroups(kube: Kube): Promise<Section<string[]>> {
  return section(async () => {
    const list = await kube.call((o) => kube.apis.getAPIVersions(o));
    return list.groups.map((g) => g.name);
  });
}

export function probeNodes(kube: Kube): Promise<Section<NodeSummary>> {
  return section(async () => {
    const tally = newNodeTally();
    await eachPage<NodeLike>(kube, '/api/v1/nodes', {}, (nodes) => nodes.forEach((n) => addNode(tally, n)));
    return summarizeNodes(tally);
  });
}

export function probeDns(
  kube: Kube,
  nodes: Promise<Section<NodeSummary>>,
  configzBudgetMs: number,
): Promise<Section<DnsFinding>> {
  return section(async (soft) => {
    const system = { namespace: 'kube-system' };
    const [kubeSystem, openshift] = await Promise.all([
      kube.call((o) => kube.core.listNamespacedService({ ...system, labelSelector: 'k8s-app=kube-dns' }, o)),
      soft('Services in openshift-dns', () =>
        kube.call((o) => kube.core.listNamespacedService({ namespace: 'openshift-dns' }, o)),
      ),
    ]);
    // The Deployment that serves the DNS Service (its selector), whatever it is called
    // (coredns, kube-dns, rke2-coredns-rke2-coredns...); the k8s-app=kube-dns label otherwise.
    const served = pickDnsService(kubeSystem.items);
    const selector = Object.entries(served?.spec?.selector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const deployments = await soft('DNS Deployments in kube-system', () =>
      kube.call((o) =>
        kube.apps.listNamespacedDeployment({ ...system, labelSelector: selector || 'k8s-app=kube-dns' }, o),
      ),
    );
    const corefile = await corefileOf(kube, soft, deployments?.items ?? []);
    let domain = clusterDomainFrom({ corefile, deployments: deployments?.items });
    if (!domain) {
      const kubeletConfig = await soft('ConfigMap kube-system/kubelet-config', () =>
        kube.call((o) => kube.core.readNamespacedConfigMap({ ...system, name: 'kubelet-config' }, o)),
      );
      domain = clusterDomainFrom({ kubeletConfig });
    }
    if (!domain) {
      const n = await nodes;
      const node = n.status === 'ok' ? n.data.sampleNode : undefined;
      // Through the API server to a kubelet, which may be slow or unreachable: a smaller budget.
      const configz =
        node &&
        (await soft(`kubelet configuration of node ${node}`, () =>
          kube.call((o) => kube.core.connectGetNodeProxyWithPath({ name: node, path: 'configz' }, o), configzBudgetMs),
        ));
      domain = clusterDomainFrom({ configz: typeof configz === 'string' ? safeJson(configz) : configz });
    }
    return interpretDns({
      kubeSystemServices: kubeSystem.items,
      openshiftServices: (openshift?.items ?? []).filter(
        (s) =>
          s.metadata?.labels?.['dns.operator.openshift.io/owning-dns'] !== undefined ||
          s.metadata?.name === 'dns-default',
      ),
      ...(deployments ? { deployments: deployments.items } : {}),
      ...(domain ? { domain } : {}),
    });
  });
}

/**
 * The Corefile the DNS Deployment mounts: each ConfigMap volume of its pods, then the usual
 * kube-system/coredns. The first holding a `Corefile` key wins.
 */
async function corefileOf(kube: Kube, soft: Soft, deployments: WorkloadLike[]): Promise<ConfigMapLike | undefined> {
  const names = corefileConfigMaps(deployments);
  for (const name of names) {
    const cm = await soft(`ConfigMap kube-system/${name}`, () =>
      kube.call((o) => kube.core.readNamespacedConfigMap({ namespace: 'kube-system', name }, o)),
    );
    if (cm?.data?.Corefile) return cm;
  }
  return undefined;
}

/** What one pass over every DaemonSet finds: the NVIDIA components and kube-vip. */
export interface DaemonSetScan {
  gpu: GpuComponent[];
  kubeVip: string[];
  /** Why the DaemonSets could not be listed, when they could not. */
  failed?: string;
}

export async function scanDaemonSets(kube: Kube): Promise<DaemonSetScan> {
  const scan: DaemonSetScan = { gpu: [], kubeVip: [] };
  try {
    await eachPage<WorkloadLike>(kube, '/apis/apps/v1/daemonsets', {}, (page) =>
      page.forEach((ds) => {
        pushDefined(scan.gpu, gpuComponentOf(ds));
        if (isKubeVip(ds)) scan.kubeVip.push(`${ds.metadata?.namespace}/${ds.metadata?.name}`);
      }),
    );
  } catch (e) {
    const f = classify(e);
    if (f.kind !== 'notFound') scan.failed = describe(f);
  }
  return scan;
}

export function probeGpu(
  daemonSets: Promise<DaemonSetScan>,
  nodes: Promise<Section<NodeSummary>>,
  apiGroups: Promise<Section<string[]>>,
): Promise<Section<GpuFinding>> {
  return section(async (soft) => {
    const scan = await daemonSets;
    if (scan.failed) await soft('DaemonSets', () => Promise.reject(new Error(scan.failed)));
    const [n, groups] = await Promise.all([nodes, apiGroups]);
    if (n.status !== 'ok') throw new SectionFailure({ ...n, reason: `nodes cannot be listed: ${n.reason}` });
    return interpretGpu(n.data.gpu, scan.gpu, groups.status === 'ok' ? groups.data : undefined);
  });
}

export function probeLoadBalancer(
  kube: Kube,
  daemonSets: Promise<DaemonSetScan>,
  nodes: Promise<Section<NodeSummary>>,
  apiGroups: Promise<Section<string[]>>,
): Promise<Section<LoadBalancerFinding>> {
  return section(async (soft) => {
    const [scan, n, groups] = await Promise.all([daemonSets, nodes, apiGroups]);
    const served = groups.status === 'ok' ? groups.data : undefined;
    let ciliumPools: number | undefined;
    if (served?.includes('cilium.io')) {
      // v2alpha1 until Cilium 1.17, v2 since.
      for (const version of ['v2', 'v2alpha1']) {
        const list = (await soft(`CiliumLoadBalancerIPPools (cilium.io/${version})`, () =>
          kube.call((o) =>
            kube.custom.listClusterCustomObject(
              { group: 'cilium.io', version, plural: 'ciliumloadbalancerippools' },
              o,
            ),
          ),
        )) as { items?: unknown[] } | undefined;
        if (list) {
          ciliumPools = list.items?.length ?? 0;
          break;
        }
      }
    }
    return interpretLoadBalancer({
      ...(n.status === 'ok' ? { nodes: n.data } : {}),
      ...(served ? { apiGroups: served } : {}),
      kubeVip: scan.kubeVip,
      ...(ciliumPools === undefined ? {} : { ciliumPools }),
    });
  });
}

export function probeStorage(kube: Kube, namespace: string): Promise<Section<StorageFinding>> {
  return section(async (soft) => {
    const [classes, claims] = await Promise.all([
      kube.call((o) => kube.storage.listStorageClass({}, o)),
      soft(`PersistentVolumeClaims in ${namespace}`, async () => {
        const items: PvcLike[] = [];
        await eachPage<PvcLike>(
          kube,
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims`,
          {},
          (page) => items.push(...page),
        );
        return { items };
      }),
    ]);
    return interpretStorage(classes.items, claims?.items ?? []);
  });
}

export function probeIngress(kube: Kube): Promise<Section<IngressFinding>> {
  return section(async () => interpretIngressClasses((await kube.call((o) => kube.net.listIngressClass({}, o))).items));
}

export function probeTlsSecrets(kube: Kube, namespace: string, now: Date): Promise<Section<TlsSecretInfo[]>> {
  return section(async () => {
    // Page by page, keeping only what each certificate says: 5,000 secrets never sit in memory at once.
    const found: TlsSecretInfo[] = [];
    await eachPage<SecretLike>(
      kube,
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`,
      { fieldSelector: 'type=kubernetes.io/tls' },
      (page) => found.push(...interpretTlsSecrets(page, now)),
    );
    return found;
  });
}

export function probeCertManager(
  kube: Kube,
  apiGroups: Promise<Section<string[]>>,
): Promise<Section<CertManagerFinding>> {
  return section(async () => {
    const groups = await apiGroups;
    if (groups.status === 'ok' && !groups.data.includes('cert-manager.io')) return interpretCertManager(false, []);
    try {
      const list = (await kube.call((o) =>
        kube.custom.listClusterCustomObject({ group: 'cert-manager.io', version: 'v1', plural: 'clusterissuers' }, o),
      )) as { items?: ClusterIssuerLike[] };
      return interpretCertManager(true, list.items ?? []);
    } catch (e) {
      // Without the group list, a 404 here is how an absent cert-manager shows.
      if (classify(e).kind === 'notFound') return interpretCertManager(false, []);
      throw e;
    }
  });
}

export function probeRelease(kube: Kube, namespace: string, release: string): Promise<Section<ReleaseFinding>> {
  return section(async () => {
    const list = await kube.call((o) =>
      kube.core.listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${release}` }, o),
    );
    return interpretReleaseSecrets(list.items);
  });
}

export function probePermissions(kube: Kube, namespace: string): Promise<Section<PermissionsFinding>> {
  return section(async () => {
    const checks = accessChecks(namespace);
    let labels: Record<string, string> | undefined;
    const [exists, answers] = await Promise.all([
      kube
        .call((o) => kube.core.readNamespace({ name: namespace }, o))
        .then(
          (ns) => {
            labels = ns.metadata?.labels ?? {};
            return true;
          },
          (e) => (classify(e).kind === 'notFound' ? false : undefined),
        ),
      Promise.all(
        checks.map((c) =>
          kube
            .call((o) => kube.authz.createSelfSubjectAccessReview({ body: accessReviewBody(c) }, o))
            .then(
              (review) => ({ review }),
              (e) => ({ error: describe(classify(e)), failure: classify(e) }),
            ),
        ),
      ),
    ]);
    const failures = answers.flatMap((a) => ('failure' in a ? [a.failure] : []));
    if (failures.length === answers.length)
      throw new SectionFailure(failedSection(failures[0]) as Exclude<Section<unknown>, { status: 'ok' }>);
    const found = interpretAccess(checks, answers, exists);
    return labels ? { ...found, namespaceLabels: labels } : found;
  });
}

/** Carries a dependency's failure (e.g. GPUs need the node list) into this section as is. */
class SectionFailure extends Error {
  constructor(readonly failed: Exclude<Section<unknown>, { status: 'ok' }>) {
    super(failed.reason);
  }
}

function pushDefined<T>(list: T[], x: T | undefined): void {
  if (x !== undefined) list.push(x);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
