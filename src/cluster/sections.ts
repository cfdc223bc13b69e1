/**
 * Each part of the probe: its reads (all through `kube.call`, so all bounded by the deadline) and
 * the pure interpreter that turns them into a finding. A failed read makes its Section forbidden,
 * unavailable or error; a failed secondary read only adds a note.
 */
import type { Kube } from './client.js';
import { clusterDomainFrom, interpretDns } from './dns.js';
import { classify, type Failure } from './failures.js';
import { gpuComponentOf, interpretGpu } from './gpu.js';
import { interpretReleaseSecrets } from './helm-release.js';
import { interpretCertManager, interpretIngressClasses, interpretTlsSecrets } from './ingress.js';
import { addNode, newNodeTally, summarizeNodes } from './nodes.js';
import type { ClusterIssuerLike, PvcLike, WorkloadLike } from './objects.js';
import { accessChecks, accessReviewBody, interpretAccess } from './permissions.js';
import { interpretStorage } from './storage.js';
import type {
  CertManagerFinding,
  DnsFinding,
  GpuComponent,
  GpuFinding,
  IngressFinding,
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

interface ListPage<T> {
  items: T[];
  metadata?: { _continue?: string };
}

/** Lists page by page (limit/continue), handing each page over and keeping none. */
export async function eachPage<T>(
  read: (cont: string | undefined) => Promise<ListPage<T>>,
  onPage: (items: T[]) => void,
): Promise<void> {
  let cont: string | undefined;
  do {
    const page = await read(cont);
    onPage(page.items);
    cont = page.metadata?._continue || undefined;
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
    await eachPage(
      (cont) => kube.call((o) => kube.core.listNode({ limit: PAGE_SIZE, _continue: cont }, o)),
      (nodes) => nodes.forEach((n) => addNode(tally, n)),
    );
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
    const [kubeSystem, openshift, deployments, corefile] = await Promise.all([
      kube.call((o) => kube.core.listNamespacedService({ ...system, labelSelector: 'k8s-app=kube-dns' }, o)),
      soft('Services in openshift-dns', () =>
        kube.call((o) => kube.core.listNamespacedService({ namespace: 'openshift-dns' }, o)),
      ),
      soft('DNS Deployments in kube-system', () =>
        kube.call((o) => kube.apps.listNamespacedDeployment({ ...system, labelSelector: 'k8s-app=kube-dns' }, o)),
      ),
      soft('ConfigMap kube-system/coredns', () =>
        kube.call((o) => kube.core.readNamespacedConfigMap({ ...system, name: 'coredns' }, o)),
      ),
    ]);
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

export function probeGpu(
  kube: Kube,
  nodes: Promise<Section<NodeSummary>>,
  apiGroups: Promise<Section<string[]>>,
): Promise<Section<GpuFinding>> {
  return section(async (soft) => {
    const components: GpuComponent[] = [];
    await soft('DaemonSets', () =>
      eachPage(
        (cont) => kube.call((o) => kube.apps.listDaemonSetForAllNamespaces({ limit: PAGE_SIZE, _continue: cont }, o)),
        (page) => page.forEach((ds) => pushDefined(components, gpuComponentOf(ds as WorkloadLike))),
      ),
    );
    const [n, groups] = await Promise.all([nodes, apiGroups]);
    if (n.status !== 'ok') throw new SectionFailure({ ...n, reason: `nodes cannot be listed: ${n.reason}` });
    return interpretGpu(n.data.gpu, components, groups.status === 'ok' ? groups.data : undefined);
  });
}

export function probeStorage(kube: Kube, namespace: string): Promise<Section<StorageFinding>> {
  return section(async (soft) => {
    const [classes, claims] = await Promise.all([
      kube.call((o) => kube.storage.listStorageClass({}, o)),
      soft(`PersistentVolumeClaims in ${namespace}`, async () => {
        const items: PvcLike[] = [];
        await eachPage(
          (cont) =>
            kube.call((o) =>
              kube.core.listNamespacedPersistentVolumeClaim({ namespace, limit: PAGE_SIZE, _continue: cont }, o),
            ),
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
    await eachPage(
      (cont) =>
        kube.call((o) =>
          kube.core.listNamespacedSecret(
            { namespace, fieldSelector: 'type=kubernetes.io/tls', limit: PAGE_SIZE, _continue: cont },
            o,
          ),
        ),
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
    const [exists, answers] = await Promise.all([
      kube
        .call((o) => kube.core.readNamespace({ name: namespace }, o))
        .then(
          () => true,
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
    return interpretAccess(checks, answers, exists);
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
