/**
 * How one chart line's reading differs from the spec, as steps applied in order: a key read under
 * another name (move), a key no template of the line reads (drop), or a section the line reads in
 * another shape (custom: persistence becomes the artifacts store). Every step also runs backwards,
 * so values written for a line, or deployed by it, read back under the spec's names.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Problem } from '../../errors.js';
import { SPEC_DEFAULTS } from '../defaults.js';
import { getPath, isMap } from '../merge.js';
import { removePath, setPath, splitPath } from './paths.js';

export interface Custom {
  /** Writes the section for the line; says what it could not express. */
  forward(out: Record<string, unknown>, label: string): Problem[];
  /** Reads it back under the spec's names. */
  back(out: Record<string, unknown>): void;
}

export type Translation =
  | { move: [string, string] }
  /** `quiet`: never worth a word (the line has a better place for it, always used). */
  | { drop: string; why: string; quiet?: boolean }
  | { custom: string; apply: Custom };

export function forward(values: Record<string, unknown>, steps: readonly Translation[], label: string): Problem[] {
  const notes: Problem[] = [];
  for (const t of steps) {
    if ('move' in t) move(values, t.move[0], t.move[1]);
    else if ('drop' in t) {
      const path = splitPath(t.drop);
      const v = getPath(values, path);
      if (v === undefined) continue;
      removePath(values, path);
      // Defaults the person never chose are left out without a word; their own settings are news.
      if (t.quiet || isEmpty(v) || isDeepStrictEqual(v, getPath(SPEC_DEFAULTS, path))) continue;
      notes.push({ field: t.drop, message: `is not written for ${label}: ${t.why}`, severity: 'warning' });
    } else notes.push(...t.apply.forward(values, label));
  }
  return notes;
}

export function back(values: Record<string, unknown>, steps: readonly Translation[]): void {
  for (const t of [...steps].reverse()) {
    if ('move' in t) move(values, t.move[1], t.move[0]);
    else if ('custom' in t) t.apply.back(values);
  }
}

function move(values: Record<string, unknown>, from: string, to: string): void {
  const path = splitPath(from);
  const v = getPath(values, path);
  if (v === undefined) return;
  removePath(values, path);
  const dest = splitPath(to);
  const there = getPath(values, dest);
  // Both spellings given (a file of the line's own names over a spec default): the line's wins.
  setPath(values, dest, isMap(there) && isMap(v) ? { ...v, ...there } : there !== undefined ? there : v);
}

function isEmpty(v: unknown): boolean {
  return (
    v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.values(v).every(isEmpty))
  );
}
