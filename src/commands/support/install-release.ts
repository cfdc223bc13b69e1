/**
 * What both installs share, the one with --yes and the wizard's: config.yaml written safely, and
 * helm install with it once helm, the cluster and a free release name are checked.
 */
import { chartLabel as lineLabel, chartLineFor } from '../../model/chart-line.js';
import { relative, resolve } from 'node:path';
import { readEndpoints, reachability } from '../../cluster/endpoints.js';
import { namespaceDecision, readNamespaceAccess, type NamespaceDecision } from '../../cluster/namespace.js';
import { describeTarget, type ClusterTarget } from '../../cluster/target.js';
import { ClusterError, HelmError } from '../../errors.js';
import {
  chartOf,
  installArgv,
  installCommandLine,
  upgradeCommandLine,
  type ChartRef,
  type Target,
} from '../../helm/argv.js';
import { chartLabel } from '../../helm/chart.js';
import { resolveChart } from './chart-version.js';
import type { HelmClient } from '../../helm/client.js';
import { readRelease, type HistoryEntry } from '../../helm/release.js';
import { NEWEST_KNOWN } from '../../model/lines/table.js';
import type { Built } from '../../model/build.js';
import { applyWithProgress, dryRun, result, RUN_BUDGET_MS } from './apply.js';
import { assertChartAccess } from './access.js';
import { createClaim } from './claims.js';
import type { PlannedClaim } from '../../cluster/storage-plan.js';
import { writeConfigFile } from './config-file.js';
import type { CommandContext } from './context.js';
import { clusterOf, confirmAction, openHelm, readYamlFile, warnDrift, type ReleaseTarget } from './helm-session.js';
import { formatProblems, problemsJson } from './problems-text.js';

/**
 * What an install needs that can fail before config.yaml is written: the cluster, helm, a free
 * release name, and the chart (whose version decides the line config.yaml is written for).
 */
export interface InstallPlan {
  cluster: ClusterTarget;
  helm: HelmClient;
  target: ReleaseTarget;
  chart: ChartRef;
  /** Whether helm gets --create-namespace, and why; undefined when the cluster could not be asked. */
  namespace?: NamespaceDecision;
  /** The chart as the fit check rendered it for this cluster (assertChartFits), for the access check. */
  manifest?: string;
}

export async function planInstall(ctx: CommandContext, asked: ReleaseTarget): Promise<InstallPlan> {
  const cluster = await clusterOf(ctx, RUN_BUDGET_MS);
  const helm = await openHelm(ctx, asked, cluster);
  // A dry run may have no cluster to ask, and changes nothing: helm's own check is enough there.
  if (!ctx.args.dryRun) await assertNoRelease(helm, asked, cluster);
  const namespace = await namespaceOf(ctx, cluster, asked.namespace);
  const { target, chart } = await resolveChart(ctx, helm, asked);
  return { cluster, helm, target, chart, ...(namespace ? { namespace } : {}) };
}

/**
 * --create-namespace only when the namespace is missing and the account may create it; a missing
 * namespace the account may not create stops the install before config.yaml is replaced.
 */
async function namespaceOf(
  ctx: CommandContext,
  cluster: ClusterTarget,
  namespace: string,
): Promise<NamespaceDecision | undefined> {
  if (!cluster.kube) return undefined;
  const decision = namespaceDecision(await readNamespaceAccess(cluster.kube, namespace, ctx.args.timeoutMs));
  if (decision.refusal)
    throw new ClusterError(decision.refusal.message, { forbidden: true, hint: decision.refusal.hint });
  return decision;
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
  const where = `namespace ${t.namespace} on ${describeTarget(cluster)}`;
  throw new HelmError(
    'release-exists',
    `A release named ${t.release} already exists in ${where} (revision ${current.revision}, ${current.chart}, ${current.status}).`,
    'Change it with `polyaxon-setup upgrade` (same flags), remove it with `polyaxon-setup uninstall`, ' +
      'or install beside it with --release NAME.',
  );
}

/**
 * What the review should say about installing before the person confirms: helm missing or too old
 * (the probe already speaks for the cluster and an existing release). Never throws.
 */
export async function installWarnings(ctx: CommandContext, target: ReleaseTarget): Promise<string[]> {
  try {
    await openHelm(ctx, target);
    return [];
  } catch (e) {
    if (!(e instanceof HelmError)) throw e;
    return [`cannot install: ${e.message}${e.hint ? ` ${e.hint}` : ''} (nothing is written until it is fixed)`];
  }
}

/** helm install with the written config.yaml; `confirmed`: the person already said yes (--yes, or the review). */
export async function installRelease(
  ctx: CommandContext,
  plan: InstallPlan,
  configPath: string,
  o: { confirmed: boolean; claim?: PlannedClaim; driftShown?: boolean },
): Promise<void> {
  const { io } = ctx;
  const { cluster, helm, target: t, chart } = plan;
  const file = relative(io.cwd, configPath) || configPath;
  // The wizard's review already showed the drift guard for this very chart: not again after the go-ahead.
  if (!o.driftShown) await warnDrift(ctx, helm, chart, await readYamlFile(configPath), file);
  let createNamespace = plan.namespace?.createNamespace;
  const ns = () => (createNamespace === undefined ? {} : { createNamespace });
  if (ctx.args.dryRun)
    return dryRun(ctx, helm, cluster, { op: 'install', target: t, chart, valuesFile: configPath, ...ns() });

  await confirmAction(ctx, `Install release ${t.release} into namespace ${t.namespace}`, cluster, o);
  // Every verb the rendered objects need, before anything is created (the cluster must answer).
  if (cluster.kube && plan.manifest !== undefined)
    await assertChartAccess(ctx, cluster.kube, plan.manifest, t.namespace);
  // The outputs claim config.yaml mounts, made before helm installs what mounts it.
  if (o.claim && cluster.kube) {
    const made = await createClaim(ctx, cluster.kube, o.claim, t.namespace, plan.namespace);
    if (made) createNamespace = made.createNamespace;
  }
  const where = `namespace ${t.namespace} on ${describeTarget(cluster)}`;
  io.err(`Installing ${chartLabel(chart)} as release ${t.release} into ${where} (helm ${helm.bin.version}).`);
  await applyWithProgress(ctx, helm, cluster, {
    action: 'install',
    target: t,
    argv: installArgv(helm.major, t, chart, configPath, ns()),
  });
  result(ctx, `Installed release ${t.release} in ${where}.`);
  for (const line of await howToReach(ctx, cluster, t, configPath)) result(ctx, `  ${line}`);
  result(ctx, `  Watch it start: kubectl get pods -n ${t.namespace} --watch`);
  result(ctx, `  Change it later: polyaxon-setup upgrade (edit ${file}, or --set key=value)`);
}

/** Where to open Polyaxon and how to log in, from what the release made and what config.yaml says. */
async function howToReach(
  ctx: CommandContext,
  cluster: ClusterTarget,
  t: Target,
  configPath: string,
): Promise<string[]> {
  const lines: string[] = [];
  if (cluster.kube) {
    const { urls, pending } = reachability(await readEndpoints(cluster.kube, t.namespace), t.release);
    if (urls.length) lines.push(`Open Polyaxon at ${urls.join(' or ')}`);
    lines.push(...pending);
  }
  const values = (await readYamlFile(configPath).catch(() => undefined)) as {
    user?: { username?: string; password?: unknown };
  };
  const user = values?.user?.username ?? 'root';
  const password =
    typeof values?.user?.password === 'string'
      ? `the password in ${relative(ctx.io.cwd, configPath) || configPath} (user.password)`
      : `the password the chart generated (helm get notes ${t.release} -n ${t.namespace} says where it is)`;
  lines.push(`Log in as ${user} with ${password}`);
  return lines;
}

/**
 * The `helm install` a run performs, for showing; `createNamespace` as the probe decided it, when it
 * did. An unset --chart-version shows the version config.yaml was written for: helm, left to
 * itself, would take whatever is newest when it runs.
 */
export function previewInstall(ctx: CommandContext, t: ReleaseTarget, path: string, createNamespace?: boolean): string {
  return installCommandLine(
    t,
    pinnedChart(t),
    path,
    ctx.io.cwd,
    createNamespace === undefined ? {} : { createNamespace },
  );
}

/** The `helm upgrade` an install over an existing release performs, for showing. */
export function previewUpgrade(ctx: CommandContext, t: ReleaseTarget, path: string): string {
  return upgradeCommandLine(t, pinnedChart(t), path, ctx.io.cwd);
}

function pinnedChart(t: ReleaseTarget): ChartRef {
  const chart = chartOf(t);
  return chart.local || chart.version ? chart : { ...chart, version: NEWEST_KNOWN };
}

/** config.yaml at -o, for the chart version the target names; says what it did (or prints it as JSON). */
export async function writeConfig(
  ctx: CommandContext,
  t: ReleaseTarget,
  built: Built,
  o: { createNamespace?: boolean; findings?: unknown[] } = {},
): Promise<string> {
  const { args, io } = ctx;
  const path = resolve(io.cwd, args.output);
  const written = await writeConfigFile(path, built.written, {
    chartVersion: t.chartVersion,
    versionFrom: t.versionFrom,
    now: io.now(),
  });
  const shown = relative(io.cwd, path) || path;
  if (args.json) {
    const doc = {
      ok: true,
      config: path,
      backup: written.backup,
      unchanged: written.unchanged,
      warnings: problemsJson(built.warnings),
      install: previewInstall(ctx, t, path, o.createNamespace),
      ...(o.findings ? { findings: o.findings } : {}),
      chartLine: chartLineFor(t.chartVersion).label,
    };
    io.out(JSON.stringify(doc, null, 2));
  } else {
    if (built.warnings.length) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
    if (written.backup) io.err(`Backed up the previous ${shown} to ${relative(io.cwd, written.backup)}`);
    const forChart = lineLabel(t.chartVersion, t.versionFrom);
    io.out(written.unchanged ? `${shown} is already up to date.` : `Wrote ${shown} for ${forChart}`);
  }
  return path;
}
