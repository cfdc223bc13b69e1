/**
 * What the helm commands need from the Kubernetes API directly: the context's name and server
 * (every confirmation and every destructive action names them), whether the cluster answers
 * (server-side or client-side dry run), and the leftovers helm does not remove. Loaded only by
 * commands that use it; a kubeconfig that cannot be read is not fatal here, helm reports it.
 */
import type { CommandContext } from '../cli/command.js';
import type { Kube } from '../cluster/client.js';
import { classify as classifyApiFailure } from '../cluster/failures.js';
import { ClusterError } from '../errors.js';

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

export async function openCluster(ctx: CommandContext, budgetMs = CLEANUP_BUDGET_MS): Promise<ClusterTarget> {
  const { args, io } = ctx;
  try {
    const { connect } = await import('../cluster/client.js');
    const kube = await connect({ kubeconfig: args.kubeconfig, context: args.kubeContext, env: io.env, deadline: Date.now() + budgetMs });
    return { context: kube.context, server: kube.server, kube };
  } catch (e) {
    if (!(e instanceof ClusterError)) throw e;
    return { context: args.kubeContext, problem: e.message };
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
