/**
 * `polyaxon-setup rollback [--revision N]`: the target revision named before anything happens
 * (the newest earlier working one by default), then `helm rollback` to exactly that revision.
 */
import type { CommandContext } from '../cli/command.js';
import { NotInteractiveError } from '../errors.js';
import { historyArgv, rollbackArgv } from './argv.js';
import { describeTarget, openCluster } from './cluster.js';
import { result, streamToStderr } from './lifecycle.js';
import { latest, readRelease, rollbackTarget, type HistoryEntry } from './release.js';
import { confirmAction, openHelm, target } from './session.js';

export async function rollbackRelease(ctx: CommandContext): Promise<void> {
  const { args, io } = ctx;
  const cluster = await openCluster(ctx);
  const t = target(ctx);
  // Before anything is read: a run that cannot be confirmed stops here.
  if (!args.yes && !args.dryRun && !ctx.interactive) throw new NotInteractiveError(`Roll back release ${t.release} in namespace ${t.namespace} on ${describeTarget(cluster)}`, ['--yes']);
  const helm = await openHelm(ctx, cluster);
  const release = await readRelease(helm, t, 'rollback', { values: false });
  const to = rollbackTarget(release.history, t.release, args.revision);
  const action = `Roll release ${t.release} in namespace ${t.namespace} back from revision ${release.current.revision} (${release.current.chart}, ${release.current.status}) to revision ${to.revision} (${to.chart})`;
  if (args.dryRun) {
    io.err(`${action}: dry run, nothing changes.`);
    await helm.run(rollbackArgv(helm.major, t, to.revision, { dryRun: true }), { echo: true, onLine: streamToStderr(ctx) });
    return;
  }
  await confirmAction(ctx, action, cluster);
  await helm.run(rollbackArgv(helm.major, t, to.revision), { echo: true, onLine: streamToStderr(ctx) });
  const after = await helm.json<HistoryEntry[]>(historyArgv(t), { facts: { op: 'history' } }).catch(() => undefined);
  const now = after ? latest(after)?.revision : undefined;
  result(ctx, `Rolled release ${t.release} back to the values and chart of revision ${to.revision}${now ? ` (now revision ${now})` : ''} on ${describeTarget(cluster)}.`);
  if (args.json) io.out(JSON.stringify({ ok: true, release: t.release, namespace: t.namespace, context: cluster.context, from: release.current.revision, to: to.revision, revision: now }, null, 2));
}
