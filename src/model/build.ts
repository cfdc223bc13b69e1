/**
 * From layers to the values to write: merge, read the spec's spellings, validate, then render for
 * the chosen chart line. Pure apart from the layers it is given; throws ConfigError with every
 * problem when anything is wrong, so nothing is written from bad input.
 */
import { ConfigError, type Problem } from '../errors.js';
import { toChartLine } from './chart-line.js';
import { SPEC_DEFAULTS } from './defaults.js';
import { readLayersForLine, type Layer } from './layers.js';
import { leafPaths, mergeValues } from './merge.js';
import { normalizeValues } from './normalize.js';
import { mergeLayerValues } from './sources.js';
import { validateValues } from './validate.js';
import type { Values } from './values.js';

export interface Built {
  /** The merged values under the spec's names (what the wizard and validation read). */
  values: Values;
  /** What is written: the values as the chosen chart line reads them. */
  written: Record<string, unknown>;
  /** Keys of the chart line's own that the layers gave, written as given. */
  own: Record<string, unknown>;
  warnings: Problem[];
  /** Dotted paths some layer above the defaults set: the questions already answered. */
  answered: Set<string>;
}

export function buildConfig(input: Layer[], opts: { chartVersion?: string } = {}): Built {
  const { layers, own, warnings } = readLayersForLine(input, opts.chartVersion);
  const merged = mergeLayerValues(SPEC_DEFAULTS, ...layers.map((l) => l.values));
  const { values, notes } = normalizeValues(merged);
  return finish(values, [...warnings, ...notes], layers, opts.chartVersion, own);
}

/** Validates values that are already merged (e.g. the wizard's answers) and renders them. */
export function finishValues(
  values: Values,
  opts: { chartVersion?: string; own?: Record<string, unknown> } = {},
): Built {
  const n = normalizeValues(values);
  return finish(n.values, n.notes, [], opts.chartVersion, opts.own ?? {});
}

function finish(
  values: Values,
  notes: Problem[],
  layers: Layer[],
  chartVersion: string | undefined,
  own: Record<string, unknown>,
): Built {
  const problems = [...notes, ...validateValues(values)];
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length)
    throw new ConfigError(
      `The values are invalid (${errors.length} problem${errors.length > 1 ? 's' : ''}).`,
      problems,
    );
  const { values: translated, dropped } = toChartLine(values, chartVersion);
  const written = mergeValues(translated as Values, own as Values) as Record<string, unknown>;
  const answered = new Set(layers.flatMap((l) => leafPaths(l.values)));
  return { values, written, own, warnings: [...problems, ...dropped], answered };
}
