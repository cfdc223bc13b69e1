/**
 * Everything the review screen shows, computed once from the flow's result: the YAML that will be
 * written (password masked), every problem, the target cluster and the exact helm command.
 */
import type { Problem } from '../errors.js';
import { toChartLine } from '../model/chart-line.js';
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
  /** Upgrades: what changes against the deployed values, and the chart versions. */
  diff?: { lines: string[]; values: ValuesDiff; chartFrom?: string; chartTo?: string };
}

export interface ReviewOptions {
  mode: 'install' | 'upgrade';
  helmCommand?: HelmCommand;
  /** Upgrades: the deployed values, already under the spec's names, and their chart version. */
  deployed?: Values;
  deployedChartVersion?: string;
}

/** The deployed values (spec names) as the wizard compares them: the spec's defaults under them. */
export function effectiveDeployed(deployed: Values): Values {
  return mergeValues(SPEC_DEFAULTS, deployed);
}

export function buildReview(result: FlowResult, facts: ClusterFacts | undefined, opts: ReviewOptions): ReviewData {
  const { values: normalized, notes: normalizeNotes } = normalizeValues(result.values);
  const { values: written, dropped } = toChartLine(normalized, result.meta.chartVersion || undefined);
  const problems = [...normalizeNotes, ...validateValues(normalized), ...dropped];
  const data: ReviewData = {
    mode: opts.mode,
    yaml: toYaml(maskSecrets(written)),
    problems,
    errors: problems.filter((p) => p.severity === 'error').length,
    target: { ...result.meta, context: facts?.context, server: facts?.server },
    helmCommand: opts.helmCommand?.(result.values, result.meta),
    notes: result.notes,
    warnings: facts?.warnings ?? [],
  };
  if (opts.mode === 'upgrade' && opts.deployed) {
    const values = diffValues(effectiveDeployed(opts.deployed), normalized);
    data.diff = {
      values,
      lines: formatDiff(values),
      chartFrom: opts.deployedChartVersion,
      chartTo: result.meta.chartVersion || undefined,
    };
  }
  return data;
}
