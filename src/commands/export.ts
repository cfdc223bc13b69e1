/**
 * `polyaxon-setup export --to argocd|flux|helmfile [-o DIR] [--clusters a,b]`: the installation as
 * the objects a GitOps engine reconciles, from the same layers as install (config.yaml, --preset,
 * -f, --set) for the chart version pinned. Secrets go to their own file (0600), never into the
 * Application, HelmRelease or helmfile.yaml; the GitOps lint refuses what the chart would generate
 * on every render. It never runs helm: it prints the one command that applies what it wrote.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { NEWEST_KNOWN } from '../model/chart-line.js';
import type { ExportTarget } from '../model/export/lint.js';
import { splitSecrets } from '../model/export/secrets.js';
import { exportFiles } from '../model/export/targets.js';
import type { Command, CommandContext } from './support/context.js';
import { exportSpec, exportValues, finish } from './support/export-run.js';

const TARGETS: readonly ExportTarget[] = ['argocd', 'flux', 'helmfile'];

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  const target = args.to as ExportTarget | undefined;
  if (!target || !TARGETS.includes(target))
    throw new UsageError(
      target ? `--to ${target} is not a target export knows.` : 'export needs --to.',
      `Use --to ${TARGETS.join(', --to ')}.`,
    );
  if (args.preset === 'auto')
    throw new UsageError('export does not take --preset auto.', 'Use --clusters CONTEXT,... to probe clusters.');
  if (args.chart)
    throw new UsageError(
      'export pins a chart of a repository; --chart (a local chart) cannot be committed.',
      'Use --repo-url for a mirror.',
    );
  const chartVersion = pinnedVersion(ctx);
  const dir = resolve(io.cwd, args.outputGiven ? args.output : 'gitops');
  const values = await exportValues(ctx, chartVersion);
  const clusters = args.clusters;
  if (clusters.length) {
    const { exportFleet } = await import('./support/export-fleet.js');
    return exportFleet(ctx, { target, chartVersion, dir, values, contexts: clusters });
  }
  const split = splitSecrets(values);
  const spec = exportSpec(ctx, target, chartVersion, split);
  await finish(ctx, { target, dir, spec, values, files: exportFiles(spec), fleet: false });
};

/** An exact chart version: GitOps needs a pin, and export never asks helm for the newest. */
function pinnedVersion({ args, io }: CommandContext): string {
  const v = args.chartVersion;
  if (v === undefined) {
    if (!args.json) io.err(`Chart ${NEWEST_KNOWN}: the newest this tool knows (--chart-version unset), pinned.`);
    return NEWEST_KNOWN;
  }
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(v))
    throw new UsageError(
      `--chart-version "${v}" is not an exact version.`,
      'Export pins one version, e.g. --chart-version 2.15.1.',
    );
  return v;
}
