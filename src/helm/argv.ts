/**
 * Every helm command line, built as an argv array from data. Pure: the same input gives the same
 * argv, so tests assert them exactly. Helm 4 renamed flags (`--atomic` is `--rollback-on-failure`,
 * `--force` is `--force-replace`, helm/helm#13629, #31900), so builders that use them take the major.
 * Values never appear here: they reach helm as `-f FILE` only, so no secret is on a command line.
 * Flags come first and `--` ends them, so a release or chart named like a flag stays what it is.
 */
import { relative } from 'node:path';

export type HelmMajor = 3 | 4;

export const REPO_NAME = 'polyaxon';
export const REPO_URL = 'https://charts.polyaxon.com';
export const CHART_NAME = 'polyaxon';
export const REPO_CHART = `${REPO_NAME}/${CHART_NAME}`;

/** Which release, where, through which kubeconfig. */
export interface Target {
  release: string;
  namespace: string;
  kubeContext?: string;
  kubeconfig?: string;
}

/** A chart as helm takes it: `polyaxon/polyaxon` from the repository, or a local directory or .tgz. */
export interface ChartRef {
  ref: string;
  /** Only for a repository chart: a local chart is whatever version its Chart.yaml says. */
  version?: string;
  local: boolean;
}

export type DryRun = 'server' | 'client';

export interface ApplyOptions {
  dryRun?: DryRun;
  /** Undo a failed install/upgrade (helm 3 `--atomic`, helm 4 `--rollback-on-failure`); implies waiting. */
  rollbackOnFailure?: boolean;
  /** Replace objects that cannot be patched (helm 3 `--force`, helm 4 `--force-replace`). */
  forceReplace?: boolean;
  /**
   * Install only: `--create-namespace`. Left out when the namespace exists or the account may not
   * create namespaces (helm sends the Create anyway, helm/helm#32511); given when unknown.
   */
  createNamespace?: boolean;
}

/** Which chart was asked for: `--chart` (a directory, .tgz or oci:// reference) and `--chart-version`. */
export interface ChartChoice {
  chart?: string;
  chartVersion?: string;
}

/** The chart as given: a local directory or .tgz takes no --version (its Chart.yaml says it). */
export function chartOf(c: ChartChoice): ChartRef {
  // helm would take a path starting with "-" for a flag; "./" keeps it the chart it names.
  if (c.chart && !/^oci:\/\//.test(c.chart))
    return { ref: c.chart.startsWith('-') ? `./${c.chart}` : c.chart, local: true };
  return { ref: c.chart ?? REPO_CHART, version: c.chartVersion, local: false };
}

/** Which kubeconfig and context: passed to helm exactly as given to us. */
export function contextFlags(t: Pick<Target, 'kubeContext' | 'kubeconfig'>): string[] {
  const out: string[] = [];
  if (t.kubeContext) out.push('--kube-context', t.kubeContext);
  if (t.kubeconfig) out.push('--kubeconfig', t.kubeconfig);
  return out;
}

/** The flags every command that talks to the cluster takes. */
export function kubeFlags(t: Target): string[] {
  return ['--namespace', t.namespace, ...contextFlags(t)];
}

/** The command's words, its flags, then `--` and its positionals (helm 3 and 4 both take this form). */
function command(words: readonly string[], flags: readonly string[], positionals: readonly string[]): string[] {
  return [...words, ...flags, '--', ...positionals];
}

/** The words that name a helm command line: `helm get values`, without flags or positionals. */
export function commandName(argv: readonly string[]): string {
  const end = argv.findIndex((a) => a.startsWith('-'));
  return ['helm', ...(end < 0 ? argv : argv.slice(0, end))].join(' ');
}

function versionFlag(c: ChartRef): string[] {
  return c.version && !c.local ? ['--version', c.version] : [];
}

function applyFlags(major: HelmMajor, o: ApplyOptions): string[] {
  const out: string[] = [];
  // --hide-secret: the printed manifests would otherwise show the root password (helm#7275).
  if (o.dryRun) out.push(`--dry-run=${o.dryRun}`, '--hide-secret');
  if (o.rollbackOnFailure) out.push(major === 4 ? '--rollback-on-failure' : '--atomic');
  if (o.forceReplace) out.push(major === 4 ? '--force-replace' : '--force');
  return out;
}

/**
 * `helm install`. No `--wait`: the chart's README says the deployment does not succeed with it
 * (helm still waits for the hook Jobs, which is what tells us the install worked).
 */
export function installArgv(
  major: HelmMajor,
  t: Target,
  chart: ChartRef,
  valuesFile: string,
  o: ApplyOptions = {},
): string[] {
  return command(
    ['install'],
    [
      '--namespace',
      t.namespace,
      ...(o.createNamespace === false ? [] : ['--create-namespace']),
      '-f',
      valuesFile,
      ...versionFlag(chart),
      ...contextFlags(t),
      ...applyFlags(major, o),
    ],
    [t.release, chart.ref],
  );
}

/**
 * `helm upgrade` with the whole merged values in one file: without `--reuse-values` helm starts
 * from the new chart's defaults, so keys a new chart adds get their defaults (no nil pointers).
 */
export function upgradeArgv(
  major: HelmMajor,
  t: Target,
  chart: ChartRef,
  valuesFile: string,
  o: ApplyOptions = {},
): string[] {
  return command(
    ['upgrade'],
    ['--namespace', t.namespace, '-f', valuesFile, ...versionFlag(chart), ...contextFlags(t), ...applyFlags(major, o)],
    [t.release, chart.ref],
  );
}

export function uninstallArgv(t: Target, o: { noHooks?: boolean; dryRun?: boolean } = {}): string[] {
  return command(
    ['uninstall'],
    [...kubeFlags(t), ...(o.noHooks ? ['--no-hooks'] : []), ...(o.dryRun ? ['--dry-run'] : [])],
    [t.release],
  );
}

/** Helm 3's rollback `--dry-run` is a plain switch; helm 4's takes a mode and rollback needs the cluster anyway. */
export function rollbackArgv(major: HelmMajor, t: Target, revision: number, o: { dryRun?: boolean } = {}): string[] {
  const dry = o.dryRun ? [major === 4 ? '--dry-run=server' : '--dry-run'] : [];
  return command(['rollback'], [...kubeFlags(t), ...dry], [t.release, String(revision)]);
}

export function getValuesArgv(t: Target, revision?: number): string[] {
  return command(
    ['get', 'values'],
    [...kubeFlags(t), '-o', 'json', ...(revision ? ['--revision', String(revision)] : [])],
    [t.release],
  );
}

export function historyArgv(t: Target): string[] {
  return command(['history'], [...kubeFlags(t), '-o', 'json'], [t.release]);
}

/** The deployed manifests of the release (or of one of its revisions). */
export function getManifestArgv(t: Target, revision?: number): string[] {
  return command(
    ['get', 'manifest'],
    [...(revision ? ['--revision', String(revision)] : []), ...kubeFlags(t)],
    [t.release],
  );
}

/** The hook manifests of the deployed release: what a failed pre-delete hook may leave behind. */
export function getHooksArgv(t: Target): string[] {
  return command(['get', 'hooks'], kubeFlags(t), [t.release]);
}

/** Client-side rendering: no cluster flags, so it works with no cluster at all. */
export function templateArgv(
  t: Pick<Target, 'release' | 'namespace'>,
  chart: ChartRef,
  valuesFiles: string | readonly string[],
): string[] {
  const files = typeof valuesFiles === 'string' ? [valuesFiles] : valuesFiles;
  return command(
    ['template'],
    ['--namespace', t.namespace, ...files.flatMap((f) => ['-f', f]), ...versionFlag(chart)],
    [t.release, chart.ref],
  );
}

/** What a cluster tells helm about itself at install: its version and every group version it serves. */
export interface ClusterCapabilities {
  kubeVersion: string;
  apiVersions: readonly string[];
}

/**
 * `helm template` as `helm install` would render on that cluster: the same capabilities, so a
 * template that branches on the Kubernetes version or an API group takes the branch it would
 * take there. CRDs are included: their kinds are served once they are applied.
 */
export function templateForClusterArgv(
  t: Pick<Target, 'release' | 'namespace'>,
  chart: ChartRef,
  valuesFile: string,
  caps: ClusterCapabilities,
): string[] {
  return command(
    ['template'],
    [
      '--namespace',
      t.namespace,
      '-f',
      valuesFile,
      ...versionFlag(chart),
      '--include-crds',
      '--kube-version',
      caps.kubeVersion,
      ...caps.apiVersions.flatMap((v) => ['--api-versions', v]),
    ],
    [t.release, chart.ref],
  );
}

/** Every version the repository's index lists for the chart, newest first. */
export function searchVersionsArgv(chart: ChartRef): string[] {
  return command(['search', 'repo'], ['--versions', '-o', 'json'], [chart.ref]);
}

/** Downloads the chart archive into `dir`, for reading its templates. */
export function pullArgv(chart: ChartRef, dir: string): string[] {
  return command(['pull'], [...versionFlag(chart), '--destination', dir], [chart.ref]);
}

/** Downloads the repository chart straight from `repoUrl`, with no repository added to helm's config. */
export function pullFromRepoArgv(repoUrl: string, chart: ChartRef, dir: string): string[] {
  return command(['pull'], ['--repo', repoUrl, ...versionFlag(chart), '--destination', dir], [CHART_NAME]);
}

/** The Chart.yaml of the version helm would install: the newest served, unless pinned. */
export function showChartArgv(chart: ChartRef): string[] {
  return command(['show', 'chart'], versionFlag(chart), [chart.ref]);
}

export function repoListArgv(): string[] {
  return ['repo', 'list', '-o', 'json'];
}

/** `--force-update` makes a second add (or a changed URL) succeed instead of failing. */
export function repoAddArgv(url: string): string[] {
  return command(['repo', 'add'], ['--force-update'], [REPO_NAME, url]);
}

export function repoUpdateArgv(): string[] {
  return command(['repo', 'update'], [], [REPO_NAME]);
}

export const VERSION_ARGV = ['version', '--template', '{{.Version}}'] as const;
/** Helm 2 and 3 answer this; helm 2 prints `Client: v2...` without asking Tiller. */
export const VERSION_FALLBACK_ARGV = ['version', '--client', '--short'] as const;

/** One argv as a command a person can paste into a POSIX shell. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Which dry run an install or upgrade gets (see dryRunArgv). */
export interface DryRunPlan {
  op: 'install' | 'upgrade';
  target: Target;
  chart: ChartRef;
  valuesFile: string;
  /** Install only: see ApplyOptions.createNamespace. */
  createNamespace?: boolean;
}

/**
 * Which dry run: server-side when the API answers (lookups and admission run); otherwise helm 4's
 * client-side one, and for helm 3 `helm template`, since helm 3's `--dry-run=client` still insists
 * on reaching the cluster. An upgrade always needs the cluster (it reads the release).
 */
export function dryRunArgv(major: HelmMajor, answers: boolean, p: DryRunPlan): { argv: string[]; mode: string } {
  const { target: t, chart, valuesFile: f } = p;
  const ns = p.createNamespace === undefined ? {} : { createNamespace: p.createNamespace };
  if (p.op === 'upgrade') return { argv: upgradeArgv(major, t, chart, f, { dryRun: 'server' }), mode: 'server-side' };
  if (answers) return { argv: installArgv(major, t, chart, f, { dryRun: 'server', ...ns }), mode: 'server-side' };
  if (major === 4) {
    return {
      argv: installArgv(major, t, chart, f, { dryRun: 'client', ...ns }),
      mode: 'client-side: the cluster does not answer',
    };
  }
  return { argv: templateArgv(t, chart, f), mode: 'client-side with helm template: the cluster does not answer' };
}

/** A path as a person would type it: relative to `cwd` when it is below it. */
export function shownPath(path: string, cwd?: string): string {
  const shown = cwd ? relative(cwd, path) || path : path;
  return shown.startsWith('..') ? path : shown;
}

/** The `helm install` a run performs, for showing (`--no-install`, the wizard's review). */
export function installCommandLine(
  t: Target,
  chart: ChartRef,
  configPath: string,
  cwd?: string,
  o: Pick<ApplyOptions, 'createNamespace'> = {},
): string {
  return shellJoin(['helm', ...installArgv(4, t, chart, shownPath(configPath, cwd), o)]);
}

/** The `helm upgrade` a run performs, for showing (the guided upgrade's review). */
export function upgradeCommandLine(t: Target, chart: ChartRef, configPath: string, cwd?: string): string {
  return shellJoin(['helm', ...upgradeArgv(4, t, chart, shownPath(configPath, cwd))]);
}
