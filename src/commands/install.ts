/**
 * The main run: values from preset, files and flags (or the wizard, on a terminal), config.yaml
 * written safely, then `helm install` unless --no-install.
 */
import type { Suggestion } from '../cluster/suggest.js';
import { chosenFindings } from '../cluster/diagnose.js';
import { formatFindings } from '../cluster/doctor-report.js';
import { NotInteractiveError, UsageError } from '../errors.js';
import { buildConfig } from '../model/build.js';
import type { Command, CommandContext } from './support/context.js';
import { chartOf, upgradeCommandLine } from '../helm/argv.js';
import { assertChartFits, lineFitWarning } from './support/chart-fit.js';
import { releaseTarget, type ReleaseTarget } from './support/helm-session.js';
import { installRelease, planInstall, previewInstall, writeConfig } from './support/install-release.js';
import { collectLayers, valueSourcesOf } from './support/value-sources.js';
import { claimCommand, claimToCreate } from './support/claims.js';
import { probeSuggestion } from './support/probe.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  if (ctx.interactive && !args.yes) {
    const { runWizardInstall } = await import('./install-wizard.js');
    return runWizardInstall(ctx);
  }
  if (!args.preset && args.values.length === 0) {
    throw new NotInteractiveError('Which cluster is this for', [
      '--preset NAME (see `polyaxon-setup presets`)',
      '-f FILE',
    ]);
  }
  if (!args.noInstall && !args.yes) {
    throw new NotInteractiveError('Install Polyaxon on the cluster', [
      '--yes',
      '--no-install (write config.yaml only)',
    ]);
  }
  let probedKube: string | undefined;
  const auto =
    args.preset === 'auto' ? () => probeSuggestion(ctx, (r) => (probedKube = r.version.gitVersion)) : undefined;
  const { layers, suggestion } = await collectLayers(valueSourcesOf(args), io.cwd, auto);
  if (suggestion && !args.json) reportSuggestion(ctx, suggestion);
  const asked = releaseTarget(args, io.cwd);
  // The values are checked first (for the line asked, or the newest known), before helm or the cluster.
  let built = buildConfig(layers, { chartVersion: asked.chartVersion });
  // What doctor would say, and what the values chosen ask that the cluster cannot give, with codes.
  const findings = suggestion ? [...(suggestion.findings ?? []), ...chosenFindings(built.values, suggestion)] : [];
  if (findings.length && !args.json) io.err(['Findings:', ...formatFindings(findings)].join('\n'));
  if (!args.noInstall && built.values.deploymentType === 'docker-compose') {
    throw new UsageError(
      'deploymentType docker-compose is not installed with helm.',
      'Use --no-install to write the values only.',
    );
  }
  // helm, the cluster, a free release name and the chart version are settled before config.yaml is replaced.
  let plan = args.noInstall ? undefined : await planInstall(ctx, asked);
  const target = plan?.target ?? asked;
  if (target.chartVersion !== asked.chartVersion) built = buildConfig(layers, { chartVersion: target.chartVersion });
  // A chart that cannot install here is refused before config.yaml is replaced; with --no-install
  // nothing is rendered, and what the line table says is a warning on a file still written.
  if (plan) plan = { ...plan, manifest: await assertChartFits(plan, built.written) };
  else {
    const misfit = lineFitWarning(target.chartVersion, probedKube);
    if (misfit) built = { ...built, warnings: [...built.warnings, misfit] };
  }
  const createNamespace = suggestion?.namespace?.createNamespace;
  const path = await writeConfig(ctx, target, built, { createNamespace, ...(suggestion ? { findings } : {}) });
  const claim = claimToCreate(suggestion, built.values);
  if (!plan) {
    if (!args.json) {
      if (claim && !suggestion?.release)
        io.out(`Before installing, create the claim the outputs go on:\n${claimCommand(claim, target.namespace)}`);
      previewNext(ctx, suggestion, target, path);
    }
    return;
  }
  await installRelease(ctx, plan, path, { confirmed: args.yes, ...(claim ? { claim } : {}) });
};

/**
 * After --no-install: the helm command to run next. A release already installed under that name
 * (as the probe found it) is upgraded, not installed again; a namespace that is missing and may not
 * be created is said before the command that would fail.
 */
function previewNext(ctx: CommandContext, s: Suggestion | undefined, t: ReleaseTarget, path: string): void {
  const { io } = ctx;
  const rel = s?.release;
  if (rel) {
    const chart = rel.chartVersion ? `, chart ${rel.chartVersion}` : '';
    io.err(
      `Release ${rel.name} is already installed in namespace ${rel.namespace} (revision ${rel.revision}, ${rel.status}${chart}): helm install would fail, so upgrade it.`,
    );
    io.out(`To upgrade:\n  ${upgradeCommandLine(t, chartOf(t), path, io.cwd)}\n  or: polyaxon-setup upgrade`);
    return;
  }
  if (s?.namespace?.refusal) io.err(`Warning: ${s.namespace.refusal.message} ${s.namespace.refusal.hint}`);
  io.out(`To install:\n  ${previewInstall(ctx, t, path, s?.namespace?.createNamespace)}`);
}

function reportSuggestion(ctx: CommandContext, s: Suggestion): void {
  ctx.io.err(`The cluster looks like ${s.preset}: using preset ${s.preset}.`);
  for (const r of s.reasons) ctx.io.err(`  ${r.field} = ${JSON.stringify(r.value)}  (${r.reason})`);
}
