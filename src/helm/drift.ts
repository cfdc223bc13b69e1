/**
 * The drift guard: helm never says when a values file sets keys the chart does not read, so a
 * config written for the spec and installed from today's chart (no persistence, no GPU keys)
 * silently loses those sections. Before install or upgrade we compare config.yaml with the chosen
 * chart's own values (`helm show values`) and name every key it would ignore.
 */
import yaml from 'js-yaml';

// Plain YAML maps as helm sees them; the adapter keeps its own, apart from the values model.
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A dot inside a key, escaped as helm's --set writes it. */
const escapeKey = (k: string) => k.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

export interface IgnoredKey {
  /** Dotted path of the first segment the chart does not know, e.g. `persistence` or `dns.backend`. */
  path: string;
  /** How many settings under it (1 for a plain value). */
  settings: number;
}

/**
 * Keys of `config` the chart's values do not have. A key below a map the chart leaves empty or
 * unset (`nodeSelector: {}`, `persistence.data: {}`, `affinity:`) is free-form there and known;
 * so is anything below a key whose chart value is not a map. A null in config is a deletion and
 * never ignored.
 */
export function ignoredKeys(config: unknown, chartValues: unknown): IgnoredKey[] {
  const out: IgnoredKey[] = [];
  walk(config, chartValues, '', out);
  return out;
}

function walk(cfg: unknown, chart: unknown, prefix: string, out: IgnoredKey[]): void {
  if (!isMap(cfg) || !isMap(chart) || Object.keys(chart).length === 0) return;
  for (const [k, v] of Object.entries(cfg)) {
    if (v === null) continue;
    const path = prefix ? `${prefix}.${escapeKey(k)}` : escapeKey(k);
    if (!(k in chart)) out.push({ path, settings: countSettings(v) });
    else walk(v, chart[k], path, out);
  }
}

function countSettings(v: unknown): number {
  if (!isMap(v)) return 1;
  const n = Object.values(v).reduce<number>((s, x) => s + countSettings(x), 0);
  return Math.max(n, 1);
}

/** `helm show values` output; an empty chart values file is an empty map. */
export function parseChartValues(text: string): Record<string, unknown> {
  const doc = yaml.load(text);
  return isMap(doc) ? doc : {};
}

/** The warning lines, or none. */
export function driftWarning(ignored: IgnoredKey[], what: { file: string; chart: string }): string[] {
  if (ignored.length === 0) return [];
  const width = Math.max(...ignored.map((i) => i.path.length));
  return [
    `Warning: the chart ${what.chart} does not read ${ignored.length === 1 ? 'this key' : 'these keys'} of ${what.file}; helm would ignore ${ignored.length === 1 ? 'it' : 'them'} without a word:`,
    ...ignored.map((i) => (i.settings > 1 ? `  ${i.path.padEnd(width)}  (${i.settings} settings)` : `  ${i.path}`)),
    'Use a chart that reads them (from the repository, --chart-version 0.6.1 reads persistence and the NVIDIA paths), or remove them.',
  ];
}
