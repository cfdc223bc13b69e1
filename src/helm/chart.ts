/**
 * Where the chart comes from. A local directory or .tgz (`--chart`, air-gapped installs) is used as
 * it is; otherwise the repository `polyaxon` is added once and refreshed on later runs
 * (`--repo-url` points it at a mirror), so running twice does the same thing twice.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { HelmError } from '../errors.js';
import {
  chartOf,
  REPO_CHART,
  REPO_NAME,
  REPO_URL,
  repoAddArgv,
  repoListArgv,
  repoUpdateArgv,
  type ChartChoice,
  type ChartRef,
} from './argv.js';
import type { HelmClient, RunOptions } from './client.js';

export interface RepoEntry {
  name: string;
  url: string;
}

export interface RepoPlan {
  argv: string[];
  /** Said to the person when their repository entry changes. */
  note?: string;
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Add when missing or pointing elsewhere, else refresh its index. */
export function repoPlan(repos: RepoEntry[], url: string): RepoPlan {
  const existing = repos.find((r) => r.name === REPO_NAME);
  if (existing && sameUrl(existing.url, url)) return { argv: repoUpdateArgv() };
  return {
    argv: repoAddArgv(url),
    note: existing
      ? `The helm repository "${REPO_NAME}" pointed at ${existing.url}; it now points at ${url}.`
      : undefined,
  };
}

/** The chart this run uses: `--chart` (a path, or an oci:// reference) or the repository's. */
export function chartFor(choice: ChartChoice, cwd: string): ChartRef {
  const c = chartOf(choice);
  return c.local ? { ...c, ref: resolve(cwd, c.ref) } : c;
}

export interface ChartSource extends ChartChoice {
  /** A mirror of the polyaxon repository. */
  repoUrl?: string;
}

/** Makes the chart available to helm: checks a local one exists, adds or refreshes the repository. */
export async function prepareChart(
  helm: HelmClient,
  source: ChartSource,
  o: { cwd: string; say: (line: string) => void; stream?: RunOptions['onLine'] },
): Promise<ChartRef> {
  const chart = chartFor(source, o.cwd);
  if (chart.local) {
    if (!existsSync(chart.ref)) {
      throw new HelmError(
        'chart-not-found',
        `The chart ${source.chart} does not exist.`,
        'Point --chart at a chart directory (with Chart.yaml) or a .tgz from `helm pull polyaxon/polyaxon`.',
      );
    }
    return chart;
  }
  if (chart.ref !== REPO_CHART) return chart;
  const url = source.repoUrl ?? REPO_URL;
  const listed = await helm.attempt(repoListArgv());
  // Helm 3 before 3.14 exits 1 with "no repositories to show" when there are none.
  let repos: RepoEntry[] = [];
  if (listed.exitCode === 0) {
    try {
      repos = JSON.parse(listed.stdout || '[]') as RepoEntry[];
    } catch {
      repos = [];
    }
  }
  const plan = repoPlan(repos, url);
  await helm.run(plan.argv, { echo: true, onLine: o.stream, facts: { chart: REPO_CHART } });
  if (plan.note) o.say(plan.note);
  return chart;
}

/** The chart as a person would name it in a message. */
export function chartLabel(c: ChartRef): string {
  return `${c.ref}${c.version ? ` ${c.version}` : ''}`;
}
