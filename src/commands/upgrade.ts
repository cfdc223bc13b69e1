/**
 * `polyaxon-setup upgrade`: the release's deployed values as the base, config.yaml, -f and --set
 * over them (or the guided upgrade on a terminal), the values deployed before saved aside, and
 * helm upgrade with the whole result in one values file.
 */
import { relative, resolve } from 'node:path';
import { describeTarget } from '../cluster/target.js';
import { DeclinedError, HelmError, NotInteractiveError, UsageError } from '../errors.js';
import {
  chartOf,
  dryRunArgv,
  getManifestArgv,
  rollbackArgv,
  shellJoin,
  upgradeArgv,
  upgradeCommandLine,
  type ChartRef,
  type Target,
} from '../helm/argv.js';
import { dryRunManifest, formatObjectChange, objectChanges } from '../helm/manifests.js';
import { chartFor, chartLabel } from '../helm/chart.js';
import type { HelmClient } from '../helm/client.js';
import { readRelease, type ReleaseState } from '../helm/release.js';
import { finishValues } from '../model/build.js';
import { assertChartFits } from './support/chart-fit.js';
import { mergeUpgradeValues } from '../model/deployed-values.js';
import { chartLabel as chartLabelOf, chartLineFor } from '../model/chart-line.js';
import { acrossLines, mappingLines, type Mapping } from '../model/lines/across.js';
import { readLayersForLine } from '../model/layers.js';
import type { Layer } from '../model/layers.js';
import { leafPaths, mergeValues } from '../model/merge.js';
import type { Values } from '../model/values.js';
import { applyWithProgress, result, RUN_BUDGET_MS, streamToStderr } from './support/apply.js';
import { resolveChart } from './support/chart-version.js';
import { writeConfigFile } from './support/config-file.js';
import type { Command, CommandContext } from './support/context.js';
import {
  clusterOf,
  confirmAction,
  openHelm,
  releaseTarget,
  sameChart,
  warnDrift,
  type ReleaseTarget,
} from './support/helm-session.js';
import { upgradeLayers, valueSourcesOf, type ValueSources } from './support/value-sources.js';
import { probeSuggestion } from './support/probe.js';
import { formatProblems } from './support/problems-text.js';
import { backupDeployedValues, tempValuesFile } from './support/values-files.js';
import { wizardFacts } from './support/wizard-facts.js';
import { diffValues, formatDiff, isEmptyDiff, type ValuesDiff } from '../wizard/diff.js';

export interface UpgradeRequest {
  target: ReleaseTarget;
  /** Values over the deployed ones (and over config.yaml, which is always the first layer). */
  sources: ValueSources;
  /** The person already said yes (--yes, or the install wizard's review). */
  confirmed: boolean;
  /** Walk the wizard's steps, prefilled with what is deployed; its review is the confirmation. */
  guided: boolean;
  /** The chart whose drift guard the install wizard's review already showed: not said again for it. */
  reviewed?: ChartRef;
}

export const run: Command = async (ctx) => {
  const { args } = ctx;
  const guided = ctx.interactive && !args.yes && !args.dryRun;
  await upgradeRelease(ctx, {
    target: releaseTarget(args, ctx.io.cwd),
    sources: valueSourcesOf(args),
    confirmed: args.yes,
    guided,
  });
};

export async function upgradeRelease(ctx: CommandContext, req: UpgradeRequest): Promise<void> {
  const { args, io } = ctx;
  let t = req.target;
  const cluster = await clusterOf(ctx, RUN_BUDGET_MS);
  const action = `Upgrade release ${t.release} in namespace ${t.namespace}`;
  // Before anything is read or written: a run that cannot be confirmed stops here.
  if (!req.confirmed && !args.dryRun && !ctx.interactive) {
    throw new NotInteractiveError(`${action} on ${describeTarget(cluster)}`, ['--yes']);
  }
  const helm = await openHelm(ctx, t, cluster);
  // helm takes a moment to read the release: say so, rather than leave the terminal blank.
  io.err(`Reading release ${t.release} in namespace ${t.namespace} on ${describeTarget(cluster)}…`);
  const release = await readRelease(helm, t, 'upgrade');
  // What helm would upgrade to (the repository's newest, unless pinned) decides the line written.
  const resolved = await resolveChart(ctx, helm, t);
  t = resolved.target;
  const configPath = resolve(io.cwd, args.output);
  const layers = await upgradeLayers(req.sources, io.cwd, configPath, () => probeSuggestion(ctx));

  const chosen = req.guided
    ? await guidedValues(ctx, t, release, layers, configPath)
    : nonInteractiveValues(ctx, t, release, layers);
  // The guided upgrade may name another version; the repository is ready either way.
  const chart =
    chosen.chartVersion === t.chartVersion
      ? resolved.chart
      : chartFor({ ...t, chartVersion: chosen.chartVersion }, io.cwd);
  if (!sameChart(req.reviewed, chart)) await warnDrift(ctx, helm, chart, chosen.values, 'the upgraded values');
  // Before the dry run, the confirmation and any file: a chart this cluster cannot run is refused.
  await assertChartFits({ helm, cluster, target: t, chart }, chosen.values);

  const valuesDiff = diffValues(release.values as Values, chosen.values as Values);
  // The guided upgrade's review showed it already.
  if (!req.guided && !args.json) reportValuesDiff(ctx, valuesDiff);
  if (args.dryRun) {
    const tmp = await tempValuesFile(chosen.values);
    try {
      return await upgradeDryRun(ctx, helm, { target: t, chart, valuesFile: tmp.path, valuesDiff });
    } finally {
      await tmp.remove();
    }
  }
  const from = `revision ${release.current.revision}, ${release.current.chart}`;
  // The guided upgrade's review (context, diff, command) was the confirmation.
  const confirmed = req.confirmed || req.guided;
  await confirmAction(ctx, `${action} (now at ${from})`, cluster, { confirmed });

  const backup = await backupDeployedValues(configPath, t.release, release.current.revision, release.values, io.now());
  const written = await writeConfigFile(configPath, chosen.values, {
    chartVersion: chosen.chartVersion,
    versionFrom: chosen.chartVersion === t.chartVersion ? t.versionFrom : undefined,
    now: io.now(),
  });
  const file = relative(io.cwd, configPath) || configPath;
  const where = `namespace ${t.namespace} on ${describeTarget(cluster)}`;
  io.err(`Upgrading release ${t.release} (${from}) to ${chartLabel(chart)} in ${where} (helm ${helm.bin.version}).`);
  let r: Awaited<ReturnType<typeof applyWithProgress>>;
  try {
    const argv = upgradeArgv(helm.major, t, chart, configPath);
    r = await applyWithProgress(ctx, helm, cluster, { action: 'upgrade', target: t, argv });
  } catch (e) {
    throw await afterFailedUpgrade(ctx, helm, t, release.current.revision, e, { ask: !req.confirmed });
  }
  const revision = Number(/^REVISION: (\d+)/m.exec(r.stdout)?.[1]) || undefined;
  // What changed on the cluster, object by object (never whole manifests); best effort once upgraded.
  const objects = await changedObjects(helm, t, release.current.revision);
  const summary = {
    ok: true,
    values: valuesDiff,
    release: t.release,
    namespace: t.namespace,
    context: cluster.context,
    revision,
    previousRevision: release.current.revision,
    config: configPath,
    configBackup: written.backup,
    deployedValuesBackup: backup,
    ...(objects ? { objects } : {}),
    ...(chosen.translated ? { translated: chosen.translated } : {}),
  };
  if (args.json) io.out(JSON.stringify(summary, null, 2));
  const before = release.current.revision;
  result(
    ctx,
    `Upgraded release ${t.release} to revision ${revision ?? '(see helm history)'} on ${describeTarget(cluster)}.`,
  );
  result(
    ctx,
    `  ${file} now holds the deployed values; the values of revision ${before} are in ${relative(io.cwd, backup) || backup}.`,
  );
  if (objects) {
    result(ctx, objects.length ? '  Objects that changed:' : '  No object changed.');
    for (const o of objects) result(ctx, `    ${formatObjectChange(o)}`);
  }
  result(ctx, `  Undo: ${rollbackCommand(t, before)}`);
}

/** The objects an upgrade changed: the manifests of the revision before against the deployed ones. */
async function changedObjects(
  helm: HelmClient,
  t: Target,
  previous: number,
): Promise<ReturnType<typeof objectChanges> | undefined> {
  try {
    const [before, now] = await Promise.all([
      helm.run(getManifestArgv(t, previous), { facts: { op: 'get' } }),
      helm.run(getManifestArgv(t), { facts: { op: 'get' } }),
    ]);
    return objectChanges(before.stdout, now.stdout);
  } catch {
    return undefined;
  }
}

function reportValuesDiff(ctx: CommandContext, d: ValuesDiff): void {
  result(ctx, 'Changes to the deployed values:');
  for (const line of isEmptyDiff(d) ? ['(none)'] : formatDiff(d)) result(ctx, `  ${line}`);
}

/** The dry run of an upgrade: what changes, object by object, rather than every manifest. */
async function upgradeDryRun(
  ctx: CommandContext,
  helm: HelmClient,
  p: { target: ReleaseTarget; chart: ChartRef; valuesFile: string; valuesDiff: ValuesDiff },
): Promise<void> {
  const { io, args } = ctx;
  const { argv } = dryRunArgv(helm.major, true, {
    op: 'upgrade',
    target: p.target,
    chart: p.chart,
    valuesFile: p.valuesFile,
  });
  io.err('Dry run (server-side); nothing on the cluster changes.');
  const rendered = await helm.run(argv, { echo: true });
  const deployed = await helm.run(getManifestArgv(p.target), { facts: { op: 'get' } });
  const objects = objectChanges(deployed.stdout, dryRunManifest(rendered.stdout));
  if (args.json) {
    io.out(
      JSON.stringify({ ok: true, dryRun: true, release: p.target.release, values: p.valuesDiff, objects }, null, 2),
    );
    return;
  }
  io.out(objects.length ? 'Objects that would change:' : 'No object would change.');
  for (const o of objects) io.out(`  ${formatObjectChange(o)}`);
  io.out('Secrets are not compared (they hold credentials). All manifests: polyaxon-setup template.');
}

function rollbackCommand(t: Target, revision: number): string {
  const release = t.release === 'polyaxon' ? [] : ['--release', t.release];
  const namespace = t.namespace === 'polyaxon' ? [] : ['-n', t.namespace];
  return shellJoin(['polyaxon-setup', 'rollback', '--revision', String(revision), ...release, ...namespace]);
}

interface Chosen {
  values: Record<string, unknown>;
  chartVersion?: string;
  /** A release of another chart line: where each deployed key went. */
  translated?: Mapping[];
}

function nonInteractiveValues(ctx: CommandContext, t: ReleaseTarget, release: ReleaseState, layers: Layer[]): Chosen {
  refuseInPlace(release.chartVersion, t.chartVersion);
  const across = acrossLines(release.values, release.chartVersion, t.chartVersion);
  if (across.crosses && !ctx.args.json) {
    const labels = { from: chartLabelOf(release.chartVersion), to: chartLabelOf(t.chartVersion) };
    for (const line of mappingLines(across, labels)) ctx.io.err(line);
  }
  const merged = mergeUpgradeValues(across.values, layers, { chartVersion: t.chartVersion });
  const warnings = merged.warnings.filter((w) => w.severity === 'warning');
  if (warnings.length && !ctx.args.json) ctx.io.err(`Warnings:\n${formatProblems(warnings)}`);
  return {
    values: merged.values,
    chartVersion: t.chartVersion,
    translated: across.crosses ? across.mappings : undefined,
  };
}

/** Polyaxon 1.x and 2.x start from a new database schema: a 0.x release is not upgraded in place. */
function refuseInPlace(deployed: string | undefined, target: string | undefined): void {
  if (!deployed || chartLineFor(deployed).id !== '0.6' || chartLineFor(target).id === '0.6') return;
  throw new UsageError(
    `Release chart ${deployed} is Polyaxon 0.x; ${chartLabelOf(target)} is not an in-place upgrade of it.`,
    'Polyaxon documents moving from 0.x as a new installation: install the new chart as another release (in another namespace), move your projects over, then uninstall the old one. To change only the values of this release, pass --chart-version ' +
      deployed +
      '.',
  );
}

/** The wizard, every step prefilled with the deployed values; its review is the confirmation. */
async function guidedValues(
  ctx: CommandContext,
  t: ReleaseTarget,
  release: ReleaseState,
  layers: Layer[],
  configPath: string,
): Promise<Chosen> {
  const { io } = ctx;
  refuseInPlace(release.chartVersion, t.chartVersion);
  const read = readLayersForLine(layers, t.chartVersion);
  const flagsOwn = readLayersForLine(
    layers.filter((l) => !l.saved),
    t.chartVersion,
  ).own;
  const { runUpgradeWizard } = await import('../ui/wizard-session.js');
  const r = await runUpgradeWizard({
    deployed: release.values as Values,
    deployedChartVersion: release.chartVersion,
    targetChartVersion: t.chartVersion,
    release: t.release,
    namespace: t.namespace,
    overrides: mergeValues(...read.layers.map((l) => l.values)),
    // The own keys of config.yaml and the flags (postgresql.enabled, externalServices…), over the release's.
    own: read.own,
    // Only what this run's flags say is settled; config.yaml is a base, walked like the release.
    answered: new Set([
      ...read.layers.filter((l) => !l.saved).flatMap((l) => leafPaths(l.values)),
      ...leafPaths(flagsOwn as Values),
    ]),
    facts: () => wizardFacts(ctx),
    plain: ctx.plain,
    prompter: ctx.prompt,
    helmCommand: (_values, meta) => {
      const chart = chartOf({ chart: t.chart, chartVersion: meta.chartVersion || undefined });
      return upgradeCommandLine(t, chart, configPath, io.cwd);
    },
    configPath,
    color: io.color,
  });
  if (!r.confirmed) throw new DeclinedError(`Upgrading release ${t.release}`);
  // r.own: the release's own keys and the flags', under what the Database step chose.
  const built = finishValues(r.values, { chartVersion: r.chartVersion, own: r.own });
  if (built.warnings.length) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
  return { values: built.written, chartVersion: r.chartVersion };
}

/**
 * A failed upgrade leaves the release failed or half-changed: on a terminal the person is offered
 * the way back at once; otherwise the error carries the command that goes back.
 */
async function afterFailedUpgrade(
  ctx: CommandContext,
  helm: HelmClient,
  t: Target,
  previous: number,
  e: unknown,
  o: { ask: boolean },
): Promise<unknown> {
  if (!(e instanceof HelmError)) return e;
  const back = rollbackCommand(t, previous);
  if (!ctx.interactive || !o.ask)
    return new HelmError(
      e.kind,
      e.message,
      [e.hint, `To go back to revision ${previous}: ${back}`].filter(Boolean).join('\n'),
      e,
    );
  const rollBack = await ctx.prompt.confirm(
    `The upgrade failed. Roll release ${t.release} back to revision ${previous} (what it ran before)?`,
    { flags: [back], default: true },
  );
  if (!rollBack)
    return new HelmError(e.kind, e.message, [e.hint, `To go back later: ${back}`].filter(Boolean).join('\n'), e);
  await helm.run(rollbackArgv(helm.major, t, previous), { echo: true, onLine: streamToStderr(ctx) });
  return new HelmError(
    e.kind,
    e.message,
    `Rolled back: release ${t.release} runs revision ${previous}'s values and chart again (as a new revision).`,
    e,
  );
}
