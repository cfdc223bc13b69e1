/**
 * The main run: values from preset, files and flags (or the wizard), config.yaml written safely,
 * then `helm install` unless --no-install.
 */
import { relative, resolve } from 'node:path';
import type { CommandContext, Command } from '../cli/command.js';
import { formatProblems, problemsJson } from '../cli/report.js';
import { buildConfig, type Built } from '../config/build.js';
import { collectLayers, type Suggestion } from '../config/collect.js';
import { configText, emitConfig } from '../config/emit.js';
import { NotInteractiveError, UsageError } from '../errors.js';
import { installCommandLine } from '../helm/argv.js';
import type { InstallPlan } from '../helm/lifecycle.js';
import { chartLineFor } from '../model/chart-line.js';
import { packageVersion } from '../main.js';
import { probeSuggestion } from './probe.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  if (ctx.interactive && !args.yes) {
    const { runWizardInstall } = await import('./install-wizard.js');
    return runWizardInstall(ctx);
  }
  if (!args.preset && args.values.length === 0) {
    throw new NotInteractiveError('Which cluster is this for', ['--preset NAME (see `polyaxon-setup presets`)', '-f FILE']);
  }
  if (!args.noInstall && !args.yes) {
    throw new NotInteractiveError('Install Polyaxon on the cluster', ['--yes', '--no-install (write config.yaml only)']);
  }
  const { layers, suggestion } = await collectLayers(args, io.cwd, args.preset === 'auto' ? () => probeSuggestion(ctx) : undefined);
  if (suggestion && !args.json) reportSuggestion(ctx, suggestion);
  const built = buildConfig(layers, { chartVersion: args.chartVersion });
  if (!args.noInstall && built.values.deploymentType === 'docker-compose') {
    throw new UsageError('deploymentType docker-compose is not installed with helm.', 'Use --no-install to write the values only.');
  }
  // helm, the cluster and a free release name are checked before config.yaml is replaced.
  const plan = args.noInstall ? undefined : await (await import('../helm/lifecycle.js')).planInstall(ctx);
  const path = await writeConfig(ctx, built);
  if (!plan) {
    if (!args.json) io.out(`To install:\n  ${previewInstall(ctx, path)}`);
    return;
  }
  await installConfig(ctx, path, plan);
};

/** helm install with the written config.yaml. */
export async function installConfig(ctx: CommandContext, path: string, plan?: InstallPlan): Promise<void> {
  const { installRelease } = await import('../helm/lifecycle.js');
  await installRelease(ctx, path, plan);
}

export async function writeConfig(ctx: CommandContext, built: Built): Promise<string> {
  const { args, io } = ctx;
  const path = resolve(io.cwd, args.output);
  const spec = chartLineFor(args.chartVersion).id === 'spec';
  const text = configText(built.written, { chartVersion: args.chartVersion, generator: `polyaxon-setup ${packageVersion()}` });
  const result = await emitConfig(path, spec ? text : text.replace(/^# yaml-language-server.*\n/, ''), built.written, io.now());
  const shown = relative(io.cwd, path) || path;
  if (args.json) {
    io.out(JSON.stringify({ ok: true, config: path, backup: result.backup, unchanged: result.unchanged, warnings: problemsJson(built.warnings), install: previewInstall(ctx, path) }, null, 2));
  } else {
    if (built.warnings.length) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
    if (result.backup) io.err(`Backed up the previous ${shown} to ${relative(io.cwd, result.backup)}`);
    io.out(result.unchanged ? `${shown} is already up to date.` : `Wrote ${shown}`);
  }
  return path;
}

function reportSuggestion(ctx: CommandContext, s: Suggestion): void {
  ctx.io.err(`The cluster looks like ${s.preset}: using preset ${s.preset}.`);
  for (const r of s.reasons) ctx.io.err(`  ${r.field} = ${JSON.stringify(r.value)}  (${r.reason})`);
}

/** The `helm install` this run performs, for showing (src/helm/argv.ts builds it). */
export function previewInstall(ctx: CommandContext, path: string): string {
  return installCommandLine(ctx.args, path, ctx.io.cwd);
}
