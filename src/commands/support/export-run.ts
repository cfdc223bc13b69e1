/**
 * What `export` does for one cluster and for a fleet alike: the values from the layers, the spec of
 * what to write, and the lint, validation, writing and telling at the end.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError, UsageError, type Problem } from '../../errors.js';
import { REPO_URL } from '../../helm/argv.js';
import { writeFileSafely } from '../../io/write-file.js';
import { buildConfig } from '../../model/build.js';
import { toChartLine } from '../../model/chart-line.js';
import { readLayersForLine, type Layer } from '../../model/layers.js';
import { gitopsFindings, type ExportTarget, type Finding } from '../../model/export/lint.js';
import { splitSecrets } from '../../model/export/secrets.js';
import { applyCommand, type ExportFile, type ExportSpec } from '../../model/export/targets.js';
import { mergeValues } from '../../model/merge.js';
import type { Values } from '../../model/values.js';
import { packageVersion } from '../../paths.js';
import type { CommandContext } from './context.js';
import { readYamlFile } from './helm-session.js';
import { formatProblems } from './problems-text.js';
import { collectLayers, valueSourcesOf } from './value-sources.js';

/** The values as the chart line reads them: config.yaml with the layers over it, or the layers built. */
export async function exportValues(
  ctx: CommandContext,
  chartVersion: string,
  extra: Layer[] = [],
): Promise<Record<string, unknown>> {
  const { args, io } = ctx;
  const configPath = resolve(io.cwd, 'config.yaml');
  const { layers: given } = await collectLayers(valueSourcesOf(args), io.cwd);
  const layers = [...given, ...extra];
  if (!existsSync(configPath) && given.length === 0)
    throw new UsageError(
      'There is no config.yaml to export.',
      'Write one first (polyaxon-setup --preset NAME --yes --no-install), or pass --preset / -f.',
    );
  if (existsSync(configPath)) {
    const read = readLayersForLine(layers, chartVersion);
    const over = layers.length
      ? mergeValues(...read.layers.map((l) => toChartLine(l.values, chartVersion).values as Values), read.own as Values)
      : undefined;
    return mergeValues((await readYamlFile(configPath)) as Values, over) as Record<string, unknown>;
  }
  const built = buildConfig(layers, { chartVersion });
  if (built.warnings.length && !args.json) io.err(`Warnings:\n${formatProblems(built.warnings)}`);
  return built.written;
}

export function exportSpec(
  { args }: CommandContext,
  target: ExportTarget,
  chartVersion: string,
  split: { plain: Record<string, unknown>; secret: Record<string, unknown> },
): ExportSpec {
  return {
    target,
    release: args.release,
    namespace: args.namespace,
    chartVersion,
    repoUrl: args.repoUrl ?? REPO_URL,
    plain: split.plain,
    secret: split.secret,
    generator: `polyaxon-setup ${packageVersion()}`,
  };
}

/** Lint, validate, write, say. Shared by one cluster and a fleet. */
export async function finish(
  ctx: CommandContext,
  o: {
    target: ExportTarget;
    dir: string;
    spec: ExportSpec;
    values: Record<string, unknown>;
    files: ExportFile[];
    fleet: boolean;
    extraFindings?: Finding[];
    rows?: string[];
    /** For --json: the clusters kept and left out, and what differs. */
    fleetJson?: unknown;
  },
): Promise<void> {
  const { args, io } = ctx;
  const secretPaths = splitSecrets(o.values).paths;
  const findings = [
    ...gitopsFindings(o.values, { target: o.target, chartVersion: o.spec.chartVersion, secretPaths }),
    ...(o.extraFindings ?? []),
  ];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length)
    throw new ConfigError(
      `The export is not safe for GitOps (${errors.length} problem${errors.length > 1 ? 's' : ''}); nothing was written.`,
      errors.map(toProblem),
    );
  const { checkObjects } = await import('../../model/export/check-objects.js');
  const invalid = checkObjects(o.files.flatMap((f) => f.objects));
  if (invalid.length) throw new Error(`the exported objects do not match their schemas: ${invalid.join('; ')}`);
  const now = io.now();
  const written = [];
  for (const f of o.files) {
    const r = await writeFileSafely(join(o.dir, f.path), f.text, { secret: f.secret, now });
    written.push({
      path: shown(io.cwd, r.path),
      secret: f.secret,
      backup: r.backup,
      unchanged: r.unchanged,
    });
  }
  const apply = applyCommand(o.target, shown(io.cwd, o.dir), o.fleet);
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          ok: true,
          target: o.target,
          chartVersion: o.spec.chartVersion,
          files: written,
          findings: warnings,
          apply,
          ...(o.fleetJson ? { fleet: o.fleetJson } : {}),
        },
        null,
        2,
      ),
    );
    return;
  }
  for (const r of o.rows ?? []) io.out(r);
  for (const w of written)
    io.out(
      `${w.unchanged ? 'Unchanged' : 'Wrote'} ${w.path}${w.secret ? ' (secrets, mode 0600)' : ''}${w.backup ? ` (previous kept in ${shown(io.cwd, w.backup)})` : ''}`,
    );
  const secretFiles = written.filter((w) => w.secret).map((w) => w.path);
  if (secretFiles.length && o.target === 'helmfile') {
    io.out(`\nSecrets are only in ${secretFiles[0]}: never commit it as written. Encrypt it or keep it out of git:`);
    io.out(
      `  SOPS:             sops --encrypt --in-place ${secretFiles[0]}   (helm-secrets decrypts it: secrets://secret-values.yaml)`,
    );
    io.out(`  External Secrets: keep it in your secret store and write it beside helmfile.yaml before helmfile apply`);
  } else if (secretFiles.length) {
    io.out(`\nSecrets are only in ${secretFiles.join(', ')}: never commit it as written. Seal it or store it:`);
    io.out(`  Sealed Secrets:   kubeseal -f ${secretFiles[0]} -w ${secretFiles[0].replace(/\.yaml$/, '.sealed.yaml')}`);
    io.out(
      `  External Secrets: put its values.yaml in your secret store; an ExternalSecret creates ${o.spec.release}-secret-values`,
    );
    io.out(`  SOPS:             sops --encrypt --encrypted-regex '^(data|stringData)$' --in-place ${secretFiles[0]}`);
  } else io.out('\nNo secret values: every file can be committed.');
  for (const f of warnings) io.err(`warning ${f.code}: ${f.message}${f.fix ? `\n  ${f.fix}` : ''}`);
  io.out(`\nApply it with:\n  ${apply}`);
}

function toProblem(f: Finding): Problem {
  return {
    field: `${f.code}${f.keys.length ? ` ${f.keys.join(', ')}` : ''}`,
    message: f.message,
    fix: f.fix,
    severity: f.severity,
  };
}

/** A path as the person can type it from here: relative below the working directory, else absolute. */
function shown(cwd: string, path: string): string {
  const r = relative(cwd, path);
  return r === '' ? '.' : r.startsWith('..') ? path : r;
}
