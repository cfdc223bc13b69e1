/**
 * The drift guard: helm never says when a values file sets keys the chart does not read, so a
 * key a chart line reads under another name, or not at all, is silently lost. Before install or
 * upgrade we compare the values with what the chosen chart's templates read (chart-reads.ts; its
 * values.yaml would miss `hostName` and subchart keys, and list `namespace`, which 2.x never reads).
 */
import { isRead, type ReadPaths } from './chart-reads.js';

// Plain YAML maps as helm sees them; the adapter keeps its own, apart from the values model.
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A dot inside a key, escaped as helm's --set writes it. */
const escapeKey = (k: string) => k.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

export interface IgnoredKey {
  /** Dotted path of the first segment no template reads, e.g. `persistence` or `dns.backend`. */
  path: string;
  /** How many settings under it (1 for a plain value). */
  settings: number;
}

/** Keys of `config` no template of the chart reads. A null is a deletion and never ignored. */
export function unreadKeys(config: unknown, reads: ReadPaths): IgnoredKey[] {
  const out: IgnoredKey[] = [];
  const walk = (cfg: unknown, path: string[]) => {
    if (!isMap(cfg)) return;
    for (const [k, v] of Object.entries(cfg)) {
      if (v === null) continue;
      const p = [...path, k];
      if (!isRead(p, reads)) out.push({ path: p.map(escapeKey).join('.'), settings: countSettings(v) });
      // Read whole (toYaml of the map): everything below is read too.
      else if (!reads.some((r) => r.length <= p.length && r.every((s, i) => s === p[i]))) walk(v, p);
    }
  };
  walk(config, []);
  return out;
}

function countSettings(v: unknown): number {
  if (!isMap(v)) return 1;
  const n = Object.values(v).reduce<number>((s, x) => s + countSettings(x), 0);
  return Math.max(n, 1);
}

/** The warning lines, or none. */
export function driftWarning(ignored: IgnoredKey[], what: { file: string; chart: string }): string[] {
  if (ignored.length === 0) return [];
  const width = Math.max(...ignored.map((i) => i.path.length));
  return [
    `Warning: the chart ${what.chart} does not read ${ignored.length === 1 ? 'this key' : 'these keys'} of ${what.file}; helm would ignore ${ignored.length === 1 ? 'it' : 'them'} without a word:`,
    ...ignored.map((i) => (i.settings > 1 ? `  ${i.path.padEnd(width)}  (${i.settings} settings)` : `  ${i.path}`)),
    'Remove them, or write them under the names this chart reads: polyaxon-setup writes config.yaml for the chart line it installs (--chart-version).',
  ];
}
