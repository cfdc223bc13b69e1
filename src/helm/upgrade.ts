/**
 * `polyaxon-setup upgrade`: the release's deployed values as the base, config.yaml, -f and --set
 * over them (or the guided upgrade on a terminal), the values deployed before saved aside, and
 * helm upgrade with the whole result in one values file.
 */
import { relative, resolve } from 'node:path';
import type { CommandContext } from '../cli/command.js';
import { decidePlain } from '../cli/interactive.js';
import { formatProblems } from '../cli/report.js';
import { finishValues } from '../config/build.js';
import { DeclinedError, HelmError, NotInteractiveError } from '../errors.js';
import { leafPaths, mergeValues } from '../model/merge.js';
import type { Values } from '../model/values.js';
import { rollbackArgv, shellJoin, upgradeArgv, type ChartRef, type Target } from './argv.js';
import { chartFor, chartLabel, prepareChart } from './chart.js';
import type { HelmClient } from './client.js';
import { describeTarget, openCluster } from './cluster.js';
import { applyWithProgress, dryRun, result, RUN_BUDGET_MS, streamToStderr } from './lifecycle.js';
import { readRelease, type ReleaseState } from './release.js';
import { confirmAction, openHelm, target, warnDrift } from './session.js';
import { backupDeployedValues, mergeUpgradeValues, tempValuesFile, upgradeLayers, writeUpgradedConfig } from './values.js';

export async function upgradeRelease(ctx: CommandContext): Promise<void> {
  const { args, io } = ctx;
  const cluster = await openCluster(ctx, RUN_BUDGET_MS);
  const t = target(ctx);
  const action = `Upgrade release ${t.release} in namespace ${t.namespace}`;
  // Before anything is read or written: a run that cannot be confirmed stops here.
  if (!args.yes && !args.dryRun && !ctx.interactive) throw new NotInteractiveError(`${action} on ${describeTarget(cluster)}`, ['--yes']);
  const helm = await openHelm(ctx, cluster);
  const release = await readRelease(helm, t, 'upgrade');
  const configPath = resolve(io.cwd, args.output);
  const { probeSuggestion } = await import('../commands/probe.js');
  const layers = await upgradeLayers(args, io.cwd, configPath, () => probeSuggestion(ctx));

  const guided = ctx.interactive && !args.yes && !args.dryRun;
  const chosen = guided ? await guidedValues(ctx, release, layers, configPath) : nonInteractiveValues(ctx, release, layers);
  const chart = await prepareChart(helm, { ...args, chartVersion: chosen.chartVersion }, io.cwd, io.err, streamToStderr(ctx));
  await warnDrift(ctx, helm, chart, chosen.values, 'the upgraded values');

  if (args.dryRun) {
    const tmp = await tempValuesFile(chosen.values);
    try {
      return await dryRun(ctx, helm, cluster, { op: 'upgrade', target: t, chart, valuesFile: tmp.path });
    } finally {
      await tmp.remove();
    }
  }
  // The guided upgrade's review (context, diff, command) was the confirmation.
  if (!guided) await confirmAction(ctx, `${action} (now at revision ${release.current.revision}, ${release.current.chart})`, cluster);

  const backup = await backupDeployedValues(configPath, t.release, release.current.revision, release.values, io.now());
  const { packageVersion } = await import('../main.js');
  const written = await writeUpgradedConfig(configPath, chosen.values, { chartVersion: chosen.chartVersion, generator: `polyaxon-setup ${packageVersion()}`, now: io.now() });
  const file = relative(io.cwd, configPath) || configPath;
  io.err(`Upgrading release ${t.release} (revision ${release.current.revision}, ${release.current.chart}) to ${chartLabel(chart)} in namespace ${t.namespace} on ${describeTarget(cluster)} (helm ${helm.bin.version}).`);
  let r: Awaited<ReturnType<typeof applyWithProgress>>;
  try {
    r = await applyWithProgress(ctx, helm, cluster, 'upgrade', upgradeArgv(helm.major, t, chart, configPath));
  } catch (e) {
    throw await afterFailedUpgrade(ctx, helm, t, release.current.revision, e);
  }
  const revision = Number(/^REVISION: (\d+)/m.exec(r.stdout)?.[1]) || undefined;
  const summary = {
    ok: true,
    release: t.release,
    namespace: t.namespace,
    context: cluster.context,
    revision,
    previousRevision: release.current.revision,
    config: configPath,
    configBackup: written.backup,
    deployedValuesBackup: backup,
  };
  if (args.json) io.out(JSON.stringify(summary, null, 2));
  result(ctx, `Upgraded release ${t.release} to revision ${revision ?? '(see helm history)'} on ${describeTarget(cluster)}.`);
  result(ctx, `  ${file} now holds the deployed values; the values of revision ${release.current.revision} are in ${relative(io.cwd, backup) || backup}.`);
  result(ctx, `  Undo: polyaxon-setup rollback --revision ${release.current.revision}${t.release === 'polyaxon' ? '' : ` --release ${t.release}`}${t.namespace === 'polyaxon' ? '' : ` -n ${t.namespace}`}`);
}

interface Chosen {
  values: Record<string, unknown>;
  chartVersion?: string;
}

function nonInteractiveValues(ctx: CommandContext, release: ReleaseState, layers: Awaited<ReturnType<typeof upgradeLayers>>): Chosen {
  const merged = mergeUpgradeValues(release.values, layers);
  const warnings = merged.warnings.filter((w) => w.severity === 'warning');
  if (warnings.length && !ctx.args.json) ctx.io.err(`Warnings:\n${formatProblems(warnings)}`);
  return { values: merged.values, chartVersion: ctx.args.chartVersion };
}

/** The wizard, every step prefilled with the deployed values; its review is the confirmation. */
async function guidedValues(ctx: CommandContext, release: ReleaseState, layers: Awaited<ReturnType<typeof upgradeLayers>>, configPath: string): Promise<Chosen> {
  const { args, io } = ctx;
  const [{ runUpgradeWizard }, { wizardFacts }] = await Promise.all([import('../wizard/index.js'), import('../commands/probe.js')]);
  const overrides = mergeValues(...layers.map((l) => l.values));
  const command = (chartVersion: string | undefined) => {
    const chart: ChartRef = chartFor({ chart: args.chart, chartVersion }, io.cwd);
    return shellJoin(['helm', ...upgradeArgv(4, target(ctx), chart, relative(io.cwd, configPath) || configPath)]);
  };
  const r = await runUpgradeWizard({
    deployed: release.values as Values,
    deployedChartVersion: release.chartVersion,
    targetChartVersion: args.chartVersion,
    release: args.release,
    namespace: args.namespace,
    overrides,
    // Only what this run's flags say is settled; config.yaml is a base, walked like the release.
    answered: new Set(layers.filter((l) => !l.saved).flatMap((l) => leafPaths(l.values))),
    facts: () => wizardFacts(ctx),
    plain: decidePlain(args.plain, io.env),
    prompter: ctx.prompt,
    helmCommand: (_values, meta) => command(meta.chartVersion || undefined),
    configPath,
    color: io.color,
    now: io.now,
  });
  if (!r.confirmed) throw new DeclinedError(`Upgrading release ${args.release}`);
  const built = finishValues(r.values, { chartVersion: r.chartVersion });
  if (built.warnings.length) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
  return { values: built.written, chartVersion: r.chartVersion };
}

/**
 * A failed upgrade leaves the release failed or half-changed: on a terminal the person is offered
 * the way back at once; otherwise the error carries the command that goes back.
 */
async function afterFailedUpgrade(ctx: CommandContext, helm: HelmClient, t: Target, previous: number, e: unknown): Promise<unknown> {
  if (!(e instanceof HelmError)) return e;
  const back = shellJoin(['polyaxon-setup', 'rollback', '--revision', String(previous), ...(t.release === 'polyaxon' ? [] : ['--release', t.release]), ...(t.namespace === 'polyaxon' ? [] : ['-n', t.namespace])]);
  if (!ctx.interactive || ctx.args.yes) return new HelmError(e.kind, e.message, [e.hint, `To go back to revision ${previous}: ${back}`].filter(Boolean).join('\n'), e);
  const rollBack = await ctx.prompt.confirm(`The upgrade failed. Roll release ${t.release} back to revision ${previous} (what it ran before)?`, { flags: [back], default: true });
  if (!rollBack) return new HelmError(e.kind, e.message, [e.hint, `To go back later: ${back}`].filter(Boolean).join('\n'), e);
  await helm.run(rollbackArgv(helm.major, t, previous), { echo: true, onLine: streamToStderr(ctx) });
  return new HelmError(e.kind, e.message, `Rolled back: release ${t.release} runs revision ${previous}'s values and chart again (as a new revision).`, e);
}
