/**
 * Flags for every command, parsed once. Pure: argv in, a typed object out, UsageError on
 * anything unknown, so a typo never silently becomes a default.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export const COMMANDS = [
  'install',
  'validate',
  'presets',
  'schema',
  'doctor',
  'upgrade',
  'uninstall',
  'rollback',
  'template',
  'export',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Args {
  command: CommandName;
  /** Whether the command was named (`polyaxon-setup doctor`), not taken as the default. */
  commandNamed: boolean;
  /** Positional arguments after the command (e.g. the file of `validate FILE`). */
  positionals: string[];
  help: boolean;
  version: boolean;
  json: boolean;
  plain: boolean;
  yes: boolean;
  noInstall: boolean;
  dryRun: boolean;
  resume: boolean;
  preset?: string;
  values: string[];
  set: string[];
  setString: string[];
  output: string;
  /** Whether -o was given (export reads it as a folder, with its own default). */
  outputGiven: boolean;
  chartVersion?: string;
  chart?: string;
  repoUrl?: string;
  helm?: string;
  release: string;
  namespace: string;
  kubeContext?: string;
  kubeconfig?: string;
  /** Whole-probe timeout, in milliseconds. */
  timeoutMs: number;
  /** How long install and upgrade wait for the release's Deployments on a terminal; 0: not at all. */
  waitMs: number;
  noHooks: boolean;
  deletePvcs: boolean;
  deleteNamespace: boolean;
  revision?: number;
  /** export: the engine (argocd, flux, helmfile). */
  to?: string;
  /** export: kube contexts of a fleet, from --clusters a,b,c. */
  clusters: string[];
  /** export: keep a cluster that cannot take the chart version. */
  force: boolean;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  json: { type: 'boolean' },
  plain: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'no-install': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  resume: { type: 'boolean' },
  preset: { type: 'string', short: 'p' },
  values: { type: 'string', short: 'f', multiple: true },
  set: { type: 'string', multiple: true },
  'set-string': { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  'chart-version': { type: 'string' },
  chart: { type: 'string' },
  'repo-url': { type: 'string' },
  helm: { type: 'string' },
  release: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'kube-context': { type: 'string' },
  kubeconfig: { type: 'string' },
  timeout: { type: 'string' },
  wait: { type: 'string' },
  'no-hooks': { type: 'boolean' },
  'delete-pvcs': { type: 'boolean' },
  'delete-namespace': { type: 'boolean' },
  revision: { type: 'string' },
  to: { type: 'string' },
  clusters: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const OPTION_NAMES = Object.keys(OPTIONS);

export function parseCliArgs(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(describeParseError(e));
  }
  const v = parsed.values;
  const [first, ...rest] = parsed.positionals;
  let command: CommandName = 'install';
  let positionals = parsed.positionals;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new UsageError(`Unknown command "${first}".`, `Commands: ${COMMANDS.join(', ')}.`);
    }
    command = first as CommandName;
    positionals = rest;
  }
  return {
    command,
    commandNamed: first !== undefined,
    positionals,
    help: v.help ?? false,
    version: v.version ?? false,
    json: v.json ?? false,
    plain: v.plain ?? false,
    yes: v.yes ?? false,
    noInstall: v['no-install'] ?? false,
    dryRun: v['dry-run'] ?? false,
    resume: v.resume ?? false,
    preset: v.preset,
    values: v.values ?? [],
    set: v.set ?? [],
    setString: v['set-string'] ?? [],
    output: v.output ?? 'config.yaml',
    outputGiven: v.output !== undefined,
    chartVersion: v['chart-version'],
    chart: v.chart,
    repoUrl: v['repo-url'],
    helm: v.helm,
    release: v.release ?? 'polyaxon',
    namespace: v.namespace ?? 'polyaxon',
    kubeContext: v['kube-context'],
    kubeconfig: v.kubeconfig,
    timeoutMs: parseDuration(v.timeout ?? '5s'),
    waitMs: parseDuration(v.wait ?? '10m', '--wait'),
    noHooks: v['no-hooks'] ?? false,
    deletePvcs: v['delete-pvcs'] ?? false,
    deleteNamespace: v['delete-namespace'] ?? false,
    revision: v.revision === undefined ? undefined : parseRevision(v.revision),
    to: v.to,
    clusters: parseClusters(v.clusters),
    force: v.force ?? false,
  };
}

function parseDuration(s: string, flag = '--timeout'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s.trim());
  if (!m) throw new UsageError(`${flag} "${s}" is not a duration.`, `Use a number with ms, s or m, e.g. ${flag} 10s.`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000);
}

function parseClusters(s: string | undefined): string[] {
  if (s === undefined) return [];
  const names = s.split(',').map((x) => x.trim());
  if (names.some((n) => !n) || new Set(names).size !== names.length)
    throw new UsageError(
      `--clusters "${s}" is not a list of kube contexts.`,
      'Use --clusters ctx1,ctx2 (each once, no empty names).',
    );
  return names;
}

function parseRevision(s: string): number {
  if (!/^[1-9]\d*$/.test(s))
    throw new UsageError(
      `--revision "${s}" is not a revision number.`,
      'Use a positive whole number, as `helm history` lists.',
    );
  return Number(s);
}

function describeParseError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(msg);
  if (unknown) {
    const name = unknown[1].replace(/^-+/, '');
    const near = OPTION_NAMES.find((o) => o.startsWith(name.slice(0, 3)) || name.startsWith(o));
    return `Unknown flag ${unknown[1]}.${near ? ` Did you mean --${near}?` : ''}`;
  }
  const missing = /Option '(-[^']+)' argument missing/.exec(msg);
  if (missing)
    return `${missing[1]
      .split(',')
      .pop()!
      .replace(/<value>/, '')
      .trim()} needs a value.`;
  return msg.replace(/\. To specify a positional argument.*$/s, '.');
}
