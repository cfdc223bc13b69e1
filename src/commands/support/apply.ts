/**
 * What install and upgrade share: applying with progress shown, and the dry run (server-side when
 * the cluster answers, client-side otherwise).
 */
import { clusterAnswers, type ClusterTarget } from '../../cluster/target.js';
import { SetupError } from '../../errors.js';
import { dryRunArgv, shellJoin, type DryRunPlan, type Target } from '../../helm/argv.js';
import { isStreamed, type HelmClient } from '../../helm/client.js';
import { hideSecrets } from '../../helm/manifests.js';
import type { CommandContext } from './context.js';
import { watchPods } from './pods.js';
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
  const stopPods = ctx.interactive && kube ? watchPods(kube, namespace, (rows) => progress.pods(rows)) : () => undefined;
  try {
    const r = await helm.run(o.argv, { onLine: (l, s) => progress.line(l, s) });
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

export async function dryRun(ctx: CommandContext, helm: HelmClient, cluster: ClusterTarget, p: DryRunPlan): Promise<void> {
  const answers = p.op === 'upgrade' || (await clusterAnswers(cluster, ctx.args.timeoutMs));
  const { argv, mode } = dryRunArgv(helm.major, answers, p);
  ctx.io.err(`Dry run (${mode}); nothing on the cluster changes.`);
  const r = await helm.run(argv, { echo: true });
  ctx.io.out(hideSecrets(r.stdout, p.target.namespace));
}
