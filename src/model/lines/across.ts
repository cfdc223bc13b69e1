/**
 * Deployed values of one chart line as another line reads them: read back under the spec's names
 * with the deployed line's table, then written for the target line. The table of what maps to
 * what, and what has no equivalent, is shown before anything changes.
 */
import type { Problem } from '../../errors.js';
import { isMap } from '../merge.js';
import { lineOf } from './table.js';
import { back, forward } from './translate.js';

export interface Mapping {
  /** Dotted path in the deployed values. */
  from: string;
  /** Dotted path for the target line, or undefined when it has no equivalent. */
  to?: string;
}

export interface Across {
  values: Record<string, unknown>;
  mappings: Mapping[];
  notes: Problem[];
  /** Whether the two versions are of different lines (otherwise nothing is translated). */
  crosses: boolean;
}

export function acrossLines(deployed: Record<string, unknown>, fromVersion?: string, toVersion?: string): Across {
  const from = lineOf(fromVersion);
  const to = lineOf(toVersion);
  if (from.id === to.id) return { values: deployed, mappings: [], notes: [], crosses: false };
  const spec = structuredClone(deployed);
  back(spec, from.translations);
  const out = structuredClone(spec);
  const notes = forward(out, to.translations, to.label);
  const mappings: Mapping[] = [];
  const key = (p: string[]) => JSON.stringify(p);
  const before = leaves(deployed);
  const had = new Set(before.map(key));
  const after = leaves(out);
  const has = new Set(after.map(key));
  for (const p of before) {
    if (has.has(key(p))) continue;
    // Where did it go: the spec's name read forward, matched by value.
    const v = JSON.stringify(valueAt(deployed, p));
    const target = after.find((q) => !had.has(key(q)) && JSON.stringify(valueAt(out, q)) === v);
    mappings.push({ from: dotted(p), to: target && dotted(target) });
  }
  return { values: out, mappings, notes, crosses: true };
}

function leaves(v: unknown, prefix: string[] = []): string[][] {
  if (!isMap(v) || Object.keys(v).length === 0) return prefix.length ? [prefix] : [];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, [...prefix, k]));
}

function valueAt(v: unknown, path: string[]): unknown {
  return path.reduce<unknown>((cur, k) => (isMap(cur) ? cur[k] : undefined), v);
}

const dotted = (p: string[]) => p.map((k) => k.replace(/\./g, '\\.')).join('.');

/** The table as lines for the terminal. */
export function mappingLines(a: Across, labels: { from: string; to: string }): string[] {
  if (!a.crosses || a.mappings.length === 0) return [];
  const w = Math.max(...a.mappings.map((m) => m.from.length));
  return [
    `From ${labels.from} to ${labels.to}, the deployed values are read as:`,
    ...a.mappings.map((m) => `  ${m.from.padEnd(w)}  →  ${m.to ?? '(no equivalent: not carried over)'}`),
  ];
}
