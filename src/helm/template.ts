/**
 * `polyaxon-setup template`: the manifests config.yaml (with any preset, -f or --set over it)
 * produces, as `helm template` renders them without a cluster. config.yaml goes to helm as it is;
 * the other layers, checked, in a second values file. Secrets are left out of what is printed.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CommandContext } from '../cli/command.js';
import { formatProblems } from '../cli/report.js';
import { buildConfig } from '../config/build.js';
import { collectLayers } from '../config/collect.js';
import { checkLayers } from '../config/layers.js';
import { ConfigError, UsageError } from '../errors.js';
import { mergeValues } from '../model/merge.js';
import type { Values } from '../model/values.js';
import { templateArgv } from './argv.js';
import { prepareChart } from './chart.js';
import { streamToStderr } from './lifecycle.js';
import { hideSecrets } from './manifests.js';
import { openHelm, readYamlFile, target, warnDrift } from './session.js';
import { tempValuesFile } from './values.js';

export async function templateRelease(ctx: CommandContext): Promise<void> {
  const { args, io } = ctx;
  const configPath = resolve(io.cwd, args.output);
  const { probeSuggestion } = await import('../commands/probe.js');
  const { layers } = await collectLayers(args, io.cwd, args.preset === 'auto' ? () => probeSuggestion(ctx) : undefined);
  const files: string[] = [];
  let values: Record<string, unknown>;
  let extra: Record<string, unknown> | undefined;
  if (existsSync(configPath)) {
    files.push(configPath);
    const problems = checkLayers(layers);
    if (problems.some((p) => p.severity === 'error')) throw new ConfigError('The values given are invalid.', problems);
    extra = layers.length ? (mergeValues(...layers.map((l) => l.values)) as Record<string, unknown>) : undefined;
    values = mergeValues((await readYamlFile(configPath)) as Values, extra as Values) as Record<string, unknown>;
  } else {
    if (layers.length === 0) {
      throw new UsageError(`There is no ${args.output} to render.`, 'Write one first (polyaxon-setup --preset NAME --yes --no-install), or pass --preset / -f.');
    }
    const built = buildConfig(layers, { chartVersion: args.chartVersion });
    if (built.warnings.length && !args.json) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
    values = extra = built.written;
  }
  const helm = await openHelm(ctx);
  const chart = await prepareChart(helm, args, io.cwd, io.err, streamToStderr(ctx));
  await warnDrift(ctx, helm, chart, values, existsSync(configPath) ? basename(configPath) : 'the values');
  const tmp = extra ? await tempValuesFile(extra) : undefined;
  try {
    if (tmp) files.push(tmp.path);
    const r = await helm.run(templateArgv(target(ctx), chart, files), { facts: { op: 'template', chart: chart.ref, chartVersion: chart.version } });
    io.out(hideSecrets(r.stdout, args.namespace));
  } finally {
    await tmp?.remove();
  }
}
