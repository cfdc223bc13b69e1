/** A fake cluster holding a scenario's objects, and a probe of it through a written kubeconfig. */
import { join } from 'node:path';
import { probeCluster, type ProbeOptions } from '../../src/cluster/index.js';
import type { ProbeResult } from '../../src/cluster/types.js';
import { startFakeCluster, type FakeCluster, type FakeClusterOptions } from '../support/fake-apiserver/index.js';
import { fixture } from '../support/paths.js';
import { tempDir } from '../support/run-cli.js';
import type { ClusterObjects } from './compose.js';

/** One served kind per API group a scenario names, so discovery lists the group as the real cluster would. */
const GROUP_KINDS: Record<string, { plural: string; kind: string; version: string }> = {
  'metallb.io': { plural: 'ipaddresspools', kind: 'IPAddressPool', version: 'v1beta1' },
  'cilium.io': { plural: 'ciliumloadbalancerippools', kind: 'CiliumLoadBalancerIPPool', version: 'v2alpha1' },
  'auto.gke.io': { plural: 'allowlistedworkloads', kind: 'AllowlistedWorkload', version: 'v1' },
};

function crdsOf(s: ClusterObjects): unknown[] {
  return (s.apiGroups ?? []).flatMap((group) => {
    const k = GROUP_KINDS[group];
    if (!k) return [];
    return [
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${k.plural}.${group}` },
        spec: {
          group,
          names: { plural: k.plural, singular: k.kind.toLowerCase(), kind: k.kind, listKind: `${k.kind}List` },
          scope: 'Cluster',
          versions: [
            {
              name: k.version,
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          ],
        },
      },
    ];
  });
}

export function objectsOf(s: ClusterObjects): unknown[] {
  const withKind = (apiVersion: string, kind: string) => (o: any) => ({ apiVersion, kind, ...o });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'polyaxon', ...(s.namespaceLabels ? { labels: s.namespaceLabels } : {}) },
    },
    ...(s.openshiftServices?.length
      ? [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-dns' } }]
      : []),
    ...(s.nodes ?? []),
    ...(s.kubeSystemServices ?? []),
    ...(s.openshiftServices ?? []),
    ...(s.dnsDeployments ?? []).map(withKind('apps/v1', 'Deployment')),
    ...(s.corefile
      ? [{ ...s.corefile, metadata: { ...s.corefile.metadata, name: 'coredns', namespace: 'kube-system' } }]
      : []),
    ...(s.configMaps ?? []).map(withKind('v1', 'ConfigMap')),
    ...(s.daemonSets ?? []),
    ...(s.storageClasses ?? []),
    ...(s.claims ?? []),
    ...(s.ingressClasses ?? []),
    ...(s.tlsSecrets ?? []),
    ...(s.releaseSecrets ?? []),
    ...crdsOf(s),
    ...Array.from({ length: s.ciliumPools ?? 0 }, (_, i) => ({
      apiVersion: 'cilium.io/v2alpha1',
      kind: 'CiliumLoadBalancerIPPool',
      metadata: { name: `pool-${i + 1}` },
      spec: { blocks: [{ cidr: '192.168.100.0/24' }] },
    })),
  ];
}

export interface Probed {
  cluster: FakeCluster;
  kubeconfig: string;
  probe(extra?: Partial<ProbeOptions>): Promise<ProbeResult>;
}

/** Fake clusters started by one test file, closed when it ends. */
export function clusterPool(
  after: (fn: () => Promise<unknown>) => void,
): (...a: Parameters<typeof fakeCluster>) => Promise<Probed> {
  const open: Probed[] = [];
  after(() => Promise.all(open.map((p) => p.cluster.close())));
  return async (...a) => {
    const p = await fakeCluster(...a);
    open.push(p);
    return p;
  };
}

export async function fakeCluster(s: ClusterObjects, opts: FakeClusterOptions = {}): Promise<Probed> {
  const cluster = await startFakeCluster({
    objects: objectsOf(s),
    version: s.version ?? fixture('version-upstream.json'),
    ...opts,
  });
  const kubeconfig = join(tempDir(), 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfig, { context: 'fake' });
  return {
    cluster,
    kubeconfig,
    probe: (extra = {}) =>
      probeCluster({
        kubeconfig,
        namespace: 'polyaxon',
        release: 'polyaxon',
        timeoutMs: FINDINGS_TIMEOUT_MS,
        env: {},
        ...extra,
      }),
  };
}

/** Runs `f` and says how long it took, whether it resolved or threw. */
export async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const t0 = performance.now();
  try {
    const value = await f();
    return { ms: performance.now() - t0, value };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

/**
 * Tests about what the probe finds give it time to spare: on a loaded CI machine the default 5 s
 * can run out, and a section that times out is a different (also tested) finding.
 */
export const FINDINGS_TIMEOUT_MS = 20_000;
