/**
 * What every helm command starts with: the helm binary and its major, the cluster it will talk to
 * (named in every confirmation), the chart, and the drift guard. Shared by install, upgrade,
 * uninstall, rollback and template.
 */
import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import type { CommandContext } from '../cli/command.js';
import { DeclinedError, NotInteractiveError } from '../errors.js';
import { showValuesArgv, targetOf, type ChartRef, type Target } from './argv.js';
import { locateHelm, probeHelm } from './binary.js';
import { chartLabel } from './chart.js';
import { HelmClient } from './client.js';
import { describeTarget, type ClusterTarget } from './cluster.js';
import { driftWarning, ignoredKeys, parseChartValues } from './drift.js';

export async function openHelm(ctx: CommandContext, cluster?: ClusterTarget): Promise<HelmClient> {
  const { args, io } = ctx;
  const path = locateHelm(args.helm, io.env, io.cwd);
  const bin = await probeHelm(io.exec, path, io.env);
  return new HelmClient(bin, io.exec, io.env, io.cwd, io.err, { op: 'helm', release: args.release, namespace: args.namespace, context: cluster?.context });
}

export function target(ctx: CommandContext): Target {
  return targetOf(ctx.args);
}

/**
 * A yes before changing the cluster: `--yes`, or a question that names the kube context on a
 * terminal. Without a terminal the run fails with the flag to pass; nothing is assumed.
 */
export async function confirmAction(ctx: CommandContext, action: string, cluster: ClusterTarget, flags: string[] = ['--yes']): Promise<void> {
  const question = `${action} on ${describeTarget(cluster)}`;
  if (ctx.args.yes) return;
  if (!ctx.interactive) throw new NotInteractiveError(question, flags);
  if (!(await ctx.prompt.confirm(`${question}?`, { flags, default: false }))) throw new DeclinedError(action);
}

/** The drift guard, as warnings on stderr (never fatal: the person may know better). */
export async function warnDrift(ctx: CommandContext, helm: HelmClient, chart: ChartRef, values: unknown, file: string): Promise<string[]> {
  const shown = await helm.run(showValuesArgv(chart), { facts: { op: 'show', chart: chart.ref, chartVersion: chart.version } });
  const lines = driftWarning(ignoredKeys(values, parseChartValues(shown.stdout)), { file, chart: chartLabel(chart) });
  for (const l of lines) ctx.io.err(l);
  return lines;
}

export async function readYamlFile(path: string): Promise<unknown> {
  return yaml.load(await readFile(path, 'utf8'));
}
