/**
 * The install on a terminal: the wizard asks, with the preset, -f files and --set as answers it
 * skips and the probe's findings as defaults; then config.yaml is written and helm installs.
 * The review screen, which names the kube context and shows the helm command, is the confirmation.
 */
import { relative, resolve } from 'node:path';
import { SetupError, UsageError, withHint } from '../errors.js';
import { finishValues } from '../model/build.js';
import { assertChartFits } from './support/chart-fit.js';
import { SPEC_DEFAULTS } from '../model/defaults.js';
import { readLayersForLine } from '../model/layers.js';
import { leafPaths } from '../model/merge.js';
import { mergeLayerValues } from '../model/sources.js';
import type { ClusterFacts } from '../../steps/facts.js';
import { localChartVersion } from '../helm/chart-archive.js';
import type { ChartRef } from '../helm/argv.js';
import { fromChartLine, toChartLine } from '../model/chart-line.js';
import { MASK } from '../model/secrets.js';
import { readRelease } from '../helm/release.js';
import { chartReads } from '../helm/chart-reads.js';
import { chartLabel } from '../helm/chart.js';
import { driftWarning, unreadKeys } from '../helm/drift.js';
import type { Values } from '../model/values.js';
import { STEPS } from '../../steps/index.js';
import type { Meta } from '../../steps/types.js';
import type { CommandContext } from './support/context.js';
import { openHelm, readChartForReview, releaseTarget, sameChart, type ReleaseTarget } from './support/helm-session.js';
import {
  installRelease,
  installWarnings,
  planInstall,
  previewInstall,
  previewUpgrade,
  writeConfig,
} from './support/install-release.js';
import { collectLayers, CONFIG_ONLY, valueSourcesOf } from './support/value-sources.js';
import { wizardFacts } from './support/wizard-facts.js';
import { claimToCreate } from './support/claims.js';
import type { Suggestion } from '../cluster/suggest.js';

export async function runWizardInstall(ctx: CommandContext): Promise<void> {
  const { args, io } = ctx;
  const configPath = resolve(io.cwd, args.output);
  const [{ runWizard }, { fileJournal, readResume, resumePathFor }] = await Promise.all([
    import('../ui/wizard-session.js'),
    import('./support/resume.js'),
  ]);
  const resumeFile = resumePathFor(configPath);
  const resume = args.resume ? await readResume(resumeFile) : undefined;
  if (args.resume && !resume) {
    const where = relative(io.cwd, resumeFile) || resumeFile;
    throw new UsageError(`There are no saved answers at ${where}.`, 'Start the wizard without --resume.');
  }
  // On a terminal the probe runs anyway and its findings are the defaults: `auto` adds nothing.
  const preset = args.preset === 'auto' ? undefined : args.preset;
  const collected = await collectLayers({ ...valueSourcesOf(args), preset }, io.cwd);
  // Keys only the chart line has (postgresql.enabled, externalServices) are kept aside, written as given.
  const { layers, own } = readLayersForLine(collected.layers, releaseTarget(args, io.cwd).chartVersion);

  const asked = releaseTarget(args, io.cwd);
  const installs = !args.noInstall;
  let probed: Promise<ClusterFacts> | undefined;
  // What the probe decided for the namespace it probed (--create-namespace) and the outputs claim.
  let suggestion: Suggestion | undefined;
  const createNamespace = (namespace: string) =>
    namespace === asked.namespace ? suggestion?.namespace?.createNamespace : undefined;
  // The drift guard on the review: the chart that would be installed (a local one as it is, the
  // repository's pulled from it, its newest unless pinned) is read beside the probe; the install
  // speaks again only when it ends up with another chart than the review read.
  let drift: ((written: Values, meta: Meta) => string[]) | undefined;
  let reviewed: ChartRef | undefined;
  const readDrift = async () => {
    if (!installs) return;
    try {
      // Nothing on the screen: the person is answering questions meanwhile.
      const quiet = { ...ctx, io: { ...io, err: () => undefined } };
      const { chart, files } = await readChartForReview(() => openHelm(quiet, asked), asked, io.cwd);
      const reads = chartReads(files);
      // config.yaml is written for the chart that is installed: a local chart's own version, or the pulled one's.
      const version = asked.chartVersion ?? (chart.local ? localChartVersion(chart.ref) : chart.version);
      const what = { file: relative(io.cwd, configPath) || configPath, chart: chartLabel(chart) };
      reviewed = chart;
      drift = (values, meta) =>
        // Another version chosen on the Deployment step: the install's own guard reads that one.
        !chart.local && meta.chartVersion && meta.chartVersion !== version
          ? []
          : driftWarning(unreadKeys(toChartLine(values, version).values, reads), what);
    } catch {
      // No helm, or a chart that cannot be read: said by the checks below, or by the install itself.
    }
  };
  // The checks --yes makes (helm found, the cluster reachable, the release name free) run beside the
  // probe, so what would stop the install shows on the review, before its go-ahead.
  const withChecks = async (): Promise<ClusterFacts> => {
    const [facts, blockers] = await Promise.all([
      wizardFacts(ctx, (s) => (suggestion = s)),
      installs ? installWarnings(ctx, asked) : ([] as string[]),
      readDrift(),
    ]);
    if (installs && facts.unreachable)
      blockers.push(
        `cannot install: the cluster cannot be reached (${facts.unreachable.reason}).${facts.unreachable.hint ? ` ${facts.unreachable.hint}` : ''} Nothing is written until it is fixed; --no-install writes config.yaml only.`,
      );
    return { ...facts, blockers };
  };
  const journal = fileJournal(resumeFile, io.now);
  const result = await runWizard({
    initial: mergeLayerValues(SPEC_DEFAULTS, ...layers.map((l) => l.values)),
    answered: new Set([...layers.flatMap((l) => leafPaths(l.values)), ...leafPaths(own as Values)]),
    own,
    // Started after the first screen is drawn: the Kubernetes client is slow to load.
    facts: () => (probed ??= withChecks()),
    plain: ctx.plain,
    prompter: ctx.prompt,
    release: asked.release,
    namespace: asked.namespace,
    chartVersion: asked.chartVersion,
    helmCommand: (_values, meta) =>
      previewInstall(ctx, chosen(asked, meta), configPath, createNamespace(meta.namespace)),
    drift: (written, meta) => drift?.(written, meta) ?? [],
    upgradeCommand: installs ? (_values, meta) => previewUpgrade(ctx, chosen(asked, meta), configPath) : undefined,
    configPath,
    journal,
    resume,
    color: io.color,
    actionLabel: installs ? undefined : `Write ${relative(io.cwd, configPath) || configPath}`,
  });

  // What the person chose on the screens replaces the flags' release, namespace and chart version.
  const picked = chosen(asked, { ...result, chartVersion: result.chartVersion ?? '' });
  const helmInstalls = installs && result.values.deploymentType !== 'docker-compose';
  // Only what the review showed counts: a release found after the go-ahead stops the install (planInstall).
  const existing = helmInstalls && result.upgrades ? await releaseFound(probed, asked, picked) : undefined;
  let plan: Awaited<ReturnType<typeof planInstall>> | undefined;
  let built: ReturnType<typeof finishValues>;
  try {
    // helm, the cluster, a free release name, the chart version and whether that chart fits the
    // cluster, before config.yaml is touched. A release found by the probe was shown on the review,
    // with what upgrading it changes: confirming was the yes.
    if (helmInstalls && !existing) plan = await planInstall(ctx, picked);
    const values = await deployedPassword(ctx, picked, result.values);
    // result.own holds the -f/--set own keys under what the steps chose.
    built = finishValues(values, { chartVersion: (plan?.target ?? picked).chartVersion, own: result.own });
    if (plan) plan = { ...plan, manifest: await assertChartFits(plan, built.written) };
  } catch (e) {
    // The answers are not lost: the run can continue once the cause is fixed.
    const meta = { release: picked.release, namespace: picked.namespace, chartVersion: picked.chartVersion ?? '' };
    await journal.save({ values: result.values, own: result.own, done: STEP_IDS, meta }).catch(() => undefined);
    const resume = `Nothing was written; your answers are kept in ${journal.path}: fix this, then npx polyaxon-setup --resume`;
    throw e instanceof SetupError ? withHint(e, resume) : e;
  }
  const target = plan?.target ?? picked;
  const path = await writeConfig(ctx, target, built);
  for (const note of result.notes) io.out(note);
  if (!helmInstalls) {
    if (built.values.deploymentType !== 'docker-compose')
      io.out(`To install:\n  ${previewInstall(ctx, target, path, createNamespace(target.namespace))}`);
    return;
  }
  if (!plan) {
    const { upgradeRelease } = await import('./upgrade.js');
    // config.yaml now holds every answer: it goes over the deployed values, and nothing else does.
    await upgradeRelease(ctx, { target, sources: CONFIG_ONLY, confirmed: true, guided: false, reviewed });
    return;
  }
  // The outputs claim the probe planned, made before helm installs what mounts it (for the namespace probed).
  const claim = target.namespace === asked.namespace ? claimToCreate(suggestion, built.values) : undefined;
  // Confirming the review is the person's yes.
  const driftShown = sameChart(reviewed, plan.chart);
  await installRelease(ctx, plan, path, { confirmed: true, driftShown, ...(claim ? { claim } : {}) });
}

const STEP_IDS = STEPS.map((s) => s.id);

/**
 * "Keep the deployed password" (root user step, installing over a release): the probe saw it masked,
 * so helm reads the release's values now and config.yaml gets the password it runs with. It is never
 * shown, only written (config.yaml holding a password is mode 0600).
 */
async function deployedPassword(ctx: CommandContext, t: ReleaseTarget, values: Values): Promise<Values> {
  if (values.user?.password !== MASK) return values;
  const release = await readRelease(await openHelm(ctx, t), t, 'install');
  const deployed = fromChartLine(release.values, release.chartVersion) as Values;
  const password = deployed.user?.password;
  if (typeof password !== 'string' || password === MASK)
    throw new SetupError(`Release ${t.release} in namespace ${t.namespace} has no root password to keep.`, {
      hint: 'Choose another option on the Root user step.',
    });
  return { ...values, user: { ...values.user, password } };
}

function chosen(asked: ReleaseTarget, meta: Meta): ReleaseTarget {
  return { ...asked, release: meta.release, namespace: meta.namespace, chartVersion: meta.chartVersion || undefined };
}

interface FoundRelease {
  facts: ClusterFacts;
  status?: string;
  chartVersion?: string;
}

/** The release the probe found, when it is the one the person chose to install. */
async function releaseFound(
  probed: Promise<ClusterFacts> | undefined,
  asked: ReleaseTarget,
  target: ReleaseTarget,
): Promise<FoundRelease | undefined> {
  if (target.release !== asked.release || target.namespace !== asked.namespace) return undefined;
  const facts = await probed?.catch(() => undefined);
  return facts?.existingRelease?.values ? { facts, ...facts.existingRelease } : undefined;
}
