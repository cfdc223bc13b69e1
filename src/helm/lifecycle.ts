/**
 * helm install with a written config.yaml, and what install and upgrade share: applying with
 * progress shown, and the dry run (server-side when the cluster answers, client-side otherwise).
 */
import { relative } from 'node:path';
import type { CommandContext } from '../cli/command.js';
import { HelmError, SetupError } from '../errors.js';
import { installArgv, shellJoin, templateArgv, upgradeArgv, type ChartRef, type Target } from './argv.js';
import { chartLabel, prepareChart } from './chart.js';
import type { HelmClient } from './client.js';
import { clusterAnswers, describeTarget, openCluster, type ClusterTarget } from './cluster.js';
import { hideSecrets } from './manifests.js';
import { isStreamed, openProgress, watchPods } from './progress.js';
import { readRelease, type HistoryEntry } from './release.js';
import { confirmAction, openHelm, readYamlFile, target, warnDrift } from './session.js';

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

/** What an install needs that can fail before config.yaml is written: the cluster, helm, and a free release name. */
export interface InstallPlan {
  cluster: ClusterTarget;
  helm: HelmClient;
  t: Target;
}

export async function planInstall(ctx: CommandContext): Promise<InstallPlan> {
  const cluster = await openCluster(ctx, RUN_BUDGET_MS);
  const helm = await openHelm(ctx, cluster);
  const t = target(ctx);
  // A dry run may have no cluster to ask, and changes nothing: helm's own check is enough there.
  if (!ctx.args.dryRun) await assertNoRelease(helm, t, cluster);
  return { cluster, helm, t };
}

/** helm would refuse the name anyway, but only after config.yaml was replaced: say it first. */
async function assertNoRelease(helm: HelmClient, t: Target, cluster: ClusterTarget): Promise<void> {
  let current: HistoryEntry;
  try {
    current = (await readRelease(helm, t, 'install', { values: false })).current;
  } catch (e) {
    if (e instanceof HelmError && e.kind === 'release-not-found') return;
    throw e;
  }
  throw new HelmError(
    'release-exists',
    `A release named ${t.release} already exists in namespace ${t.namespace} on ${describeTarget(cluster)} (revision ${current.revision}, ${current.chart}, ${current.status}).`,
    `Change it with \`polyaxon-setup upgrade\` (same flags), remove it with \`polyaxon-setup uninstall\`, or install beside it with --release NAME.`,
  );
}

export async function installRelease(ctx: CommandContext, configPath: string, plan?: InstallPlan): Promise<void> {
  const { args, io } = ctx;
  const { cluster, helm, t } = plan ?? (await planInstall(ctx));
  const chart = await prepareChart(helm, args, io.cwd, io.err, streamToStderr(ctx));
  const file = relative(io.cwd, configPath) || configPath;
  await warnDrift(ctx, helm, chart, await readYamlFile(configPath), file);
  if (args.dryRun) return dryRun(ctx, helm, cluster, { op: 'install', target: t, chart, valuesFile: configPath });

  await confirmAction(ctx, `Install release ${t.release} into namespace ${t.namespace}`, cluster);
  io.err(`Installing ${chartLabel(chart)} as release ${t.release} into namespace ${t.namespace} on ${describeTarget(cluster)} (helm ${helm.bin.version}).`);
  await applyWithProgress(ctx, helm, cluster, 'install', installArgv(helm.major, t, chart, configPath));
  result(ctx, `Installed release ${t.release} in namespace ${t.namespace} on ${describeTarget(cluster)}.`);
  result(ctx, `  Watch it start: kubectl get pods -n ${t.namespace} --watch`);
  result(ctx, `  Change it later: polyaxon-setup upgrade (edit ${file}, or --set key=value)`);
}

/**
 * Runs helm install/upgrade with the live view on a terminal (helm's lines plus the namespace's
 * pods) or `helm: ...` lines on stderr, and ends the view with ready or the failure.
 */
export async function applyWithProgress(ctx: CommandContext, helm: HelmClient, cluster: ClusterTarget, action: 'install' | 'upgrade', argv: string[]) {
  // Announced before the live view starts: a line written under Ink would be drawn over.
  ctx.io.err(`$ ${shellJoin(['helm', ...argv])}`);
  const progress = await openProgress(ctx, action);
  const stopPods = ctx.interactive && cluster.kube ? watchPods(cluster.kube, ctx.args.namespace, progress) : () => undefined;
  try {
    const r = await helm.run(argv, { onLine: (l, s) => progress.line(l, s) });
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

export interface DryRunPlan {
  op: 'install' | 'upgrade';
  target: Target;
  chart: ChartRef;
  valuesFile: string;
}

/**
 * Which dry run: server-side when the API answers (lookups and admission run); otherwise helm 4's
 * client-side one, and for helm 3 `helm template`, since helm 3's `--dry-run=client` still insists
 * on reaching the cluster. An upgrade always needs the cluster (it reads the release).
 */
export function dryRunArgv(major: 3 | 4, answers: boolean, p: DryRunPlan): { argv: string[]; mode: string } {
  if (p.op === 'upgrade') return { argv: upgradeArgv(major, p.target, p.chart, p.valuesFile, { dryRun: 'server' }), mode: 'server-side' };
  if (answers) return { argv: installArgv(major, p.target, p.chart, p.valuesFile, { dryRun: 'server' }), mode: 'server-side' };
  if (major === 4) return { argv: installArgv(major, p.target, p.chart, p.valuesFile, { dryRun: 'client' }), mode: 'client-side: the cluster does not answer' };
  return { argv: templateArgv(p.target, p.chart, p.valuesFile), mode: 'client-side with helm template: the cluster does not answer' };
}

export async function dryRun(ctx: CommandContext, helm: HelmClient, cluster: ClusterTarget, p: DryRunPlan): Promise<void> {
  const answers = p.op === 'upgrade' || (await clusterAnswers(cluster, ctx.args.timeoutMs));
  const { argv, mode } = dryRunArgv(helm.major, answers, p);
  ctx.io.err(`Dry run (${mode}); nothing on the cluster changes.`);
  const r = await helm.run(argv, { echo: true });
  ctx.io.out(hideSecrets(r.stdout, p.target.namespace));
}
