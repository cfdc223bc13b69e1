/**
 * The install on a terminal: the wizard asks, with the preset, -f files and --set as answers it
 * skips and the probe's findings as defaults; then config.yaml is written and helm installs.
 * The review screen, which names the kube context and shows the helm command, is the confirmation.
 */
import { relative, resolve } from 'node:path';
import type { Args } from '../cli/args.js';
import type { CommandContext } from '../cli/command.js';
import { decidePlain } from '../cli/interactive.js';
import { finishValues } from '../config/build.js';
import { collectLayers } from '../config/collect.js';
import { checkLayers } from '../config/layers.js';
import { ConfigError, DeclinedError, UsageError } from '../errors.js';
import { SPEC_DEFAULTS } from '../model/defaults.js';
import { leafPaths, mergeValues } from '../model/merge.js';
import { installConfig, previewInstall, writeConfig } from './install.js';
import type { ClusterFacts } from '../wizard/facts.js';
import { wizardFacts } from './probe.js';

export async function runWizardInstall(ctx: CommandContext): Promise<void> {
  const { args, io } = ctx;
  const configPath = resolve(io.cwd, args.output);
  const [{ runWizard }, { readResume, resumePathFor }] = await Promise.all([import('../wizard/run.js'), import('../wizard/resume.js')]);
  const resumeFile = resumePathFor(configPath);
  const resume = args.resume ? await readResume(resumeFile) : undefined;
  if (args.resume && !resume) {
    throw new UsageError(`There are no saved answers at ${relative(io.cwd, resumeFile) || resumeFile}.`, 'Start the wizard without --resume.');
  }
  // On a terminal the probe runs anyway and its findings are the defaults: `auto` adds nothing.
  const { layers } = await collectLayers({ ...args, preset: args.preset === 'auto' ? undefined : args.preset }, io.cwd);
  const problems = checkLayers(layers);
  if (problems.some((p) => p.severity === 'error')) throw new ConfigError('The values given are invalid.', problems);

  const installs = !args.noInstall;
  let probed: Promise<ClusterFacts> | undefined;
  const result = await runWizard({
    initial: mergeValues(SPEC_DEFAULTS, ...layers.map((l) => l.values)),
    answered: new Set(layers.flatMap((l) => leafPaths(l.values))),
    // Started after the first screen is drawn: the Kubernetes client is slow to load.
    facts: () => (probed ??= wizardFacts(ctx)),
    plain: decidePlain(args.plain, io.env),
    prompter: ctx.prompt,
    release: args.release,
    namespace: args.namespace,
    chartVersion: args.chartVersion,
    helmCommand: (_values, meta) => previewInstall(withTarget(ctx, meta), configPath),
    configPath,
    resumeFile,
    resume,
    color: io.color,
    now: io.now,
    actionLabel: installs ? undefined : `Write ${relative(io.cwd, configPath) || configPath}`,
  });

  // What the person chose on the screens replaces the flags' release, namespace and chart version;
  // confirming the review is their yes.
  const target = withTarget(ctx, { release: result.release, namespace: result.namespace, chartVersion: result.chartVersion ?? '' });
  const built = finishValues(result.values, { chartVersion: result.chartVersion });
  const path = await writeConfig(target, built);
  for (const note of result.notes) io.out(note);
  if (!installs || built.values.deploymentType === 'docker-compose') {
    if (built.values.deploymentType !== 'docker-compose') io.out(`To install:\n  ${previewInstall(target, path)}`);
    return;
  }
  const existing = await releaseFound(probed, ctx.args, result);
  if (existing && (await offerUpgrade(target, existing))) {
    const { upgradeRelease } = await import('../helm/upgrade.js');
    // config.yaml now holds every answer: it goes over the deployed values, and nothing else does.
    await upgradeRelease({ ...target, args: { ...target.args, preset: undefined, values: [], set: [], setString: [] } });
    return;
  }
  await installConfig(target, path);
}

/** The release the probe found, when it is the one the person chose to install. */
async function releaseFound(
  probed: Promise<ClusterFacts> | undefined,
  asked: Args,
  chosen: { release: string; namespace: string },
): Promise<{ facts: ClusterFacts; status?: string; chartVersion?: string } | undefined> {
  if (chosen.release !== asked.release || chosen.namespace !== asked.namespace) return undefined;
  const facts = await probed?.catch(() => undefined);
  return facts?.existingRelease ? { facts, ...facts.existingRelease } : undefined;
}

/** An install over an existing release would fail: the person may upgrade it instead, or stop. */
async function offerUpgrade(ctx: CommandContext, found: { facts: ClusterFacts; status?: string; chartVersion?: string }): Promise<boolean> {
  const { release, namespace } = ctx.args;
  const where = `namespace ${namespace} on context ${found.facts.context ?? '(current)'}`;
  const what = [found.status, found.chartVersion && `chart ${found.chartVersion}`].filter(Boolean).join(', ');
  const upgrade = await ctx.prompt.confirm(`Release ${release} already exists in ${where}${what ? ` (${what})` : ''}. Upgrade it with config.yaml instead?`, {
    flags: ['polyaxon-setup upgrade --yes'],
    // Changing a running release is not what the person set out to do: they must say so.
    default: false,
  });
  if (!upgrade) throw new DeclinedError(`Installing over release ${release} on the cluster`);
  return true;
}

function withTarget(ctx: CommandContext, meta: { release: string; namespace: string; chartVersion: string }): CommandContext {
  const args: Args = { ...ctx.args, release: meta.release, namespace: meta.namespace, chartVersion: meta.chartVersion || undefined, yes: true };
  return { ...ctx, args };
}
