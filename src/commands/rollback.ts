/**
 * `polyaxon-setup rollback [--revision N]`: the target revision named before anything happens
 * (the newest earlier working one by default), then `helm rollback` to exactly that revision.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';
import { describeTarget } from '../cluster/target.js';
import { NotInteractiveError } from '../errors.js';
import { getValuesArgv, historyArgv, rollbackArgv, type Target } from '../helm/argv.js';
import type { HelmClient } from '../helm/client.js';
import { chartVersionOf, latest, readRelease, rollbackTarget, type HistoryEntry } from '../helm/release.js';
import { result, streamToStderr } from './support/apply.js';
import { writeConfigFile } from './support/config-file.js';
import type { Command, CommandContext } from './support/context.js';
import { clusterOf, confirmAction, openHelm, releaseTarget } from './support/helm-session.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  const cluster = await clusterOf(ctx);
  const t = releaseTarget(args);
  // Before anything is read: a run that cannot be confirmed stops here.
  if (!args.yes && !args.dryRun && !ctx.interactive)
    throw new NotInteractiveError(
      `Roll back release ${t.release} in namespace ${t.namespace} on ${describeTarget(cluster)}`,
      ['--yes'],
    );
  const helm = await openHelm(ctx, t, cluster);
  const release = await readRelease(helm, t, 'rollback', { values: false });
  const to = rollbackTarget(release.history, t.release, args.revision);
  const action = `Roll release ${t.release} in namespace ${t.namespace} back from revision ${release.current.revision} (${release.current.chart}, ${release.current.status}) to revision ${to.revision} (${to.chart})`;
  if (args.dryRun) {
    io.err(`${action}: dry run, nothing changes.`);
    await helm.run(rollbackArgv(helm.major, t, to.revision, { dryRun: true }), {
      echo: true,
      onLine: streamToStderr(ctx),
    });
    return;
  }
  await confirmAction(ctx, action, cluster, { confirmed: args.yes });
  await helm.run(rollbackArgv(helm.major, t, to.revision), { echo: true, onLine: streamToStderr(ctx) });
  const after = await helm.json<HistoryEntry[]>(historyArgv(t), { facts: { op: 'history' } }).catch(() => undefined);
  const now = after ? latest(after)?.revision : undefined;
  const back = `back to the values and chart of revision ${to.revision}${now ? ` (now revision ${now})` : ''}`;
  result(ctx, `Rolled release ${t.release} ${back} on ${describeTarget(cluster)}.`);
  const config = await offerDeployedValues(ctx, helm, t, chartVersionOf(to.chart));
  if (args.json) {
    const doc = {
      ok: true,
      release: t.release,
      namespace: t.namespace,
      context: cluster.context,
      from: release.current.revision,
    };
    io.out(JSON.stringify({ ...doc, to: to.revision, revision: now, config }, null, 2));
  }
};

/**
 * config.yaml still holds the values that were rolled back, so the next upgrade would propose them
 * again: offer to write what is deployed now back to it (the old one is backed up first).
 */
async function offerDeployedValues(
  ctx: CommandContext,
  helm: HelmClient,
  t: Target,
  chartVersion: string | undefined,
): Promise<{ path: string; rewritten: boolean; backup?: string } | undefined> {
  const { args, io } = ctx;
  const path = resolve(io.cwd, args.output);
  if (!existsSync(path)) return undefined;
  const deployed = (await helm.json<Record<string, unknown> | null>(getValuesArgv(t), { facts: { op: 'get' } })) ?? {};
  const saved = yaml.load(await readFile(path, 'utf8'));
  if (isDeepStrictEqual(saved ?? {}, deployed)) return { path, rewritten: false };
  const file = relative(io.cwd, path) || path;
  const question = `${file} holds values that are no longer deployed. Write the deployed values back to it (it is backed up first)?`;
  const write = args.yes || (await ctx.prompt.confirm(question, { flags: ['--yes'], default: true }));
  if (!write) {
    result(ctx, `  ${file} still holds the values rolled back from: the next upgrade would apply them again.`);
    return { path, rewritten: false };
  }
  const w = await writeConfigFile(path, deployed, { chartVersion, now: io.now() });
  const backup = w.backup ? ` (the previous one is in ${relative(io.cwd, w.backup) || w.backup})` : '';
  result(ctx, `  ${file} now holds the deployed values${backup}.`);
  return { path, rewritten: true, backup: w.backup };
}
