/**
 * `polyaxon-setup uninstall`, as the chart's README describes it: `helm uninstall`; when the
 * pre-delete hooks fail (a broken release's usually do), again with `--no-hooks`; then the hook
 * Jobs left behind are deleted. PVCs and the namespace stay unless asked for, and the output says
 * what stayed.
 */
import {
  deleteJob,
  deleteNamespace,
  deletePvc,
  describePvc,
  jobState,
  leftoverHookJobs,
  listJobs,
  listPvcs,
  releasePvcs,
} from '../cluster/leftovers.js';
import type { PvcLike } from '../cluster/objects.js';
import { apiFailure, describeTarget, type ClusterTarget } from '../cluster/target.js';
import { DeclinedError, HelmError, NotInteractiveError } from '../errors.js';
import { getHooksArgv, historyArgv, uninstallArgv, type Target } from '../helm/argv.js';
import type { HelmClient } from '../helm/client.js';
import { hookJobNames } from '../helm/hooks.js';
import { latest, readRelease, type HistoryEntry } from '../helm/release.js';
import { result, RUN_BUDGET_MS, streamToStderr } from './support/apply.js';
import type { Command, CommandContext } from './support/context.js';
import { clusterOf, openHelm, releaseTarget } from './support/helm-session.js';

export interface UninstallPlan {
  removed: string[];
  kept: string[];
  pvcsToDelete: string[];
}

/** What goes and what stays, for the confirmation and the final report. Pure. */
export function uninstallPlan(o: {
  release: string;
  namespace: string;
  current: HistoryEntry;
  pvcs: PvcLike[] | undefined;
  deletePvcs: boolean;
  deleteNamespace: boolean;
}): UninstallPlan {
  const mine = o.pvcs ? releasePvcs(o.pvcs, o.release) : [];
  const others = o.pvcs ? o.pvcs.filter((p) => !mine.includes(p)) : [];
  const removed = [
    `helm release ${o.release} (revision ${o.current.revision}, ${o.current.chart}, ${o.current.status}) and the objects it made`,
    `hook Jobs of ${o.release} left in namespace ${o.namespace}`,
  ];
  const kept: string[] = [];
  if (o.deletePvcs) removed.push(...mine.map(describePvc));
  else kept.push(...mine.map((p) => `${describePvc(p)}  (--delete-pvcs removes it)`));
  if (o.deletePvcs && !o.pvcs) removed.push(`the release's PVCs in namespace ${o.namespace}`);
  kept.push(...others.map((p) => `${describePvc(p)}  (not made by the release)`));
  if (o.deleteNamespace) removed.push(`namespace ${o.namespace}, with everything still in it`);
  else kept.push(`namespace ${o.namespace}  (--delete-namespace removes it)`);
  return {
    removed,
    kept,
    pvcsToDelete: o.deletePvcs ? mine.flatMap((p) => (p.metadata?.name ? [p.metadata.name] : [])) : [],
  };
}

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  // The budget covers helm's run (hooks may take minutes) and the cleanup after it.
  const cluster = await clusterOf(ctx, RUN_BUDGET_MS);
  const t = releaseTarget(args);
  const question = `Uninstall release ${t.release} from namespace ${t.namespace} on ${describeTarget(cluster)}`;
  if (!args.yes && !args.dryRun && !ctx.interactive) throw new NotInteractiveError(question, ['--yes']);
  const helm = await openHelm(ctx, t, cluster);
  const release = await readRelease(helm, t, 'uninstall', { values: false });
  // Read while the release still exists: helm forgets its hooks with it.
  const hooks = await helm.attempt(getHooksArgv(t));
  const hookNames = hooks.exitCode === 0 ? hookJobNames(hooks.stdout) : [];
  const pvcs = cluster.kube ? await listPvcs(cluster.kube, t.namespace).catch(() => undefined) : undefined;
  const plan = uninstallPlan({
    release: t.release,
    namespace: t.namespace,
    current: release.current,
    pvcs,
    deletePvcs: args.deletePvcs,
    deleteNamespace: args.deleteNamespace,
  });

  if (args.dryRun) {
    io.err(`${question}: dry run, nothing changes.`);
    await helm.run(uninstallArgv(t, { noHooks: args.noHooks, dryRun: true }), {
      echo: true,
      onLine: streamToStderr(ctx),
    });
    report(ctx, 'Would remove', plan.removed, 'Would keep', plan.kept);
    return;
  }
  if (!args.yes) await confirmInteractively(ctx, t, cluster, plan);

  const noHooks = await runUninstall(ctx, helm, t, args.noHooks);
  const lines: string[] = [
    `Uninstalled release ${t.release} from namespace ${t.namespace} on ${describeTarget(cluster)}${noHooks ? ' (without its hooks)' : ''}.`,
  ];
  const problems: string[] = [];
  if (cluster.kube) {
    const kube = cluster.kube;
    const jobs = await listJobs(kube, t.namespace).catch(
      (e) => void problems.push(`could not list Jobs: ${apiFailure(e)}`),
    );
    for (const j of leftoverHookJobs(jobs ?? [], t.release, hookNames)) {
      const name = j.metadata?.name ?? '';
      await deleteJob(kube, t.namespace, name).then(
        () => lines.push(`  deleted hook Job ${name} (${jobState(j)})`),
        (e) => problems.push(`could not delete hook Job ${name}: ${apiFailure(e)}`),
      );
    }
    for (const name of plan.pvcsToDelete) {
      await deletePvc(kube, t.namespace, name).then(
        () => lines.push(`  deleted PVC ${name}`),
        (e) => problems.push(`could not delete PVC ${name}: ${apiFailure(e)}`),
      );
    }
    if (args.deleteNamespace) {
      await deleteNamespace(kube, t.namespace).then(
        () => lines.push(`  deleted namespace ${t.namespace}`),
        (e) => problems.push(`could not delete namespace ${t.namespace}: ${apiFailure(e)}`),
      );
    }
  } else {
    problems.push(`could not look for leftover hook Jobs: ${cluster.problem ?? 'no Kubernetes client'}`);
  }
  for (const l of lines) result(ctx, l);
  if (plan.kept.length) report(ctx, undefined, [], 'Kept', plan.kept);
  for (const p of problems) io.err(`Warning: ${p}. Check with: kubectl get jobs,pvc -n ${t.namespace}`);
  if (args.json) {
    const doc = {
      ok: true,
      release: t.release,
      namespace: t.namespace,
      context: cluster.context,
      noHooks,
      kept: plan.kept,
      problems,
    };
    io.out(JSON.stringify(doc, null, 2));
  }
};

async function confirmInteractively(
  ctx: CommandContext,
  t: Target,
  cluster: ClusterTarget,
  plan: UninstallPlan,
): Promise<void> {
  const { io } = ctx;
  const { confirmUninstall } = await import('../ui/confirm-uninstall.js');
  const ok = await confirmUninstall({
    release: t.release,
    namespace: t.namespace,
    context: cluster.context,
    server: cluster.server,
    kept: plan.kept,
    removed: plan.removed,
    plain: ctx.plain,
    prompter: ctx.prompt,
    color: io.color,
  });
  if (!ok) throw new DeclinedError(`Uninstalling release ${t.release}`);
}

/**
 * helm uninstall; when the hooks fail, the README's way out: `--no-hooks`, offered on a terminal
 * and taken with --yes. Returns whether the hooks were skipped.
 */
async function runUninstall(ctx: CommandContext, helm: HelmClient, t: Target, noHooks: boolean): Promise<boolean> {
  const stream = streamToStderr(ctx);
  try {
    await helm.run(uninstallArgv(t, { noHooks }), { echo: true, onLine: stream });
    return noHooks;
  } catch (e) {
    if (noHooks || !(e instanceof HelmError) || !(await hooksFailed(helm, t, e))) throw e;
    const why = e.message
      .split('\n')
      .map((l) => l.trim())
      .join(' ');
    if (ctx.args.yes) {
      ctx.io.err(
        `The pre-delete hooks failed (${why}). Uninstalling without them (--no-hooks), as the chart's README advises for a broken release.`,
      );
    } else {
      const again = await ctx.prompt.confirm(
        `The pre-delete hooks failed (${why}). Uninstall without running them (--no-hooks)?`,
        { flags: ['--yes', '--no-hooks'], default: true },
      );
      if (!again) throw e;
    }
    await helm.run(uninstallArgv(t, { noHooks: true }), { echo: true, onLine: stream });
    return true;
  }
}

/** A hook failure, or a timeout while the release was being deleted (helm 3 names no Job then). */
async function hooksFailed(helm: HelmClient, t: Target, e: HelmError): Promise<boolean> {
  if (e.kind === 'hook-failed') return true;
  if (e.kind !== 'timeout' && e.kind !== 'unknown') return false;
  const h = await helm.attempt(historyArgv(t));
  if (h.exitCode !== 0) return false;
  try {
    return latest(JSON.parse(h.stdout) as HistoryEntry[])?.status === 'uninstalling';
  } catch {
    return false;
  }
}

function report(
  ctx: CommandContext,
  removedTitle: string | undefined,
  removed: string[],
  keptTitle: string,
  kept: string[],
): void {
  if (removedTitle && removed.length) {
    result(ctx, `${removedTitle}:`);
    for (const r of removed) result(ctx, `  ✗ ${r}`);
  }
  if (kept.length) {
    result(ctx, `${keptTitle}:`);
    for (const k of kept) result(ctx, `  ✔ ${k}`);
  }
}
