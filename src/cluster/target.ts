/**
 * The cluster a helm command talks to, as the Kubernetes API sees it: the context's name and
 * server (every confirmation and every destructive action names them), and whether it answers
 * (server-side or client-side dry run). A kubeconfig that cannot be read is not fatal here: helm
 * reports it in its own words.
 */
import { ClusterError } from '../errors.js';
import type { Kube } from './client.js';
import { classify as classifyApiFailure } from './failures.js';

export interface ClusterTarget {
  /** The kubeconfig context helm will use (as far as we can tell). */
  context?: string;
  server?: string;
  /** Undefined when the kubeconfig could not be loaded; `problem` says why. */
  kube?: Kube;
  problem?: string;
}

/** How long cleanup calls may take in all: they run after helm, when there is no hurry but no hang either. */
const CLEANUP_BUDGET_MS = 60_000;

export interface OpenClusterOptions {
  kubeconfig?: string;
  context?: string;
  env: Record<string, string | undefined>;
  /** How long the client may be used for, in all, from its first request. */
  budgetMs?: number;
}

export async function openCluster(o: OpenClusterOptions): Promise<ClusterTarget> {
  try {
    const { connect } = await import('./client.js');
    const timeoutMs = o.budgetMs ?? CLEANUP_BUDGET_MS;
    const kube = await connect({ kubeconfig: o.kubeconfig, context: o.context, env: o.env, timeoutMs });
    return { context: kube.context, server: kube.server, kube };
  } catch (e) {
    if (!(e instanceof ClusterError)) throw e;
    return { context: o.context, problem: e.message };
  }
}

/** "context kind-dev (https://127.0.0.1:6443)", or the flag's value when the kubeconfig is unreadable. */
export function describeTarget(c: ClusterTarget): string {
  if (!c.context) return 'the current kube context';
  return `context ${c.context}${c.server ? ` (${c.server})` : ''}`;
}

/** True when the API server answers /version within `ms`. */
export async function clusterAnswers(c: ClusterTarget, ms: number): Promise<boolean> {
  if (!c.kube) return false;
  const kube = c.kube;
  try {
    await kube.call((o) => kube.version.getCode(o), ms);
    return true;
  } catch {
    return false;
  }
}

/** One line for a failed API call, e.g. "forbidden: jobs.batch is forbidden: ...". */
export function apiFailure(e: unknown): string {
  const f = classifyApiFailure(e);
  return `${f.kind}: ${f.message}`;
}
