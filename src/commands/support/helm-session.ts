/**
 * What every helm command starts with: the release and chart the flags name, the helm binary and
 * its major, the cluster it will talk to (named in every confirmation), and the drift guard.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import yaml from 'js-yaml';
import type { Args } from '../../cli/args.js';
import { openCluster, describeTarget, type ClusterTarget } from '../../cluster/target.js';
import { DeclinedError, NotInteractiveError } from '../../errors.js';
import { pullArgv, pullFromRepoArgv, REPO_CHART, REPO_URL, type ChartRef, type Target } from '../../helm/argv.js';
import { locateHelm, probeHelm } from '../../helm/binary.js';
import { chartFor, chartLabel, type ChartSource } from '../../helm/chart.js';
import type { ChartFile } from '../../helm/chart-reads.js';
import { HelmClient } from '../../helm/client.js';
import { driftWarning, unreadKeys } from '../../helm/drift.js';
import { chartFiles, localChartVersion } from '../../helm/chart-archive.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chartReads } from '../../helm/chart-reads.js';
import type { CommandContext } from './context.js';

/** The release a run works on, and the chart it installs or upgrades to. */
export interface ReleaseTarget extends Target, ChartSource {
  /** Where chartVersion came from when no flag named it (the repository's newest), for labels. */
  versionFrom?: string;
}

export function releaseTarget(args: Args, cwd?: string): ReleaseTarget {
  const { release, namespace, kubeContext, kubeconfig, chart, repoUrl } = args;
  // A local chart is the version its Chart.yaml says: that decides the line values are written for.
  let chartVersion = args.chartVersion;
  if (!chartVersion && chart && cwd && !chart.includes('://')) {
    const path = resolve(cwd, chart);
    if (existsSync(path)) chartVersion = localChartVersion(path);
  }
  return { release, namespace, kubeContext, kubeconfig, chart, chartVersion, repoUrl };
}

/** The cluster behind the flags' kubeconfig and context, usable for `budgetMs`. */
export function clusterOf(ctx: CommandContext, budgetMs?: number): Promise<ClusterTarget> {
  const { args, io } = ctx;
  return openCluster({ kubeconfig: args.kubeconfig, context: args.kubeContext, env: io.env, budgetMs });
}

export async function openHelm(ctx: CommandContext, t: Target, cluster?: ClusterTarget): Promise<HelmClient> {
  const { args, io } = ctx;
  const path = locateHelm(args.helm, io.env, io.cwd);
  const bin = await probeHelm(io.exec, path, io.env);
  const facts = { op: 'helm', release: t.release, namespace: t.namespace, context: cluster?.context };
  const client = new HelmClient(bin, io.exec, io.env, io.cwd, io.err, facts);
  // Reads get several probe timeouts (at least 30 s); changes their --wait time and 2 minutes more.
  client.deadlines = { queryMs: Math.max(4 * args.timeoutMs, 30_000), changeMs: args.waitMs + 120_000 };
  return client;
}

/**
 * A yes before changing the cluster: already given (--yes, or a review the person confirmed), or
 * a question that names the kube context on a terminal. Without a terminal the run fails with the
 * flag to pass; nothing is assumed.
 */
export async function confirmAction(
  ctx: CommandContext,
  action: string,
  cluster: ClusterTarget,
  o: { confirmed: boolean; flags?: string[] },
): Promise<void> {
  const flags = o.flags ?? ['--yes'];
  const question = `${action} on ${describeTarget(cluster)}`;
  if (o.confirmed) return;
  if (!ctx.interactive) throw new NotInteractiveError(question, flags);
  if (!(await ctx.prompt.confirm(`${question}?`, { flags, default: false }))) throw new DeclinedError(action);
}

/** The drift guard, as warnings on stderr (never fatal: the person may know better). */
export async function warnDrift(
  ctx: CommandContext,
  helm: HelmClient,
  chart: ChartRef,
  values: unknown,
  file: string,
): Promise<string[]> {
  const reads = chartReads(await chartFilesOf(helm, chart));
  const lines = driftWarning(unreadKeys(values, reads), { file, chart: chartLabel(chart) });
  for (const l of lines) ctx.io.err(l);
  return lines;
}

/** The chart's files: a local chart as it is, a repository chart pulled into a temporary folder. */
async function chartFilesOf(helm: HelmClient, chart: ChartRef) {
  if (chart.local) return chartFiles(chart.ref);
  const dir = await mkdtemp(join(tmpdir(), 'polyaxon-setup-chart-'));
  try {
    const facts = { op: 'pull', chart: chart.ref, chartVersion: chart.version };
    await helm.run(pullArgv(chart, dir), { facts });
    const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
    return tgz ? chartFiles(join(dir, tgz)) : [];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The chart an install would use, read before anything is confirmed and without changing helm's
 * repositories: a local chart as it is; the repository's chart pulled straight from its URL
 * (`helm pull polyaxon --repo URL`, the newest it serves unless a version is pinned), an oci://
 * chart pulled as named. The version is the pulled archive's own, so the install can tell whether
 * it pins the same chart. Bounded by helm's query deadline.
 */
export async function readChartForReview(
  helmOf: () => Promise<HelmClient>,
  source: ChartSource,
  cwd: string,
): Promise<{ chart: ChartRef; files: ChartFile[] }> {
  const chart = chartFor(source, cwd);
  if (chart.local) return { chart, files: chartFiles(chart.ref) };
  const helm = await helmOf();
  const dir = await mkdtemp(join(tmpdir(), 'polyaxon-setup-chart-'));
  try {
    const argv =
      chart.ref === REPO_CHART ? pullFromRepoArgv(source.repoUrl ?? REPO_URL, chart, dir) : pullArgv(chart, dir);
    const facts = { op: 'pull', chart: chart.ref, chartVersion: chart.version };
    await helm.run(argv, { facts, timeoutMs: helm.deadlines.queryMs });
    const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
    if (!tgz) return { chart, files: [] };
    const path = join(dir, tgz);
    return { chart: { ...chart, version: chart.version ?? localChartVersion(path) }, files: chartFiles(path) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether two references name the same chart and version (the one the review's drift guard read). */
export function sameChart(a: ChartRef | undefined, b: ChartRef): boolean {
  return !!a && a.ref === b.ref && a.local === b.local && (a.version ?? '') === (b.version ?? '');
}

export async function readYamlFile(path: string): Promise<unknown> {
  return yaml.load(await readFile(path, 'utf8'));
}
