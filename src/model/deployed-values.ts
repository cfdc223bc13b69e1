/**
 * The values of an upgrade: what the release runs with (`helm get values`) as the base, the layers
 * over it, checked with the spec's rules. Keys of another chart line are passed on, not refused.
 */
import { ConfigError, type Problem } from '../errors.js';
import { SPEC_DEFAULTS } from './defaults.js';
import { fromChartLine, toChartLine } from './chart-line.js';
import { readLayersForLine, type Layer } from './layers.js';
import { isMap, mergeValues, put } from './merge.js';
import { schemaAt } from './schema.js';
import { validateValues } from './validate.js';
import type { Values } from './values.js';

/** Splits values into what the spec's schema knows and the rest (keys of another chart line), recursively. */
export function splitKnown(
  values: Record<string, unknown>,
  path: string[] = [],
): { known: Record<string, unknown>; foreign: string[] } {
  const known: Record<string, unknown> = {};
  const foreign: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    const p = [...path, k];
    const s = schemaAt(p);
    if (!s) {
      foreign.push(p.join('.'));
      continue;
    }
    if (isMap(v) && s.properties) {
      const sub = splitKnown(v, p);
      put(known, k, sub.known);
      foreign.push(...sub.foreign);
    } else put(known, k, v);
  }
  return { known, foreign };
}

export interface UpgradeValues {
  /** What helm gets: deployed values with the layers over them (no spec defaults added: the chart has its own). */
  values: Record<string, unknown>;
  warnings: Problem[];
}

/**
 * Merges and checks. The layers are the person's and must be valid; the deployed values are the
 * release's, possibly of another chart line, so keys the spec does not know are passed on
 * untouched (the drift guard says whether the chart reads them) rather than refused.
 */
export function mergeUpgradeValues(
  deployed: Record<string, unknown>,
  input: Layer[],
  opts: { chartVersion?: string } = {},
): UpgradeValues {
  const { layers, own } = readLayersForLine(input, opts.chartVersion);
  // Each layer as the target line reads it, over what is deployed (which is in the line's names).
  const written = layers.map((l) => toChartLine(l.values, opts.chartVersion));
  const layerProblems = written.flatMap((w) => w.dropped);
  const values = mergeValues(deployed as Values, ...written.map((w) => w.values as Values), own as Values) as Record<
    string,
    unknown
  >;
  const { known } = splitKnown(fromChartLine(values, opts.chartVersion));
  const problems = validateValues(mergeValues(SPEC_DEFAULTS, known as Values));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const n = `${errors.length} problem${errors.length > 1 ? 's' : ''}`;
    throw new ConfigError(`The upgraded values would be invalid (${n}).`, problems);
  }
  return { values, warnings: [...layerProblems, ...problems] };
}
