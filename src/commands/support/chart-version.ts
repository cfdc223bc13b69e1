/**
 * The chart version a run installs when --chart-version is unset is what helm would install: the
 * newest the repository serves. It is read from the repository, so config.yaml is written for
 * that chart's line and helm is pinned to it. When the repository cannot be read, the version
 * stays unset: the newest line this tool knows, and every label says so.
 */
import yaml from 'js-yaml';
import { showChartArgv, type ChartRef } from '../../helm/argv.js';
import { prepareChart } from '../../helm/chart.js';
import type { HelmClient } from '../../helm/client.js';
import { streamToStderr } from './apply.js';
import type { CommandContext } from './context.js';
import type { ReleaseTarget } from './helm-session.js';

export interface ResolvedChart {
  target: ReleaseTarget;
  /** Ready for helm: the repository added or refreshed, the version pinned when one was found. */
  chart: ChartRef;
}

export async function resolveChart(ctx: CommandContext, helm: HelmClient, t: ReleaseTarget): Promise<ResolvedChart> {
  const { io } = ctx;
  const chart = await prepareChart(helm, t, { cwd: io.cwd, say: io.err, stream: streamToStderr(ctx) });
  if (t.chartVersion || chart.local) return { target: t, chart };
  const shown = await helm.attempt(showChartArgv(chart));
  const version = shown.exitCode === 0 ? chartYamlVersion(shown.stdout) : undefined;
  if (!version) return { target: t, chart };
  return {
    target: { ...t, chartVersion: version, versionFrom: `the newest ${chart.ref} serves; --chart-version unset` },
    chart: { ...chart, version },
  };
}

function chartYamlVersion(text: string): string | undefined {
  try {
    const doc = yaml.load(text) as { version?: unknown } | undefined;
    return typeof doc?.version === 'string' && doc.version ? doc.version : undefined;
  } catch {
    return undefined;
  }
}
