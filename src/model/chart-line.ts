/**
 * Values under the spec's names (what the wizard, presets and validation speak) turned into what
 * the chart line that will be installed reads, and back. The lines are data (lines/table.ts);
 * what a line cannot express is returned as warnings, so nothing is silently ignored by helm.
 */
import type { Problem } from '../errors.js';
import { clone } from './merge.js';
import { lineOf, NEWEST_KNOWN, type ChartLine } from './lines/table.js';
import { back, forward } from './lines/translate.js';
import type { Values } from './values.js';

export type { ChartLine, LineId } from './lines/table.js';
export { BROKERS, LINES, NEWEST_KNOWN, compareVersions, type Broker } from './lines/table.js';

export function chartLineFor(version: string | undefined): ChartLine {
  return lineOf(version);
}

/**
 * "chart 2.15.1", with where the version came from when the person did not name it (`from`, e.g.
 * the repository's newest); an unset version is the newest line this tool knows, said as such.
 */
export function chartLabel(version: string | undefined, from?: string): string {
  if (!version) return `chart ${NEWEST_KNOWN} (the newest this tool knows; --chart-version unset)`;
  return from ? `chart ${version} (${from})` : `chart ${version}`;
}

/** Values as the chart line reads them, and a warning for each thing it had to leave out. */
export function toChartLine(
  values: Values,
  version: string | undefined,
): { values: Record<string, unknown>; dropped: Problem[] } {
  const line = lineOf(version);
  const out = clone(values) as Record<string, unknown>;
  const dropped = forward(out, line.translations, line.label);
  return { values: out, dropped };
}

/** The reverse: values written for a chart line (or deployed by it) read back under the spec's names. */
export function fromChartLine(values: Record<string, unknown>, version: string | undefined): Record<string, unknown> {
  const out = clone(values);
  back(out, lineOf(version).translations);
  return out;
}
