/**
 * What an upgrade changes in the values, path by path, with secrets masked: shown before anything
 * is applied, so the person confirms a change they can read.
 */
import { isDeepStrictEqual } from 'node:util';
import { escapeKey, isMap } from '../model/merge.js';
import { MASK } from '../model/serialize.js';
import { isSecretPath } from '../model/secrets.js';
import type { Values } from '../model/values.js';

export interface ValueChange {
  /** Dotted path, dots inside keys escaped as helm's --set does. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ValuesDiff {
  added: ValueChange[];
  changed: ValueChange[];
  removed: ValueChange[];
}

/** Leaves by path; lists are leaves, and a null or an empty map counts as absent. */
function leaves(v: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (v === null || v === undefined) return out;
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${escapeKey(k)}` : escapeKey(k), out);
    return out;
  }
  if (prefix) out.set(prefix, v);
  return out;
}

function shown(path: string, v: unknown): unknown {
  return isSecretPath(path) && v !== undefined && v !== null ? MASK : v;
}

export function diffValues(a: Values, b: Values): ValuesDiff {
  const before = leaves(a);
  const after = leaves(b);
  const diff: ValuesDiff = { added: [], changed: [], removed: [] };
  for (const [path, x] of after) {
    if (!before.has(path)) diff.added.push({ path, after: shown(path, x) });
    else if (!isDeepStrictEqual(before.get(path), x))
      diff.changed.push({ path, before: shown(path, before.get(path)), after: shown(path, x) });
  }
  for (const [path, x] of before) if (!after.has(path)) diff.removed.push({ path, before: shown(path, x) });
  for (const list of Object.values(diff))
    list.sort((p: ValueChange, q: ValueChange) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
  return diff;
}

export function isEmptyDiff(d: ValuesDiff): boolean {
  return d.added.length + d.changed.length + d.removed.length === 0;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One line per change: `+ path: value`, `~ path: old → new`, `- path: old`. */
export function formatDiff(d: ValuesDiff): string[] {
  return [
    ...d.changed.map((c) => `~ ${c.path}: ${text(c.before)} → ${text(c.after)}`),
    ...d.added.map((c) => `+ ${c.path}: ${text(c.after)}`),
    ...d.removed.map((c) => `- ${c.path}: ${text(c.before)}`),
  ];
}

/** The paths `b` sets to something other than `a` does: what a later layer decided. */
export function changedPaths(a: Values, b: Values): string[] {
  const d = diffValues(a, b);
  return [...d.added, ...d.changed].map((c) => c.path);
}
