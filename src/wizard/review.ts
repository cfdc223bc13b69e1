/**
 * Everything the review screen shows, computed once from the flow's result: the YAML that will be
 * written (password masked), every problem, the target cluster and the exact helm command.
 */
import type { Problem } from '../errors.js';
import { fromChartLine, toChartLine } from '../model/chart-line.js';
import { SPEC_DEFAULTS } from '../model/defaults.js';
import { mergeValues } from '../model/merge.js';
import { normalizeValues } from '../model/normalize.js';
import { maskSecrets, toYaml } from '../model/serialize.js';
import { validateValues } from '../model/validate.js';
import type { Values } from '../model/values.js';
import type { Meta } from '../../steps/types.js';
import { diffValues, formatDiff, type ValuesDiff } from './diff.js';
import type { ClusterFacts } from '../../steps/facts.js';
import type { FlowResult } from './flow.js';

export type HelmCommand = (values: Values, target: Meta) => string;

export interface ReviewData {
  mode: 'install' | 'upgrade';
  /** config.yaml as it will be written, the password masked. */
  yaml: string;
  problems: Problem[];
  errors: number;
  target: Meta & { context?: string; server?: string };
  helmCommand?: string;
  notes: string[];
  warnings: string[];
  /** What would stop the install (helm missing, the cluster unreachable): no go-ahead while any is left. */
  blockers: string[];
  /** The go-ahead's label when the review decides it (installing over an existing release upgrades it). */
  actionLabel?: string;
  /** Installing over a release that already exists: confirming upgrades it, the diff shown first. */
  over?: { release: string; namespace: string; status?: string; chartVersion?: string; revision?: number };
  /** Upgrades: what changes against the deployed values, and the chart versions. */
  diff?: { lines: string[]; values: ValuesDiff; chartFrom?: string; chartTo?: string };
}

export interface ReviewOptions {
  mode: 'install' | 'upgrade';
  helmCommand?: HelmCommand;
  /** Upgrades: the deployed values, already under the spec's names, and their chart version. */
  deployed?: Values;
  deployedChartVersion?: string;
  /** Installs: a release already at the target is upgraded instead, this helm command shown. */
  upgradeCommand?: HelmCommand;
  /** The drift guard: what the chart would not read of config.yaml (from the values, spec names), in lines. */
  drift?: (values: Values, target: Meta) => string[];
}

/** The drift guard's lines as one finding: the keys, then what to do. */
function driftLines(lines: string[] | undefined): string[] {
  if (!lines?.length) return [];
  const [head, ...rest] = lines;
  const keys = rest.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/)[0]);
  return [`${head.replace(/^Warning: /, '').replace(/:$/, '')}: ${keys.join(', ')}.`];
}

/**
 * The values with the line's own keys over them, read back under the spec's names as the deployed
 * values are (`rabbitmq-ha.enabled` is `rabbitmq.enabled`): what a diff against the release compares.
 */
export function withOwn(
  values: Values,
  own: Record<string, unknown> | undefined,
  chartVersion: string | undefined,
): Values {
  return mergeValues(values, fromChartLine(own ?? {}, chartVersion || undefined) as Values);
}

/** The deployed values (spec names) as the wizard compares them: the spec's defaults under them. */
export function effectiveDeployed(deployed: Values): Values {
  return mergeValues(SPEC_DEFAULTS, deployed);
}

export function buildReview(result: FlowResult, facts: ClusterFacts | undefined, opts: ReviewOptions): ReviewData {
  const { values: normalized, notes: normalizeNotes } = normalizeValues(result.values);
  const { values: translated, dropped } = toChartLine(normalized, result.meta.chartVersion || undefined);
  // The line's own keys go over the translated values, as finishValues writes them.
  const written = mergeValues(translated as Values, (result.own ?? {}) as Values);
  const problems = [...normalizeNotes, ...validateValues(normalized), ...dropped];
  const blockers = facts?.blockers ?? [];
  const data: ReviewData = {
    mode: opts.mode,
    yaml: toYaml(maskSecrets(written)),
    problems,
    errors: problems.filter((p) => p.severity === 'error').length + blockers.length,
    target: { ...result.meta, context: facts?.context, server: facts?.server },
    helmCommand: opts.helmCommand?.(result.values, result.meta),
    notes: result.notes,
    warnings: [...(facts?.warnings ?? []), ...driftLines(opts.drift?.(normalized, result.meta))],
    blockers,
  };
  const existing = facts?.existingRelease;
  if (
    opts.mode === 'install' &&
    opts.upgradeCommand &&
    existing?.values &&
    existing.release === result.meta.release &&
    existing.namespace === result.meta.namespace
  ) {
    // Installing would fail on the name: the person decides here, seeing what upgrading changes.
    const deployed = fromChartLine(existing.values as Record<string, unknown>, existing.chartVersion) as Values;
    const values = diffValues(effectiveDeployed(deployed), withOwn(normalized, result.own, result.meta.chartVersion));
    const { release, namespace } = result.meta;
    data.over = {
      release,
      namespace,
      status: existing.status,
      chartVersion: existing.chartVersion,
      revision: existing.revision,
    };
    data.diff = {
      values,
      lines: formatDiff(values),
      chartFrom: existing.chartVersion,
      chartTo: result.meta.chartVersion || undefined,
    };
    data.helmCommand = opts.upgradeCommand(result.values, result.meta);
    data.actionLabel = `Write config.yaml and upgrade release ${release}`;
    const what = [
      existing.status,
      existing.revision && `revision ${existing.revision}`,
      existing.chartVersion && `chart ${existing.chartVersion}`,
    ]
      .filter(Boolean)
      .join(', ');
    data.warnings = [
      `Release ${release} already exists in namespace ${namespace}${what ? ` (${what})` : ''}: confirming upgrades it with these values (the changes to its deployed values are above). To install beside it, change the release name (Change a step… → Deployment).`,
      ...data.warnings,
    ];
  }
  if (opts.mode === 'upgrade' && opts.deployed) {
    const values = diffValues(
      effectiveDeployed(opts.deployed),
      withOwn(normalized, result.own, result.meta.chartVersion),
    );
    data.diff = {
      values,
      lines: formatDiff(values),
      chartFrom: opts.deployedChartVersion,
      chartTo: result.meta.chartVersion || undefined,
    };
  }
  return data;
}
