/**
 * What install and upgrade share: applying with progress shown, and the dry run (server-side when
 * the cluster answers, client-side otherwise).
 */
import { clusterAnswers, type ClusterTarget } from '../../cluster/target.js';
import type { Kube } from '../../cluster/client.js';
import { listDeployments, releaseDeployments, unavailableDeployments } from '../../cluster/readiness.js';
import { HelmError, SetupError } from '../../errors.js';
import type { PodRow } from '../../wizard/failure.js';
import { dryRunArgv, shellJoin, type DryRunPlan, type Target } from '../../helm/argv.js';
import { isStreamed, type HelmClient } from '../../helm/client.js';
import { hideSecrets } from '../../helm/manifests.js';
import type { CommandContext } from './context.js';
import { podRows, watchPods } from './pods.js';
import { openProgress } from './progress.js';

/** How long the API client may be used for: the whole helm run (pods shown meanwhile), then cleanup. */
export const RUN_BUDGET_MS = 60 * 60_000;

/** Streams helm's lines to stderr before any live view exists (repository updates, show values). */
export function streamToStderr(ctx: CommandContext): (line: string) => void {
  return (line) => {
    if (isStreamed(line)) ctx.io.err(`helm: ${line}`);
  };
}

/** Where results go: stdout, unless --json reserves it for one document. */
export function result(ctx: CommandContext, text: string): void {
  if (ctx.args.json) ctx.io.err(text);
  else ctx.io.out(text);
}

/**
 * Runs helm install/upgrade with the live view on a terminal (helm's lines plus the namespace's
 * pods) or `helm: ...` lines on stderr, and ends the view with ready or the failure.
 */
export async function applyWithProgress(
  ctx: CommandContext,
  helm: HelmClient,
  cluster: ClusterTarget,
  o: { action: 'install' | 'upgrade'; target: Target; argv: string[] },
) {
  const { release, namespace } = o.target;
  // Announced before the live view starts: a line written under Ink would be drawn over.
  ctx.io.err(`$ ${shellJoin(['helm', ...o.argv])}`);
  const progress = await openProgress(ctx, { action: o.action, release, namespace });
  const kube = cluster.kube;
  const stopPods =
    ctx.interactive && kube ? watchPods(kube, namespace, (rows) => progress.pods(rows)) : () => undefined;
  try {
    const r = await helm.run(o.argv, { onLine: (l, s) => progress.line(l, s) });
    // helm is done once its hooks are; "ready" is the Deployments running, watched on a terminal.
    if (kube && ctx.interactive && ctx.args.waitMs > 0) {
      await waitForRelease(kube, o.target, { waitMs: ctx.args.waitMs, show: (rows) => progress.pods(rows) });
    }
    progress.ready();
    return r;
  } catch (e) {
    progress.failed(e instanceof SetupError ? e.message.split('\n')[0] : String(e));
    throw e;
  } finally {
    stopPods();
    await progress.stop();
  }
}

/** Pod states that do not go away by waiting. */
const FATAL = /^(ImagePullBackOff|ErrImagePull|InvalidImageName|CrashLoopBackOff|CreateContainerConfigError)$/;
/** Unschedulable can end when an autoscaler adds a node: given this long before it counts as a failure. */
const UNSCHEDULABLE_GRACE_MS = 90_000;
const POLL_MS = 2000;

/**
 * Waits until every Deployment of the release is available; stops early when a pod is stuck for a
 * reason waiting will not fix, and at `waitMs` in any case, naming the pods and why.
 */
async function waitForRelease(
  kube: Kube,
  t: Target,
  o: { waitMs: number; show: (rows: PodRow[]) => void },
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const [deployments, pods] = await Promise.all([
      listDeployments(kube, t.namespace).catch(() => undefined),
      kube.call((c) => kube.core.listNamespacedPod({ namespace: t.namespace }, c), 10_000).catch(() => undefined),
    ]);
    const rows = pods ? podRows(pods.items as unknown as Parameters<typeof podRows>[0]) : [];
    if (pods) o.show(rows);
    const waiting = deployments ? unavailableDeployments(deployments, t.release) : undefined;
    if (waiting && waiting.length === 0) return;
    const elapsed = Date.now() - started;
    const stuck = rows.find(
      (p) => FATAL.test(p.reason ?? '') || (p.reason === 'Unschedulable' && elapsed > UNSCHEDULABLE_GRACE_MS),
    );
    if (stuck || elapsed >= o.waitMs) {
      const total = deployments ? releaseDeployments(deployments, t.release) : 0;
      const what = waiting
        ? `${waiting.length} of ${total} Deployments are not available (${waiting.join(', ')})`
        : 'its Deployments could not be read';
      const pod = stuck ?? rows.find((p) => p.reason || p.phase !== 'Running');
      const why = pod ? `: pod ${pod.name} is ${pod.reason ?? pod.phase}${pod.message ? ` (${pod.message})` : ''}` : '';
      const after = stuck ? '' : ` after ${Math.round(elapsed / 1000)} s`;
      throw new HelmError(
        'not-ready',
        `Release ${t.release} is installed, but ${what}${after}${why}.`,
        `Look closer: kubectl get pods -n ${t.namespace}; kubectl describe pod ${pod?.name ?? 'NAME'} -n ${t.namespace}. ` +
          'Wait longer with --wait 20m, or not at all with --wait 0.',
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, o.waitMs - elapsed)));
  }
}

export async function dryRun(
  ctx: CommandContext,
  helm: HelmClient,
  cluster: ClusterTarget,
  p: DryRunPlan,
): Promise<void> {
  const answers = p.op === 'upgrade' || (await clusterAnswers(cluster, ctx.args.timeoutMs));
  const { argv, mode } = dryRunArgv(helm.major, answers, p);
  ctx.io.err(`Dry run (${mode}); nothing on the cluster changes.`);
  const r = await helm.run(argv, { echo: true });
  ctx.io.out(hideSecrets(r.stdout, p.target.namespace));
}
