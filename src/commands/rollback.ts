/**
 * `polyaxon-setup rollback [--revision N]`: the target revision named before anything happens
 * (the newest earlier working one by default), then `helm rollback` to exactly that revision.
 */
import { describeTarget } from '../cluster/target.js';
import { NotInteractiveError } from '../errors.js';
import { historyArgv, rollbackArgv } from '../helm/argv.js';
import { latest, readRelease, rollbackTarget, type HistoryEntry } from '../helm/release.js';
import { result, streamToStderr } from './support/apply.js';
import type { Command } from './support/context.js';
import { clusterOf, confirmAction, openHelm, releaseTarget } from './support/helm-session.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  const cluster = await clusterOf(ctx);
  const t = releaseTarget(args);
  // Before anything is read: a run that cannot be confirmed stops here.
  if (!args.yes && !args.dryRun && !ctx.interactive) throw new NotInteractiveError(`Roll back release ${t.release} in namespace ${t.namespace} on ${describeTarget(cluster)}`, ['--yes']);
  const helm = await openHelm(ctx, t, cluster);
  const release = await readRelease(helm, t, 'rollback', { values: false });
  const to = rollbackTarget(release.history, t.release, args.revision);
  const action = `Roll release ${t.release} in namespace ${t.namespace} back from revision ${release.current.revision} (${release.current.chart}, ${release.current.status}) to revision ${to.revision} (${to.chart})`;
  if (args.dryRun) {
    io.err(`${action}: dry run, nothing changes.`);
    await helm.run(rollbackArgv(helm.major, t, to.revision, { dryRun: true }), { echo: true, onLine: streamToStderr(ctx) });
    return;
  }
  await confirmAction(ctx, action, cluster, { confirmed: args.yes });
  await helm.run(rollbackArgv(helm.major, t, to.revision), { echo: true, onLine: streamToStderr(ctx) });
  const after = await helm.json<HistoryEntry[]>(historyArgv(t), { facts: { op: 'history' } }).catch(() => undefined);
  const now = after ? latest(after)?.revision : undefined;
  result(ctx, `Rolled release ${t.release} back to the values and chart of revision ${to.revision}${now ? ` (now revision ${now})` : ''} on ${describeTarget(cluster)}.`);
  if (args.json) io.out(JSON.stringify({ ok: true, release: t.release, namespace: t.namespace, context: cluster.context, from: release.current.revision, to: to.revision, revision: now }, null, 2));
};
