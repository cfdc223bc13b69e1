/**
 * `polyaxon-setup template`: the manifests config.yaml (with any preset, -f or --set over it)
 * produces, as `helm template` renders them without a cluster. config.yaml goes to helm as it is;
 * the other layers, checked, in a second values file. Secrets are left out of what is printed.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { templateArgv } from '../helm/argv.js';
import { hideSecrets } from '../helm/manifests.js';
import { buildConfig } from '../model/build.js';
import { readLayersForLine } from '../model/layers.js';
import { toChartLine } from '../model/chart-line.js';
import { mergeValues } from '../model/merge.js';
import type { Values } from '../model/values.js';
import { resolveChart } from './support/chart-version.js';
import type { Command } from './support/context.js';
import { openHelm, readYamlFile, releaseTarget, warnDrift } from './support/helm-session.js';
import { collectLayers, valueSourcesOf } from './support/value-sources.js';
import { probeSuggestion } from './support/probe.js';
import { formatProblems } from './support/problems-text.js';
import { tempValuesFile } from './support/values-files.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  const configPath = resolve(io.cwd, args.output);
  const auto = args.preset === 'auto' ? () => probeSuggestion(ctx) : undefined;
  const { layers } = await collectLayers(valueSourcesOf(args), io.cwd, auto);
  if (!existsSync(configPath) && layers.length === 0) {
    throw new UsageError(
      `There is no ${args.output} to render.`,
      'Write one first (polyaxon-setup --preset NAME --yes --no-install), or pass --preset / -f.',
    );
  }
  const helm = await openHelm(ctx, releaseTarget(args, io.cwd));
  // The chart helm renders (the repository's newest, unless pinned) is the line the layers are written for.
  const { target: t, chart } = await resolveChart(ctx, helm, releaseTarget(args, io.cwd));
  const files: string[] = [];
  let values: Record<string, unknown>;
  let extra: Record<string, unknown> | undefined;
  if (existsSync(configPath)) {
    files.push(configPath);
    // Over config.yaml (written for the line), each layer as the line reads it.
    const read = readLayersForLine(layers, t.chartVersion);
    extra = layers.length
      ? (mergeValues(
          ...read.layers.map((l) => toChartLine(l.values, t.chartVersion).values as Values),
          read.own as Values,
        ) as Record<string, unknown>)
      : undefined;
    values = mergeValues((await readYamlFile(configPath)) as Values, extra as Values) as Record<string, unknown>;
  } else {
    const built = buildConfig(layers, { chartVersion: t.chartVersion });
    if (built.warnings.length && !args.json) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
    values = extra = built.written;
  }
  await warnDrift(ctx, helm, chart, values, existsSync(configPath) ? basename(configPath) : 'the values');
  const tmp = extra ? await tempValuesFile(extra) : undefined;
  try {
    if (tmp) files.push(tmp.path);
    const r = await helm.run(templateArgv(t, chart, files), {
      facts: { op: 'template', chart: chart.ref, chartVersion: chart.version },
    });
    io.out(hideSecrets(r.stdout, args.namespace));
  } finally {
    await tmp?.remove();
  }
};
