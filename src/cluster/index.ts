/**
 * The cluster probe: one reachability check (/version), then every part at once, each bounded by
 * the same deadline, each a finding even when refused. Only what makes the whole probe impossible
 * throws (ClusterError: no kubeconfig, unreachable, 401, refused everywhere, timeout, not an API server).
 */
import { ClusterError } from '../errors.js';
import { connect, type ConnectOptions } from './client.js';
import { detectDistribution } from './distribution.js';
import { classify, kubeGitVersion } from './failures.js';
import { fatalError, forbiddenEverywhere, nothingReadable, type ProbeTarget } from './fatal.js';
import {
  probeApiGroups,
  probeCertManager,
  probeDns,
  probeGpu,
  probeIngress,
  probeLoadBalancer,
  probeNodes,
  probePermissions,
  probeRelease,
  probeStorage,
  probeTlsSecrets,
  scanDaemonSets,
} from './sections.js';
import type { ProbeResult, Section, ServerVersion } from './types.js';

export type * from './types.js';

export interface ProbeOptions {
  kubeconfig?: string;
  context?: string;
  namespace: string;
  release: string;
  /** For the whole probe, counted from its first request: loading the client is not the network. */
  timeoutMs: number;
  /** Where KUBECONFIG and HOME are read; process.env when absent. */
  env?: Record<string, string | undefined>;
  /** Injected by tests: a client loader and a clock (epoch ms). */
  loadClient?: ConnectOptions['loadClient'];
  now?: () => number;
}

export async function probeCluster(opts: ProbeOptions): Promise<ProbeResult> {
  const now = opts.now ?? Date.now;
  const kube = await connect({
    kubeconfig: opts.kubeconfig,
    context: opts.context,
    env: opts.env ?? process.env,
    timeoutMs: opts.timeoutMs,
    ...(opts.loadClient ? { loadClient: opts.loadClient } : {}),
    now,
  });
  const started = now();
  const target: ProbeTarget = { context: kube.context, server: kube.server, timeoutMs: opts.timeoutMs };

  let version: ServerVersion;
  try {
    const info = await kube.call((o) => kube.version.getCode(o));
    kubeGitVersion(info);
    version = parseVersion(info);
  } catch (e) {
    // Named already (an exec credential plugin that failed or did not finish).
    if (e instanceof ClusterError) throw e;
    throw fatalError(classify(e), target);
  }

  const { namespace, release } = opts;
  const apiGroups = probeApiGroups(kube);
  const nodes = probeNodes(kube);
  const daemonSets = scanDaemonSets(kube);
  const [
    groups,
    nodeSummary,
    dns,
    gpu,
    storage,
    ingress,
    tlsSecrets,
    certManager,
    existingRelease,
    permissions,
    loadBalancer,
  ] = await Promise.all([
    apiGroups,
    nodes,
    probeDns(kube, nodes, Math.max(500, opts.timeoutMs / 3)),
    probeGpu(daemonSets, nodes, apiGroups),
    probeStorage(kube, namespace),
    probeIngress(kube),
    probeTlsSecrets(kube, namespace, new Date()),
    probeCertManager(kube, apiGroups),
    probeRelease(kube, namespace, release),
    probePermissions(kube, namespace),
    probeLoadBalancer(kube, daemonSets, nodes, apiGroups),
  ]);
  // Discovery and access reviews are open to every authenticated user, so they do not count: an
  // account refused everything else still gets them.
  const reads: Section<unknown>[] = [nodeSummary, dns, storage, ingress, tlsSecrets, existingRelease];
  if (!reads.some((s) => s.status === 'ok')) {
    const first = reads.find((s) => s.status !== 'ok') as { reason: string };
    // Credentials refused on the reads (the /version answer may come from a cache or proxy): 401, exit 5.
    if (reads.some((s) => s.status === 'error' && s.reason.startsWith('HTTP 401')))
      throw fatalError({ kind: 'unauthorized', message: 'Unauthorized', httpStatus: 401 }, target);
    throw reads.every((s) => s.status === 'forbidden')
      ? forbiddenEverywhere(target, first.reason)
      : nothingReadable(target, first.reason);
  }

  return {
    context: kube.context,
    server: kube.server,
    namespace,
    release,
    version,
    elapsedMs: now() - started,
    distribution: detectDistribution({
      gitVersion: version.gitVersion,
      ...(nodeSummary.status === 'ok' ? { nodes: nodeSummary.data } : {}),
      ...(groups.status === 'ok' ? { apiGroups: groups.data } : {}),
      ...(dns.status === 'ok' ? { dns: dns.data } : {}),
    }),
    apiGroups: groups,
    nodes: nodeSummary,
    dns,
    gpu,
    storage,
    ingress,
    tlsSecrets,
    certManager,
    existingRelease,
    permissions,
    loadBalancer,
  };
}

/** `minor` can read "30+" on managed clusters; gitVersion is the reliable field. */
export function parseVersion(v: {
  gitVersion: string;
  major?: string;
  minor?: string;
  platform?: string;
}): ServerVersion {
  const m = /^v?(\d+)\.(\d+)/.exec(v.gitVersion);
  return {
    gitVersion: v.gitVersion,
    major: Number(m?.[1] ?? parseInt(v.major ?? '0', 10)),
    minor: Number(m?.[2] ?? parseInt(v.minor ?? '0', 10)),
    ...(v.platform ? { platform: v.platform } : {}),
  };
}
