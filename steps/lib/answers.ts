/**
 * Small pure helpers the steps share: reading what was already answered, turning the one-line
 * text answers (key=value lists, tolerations) into values and back, and replacing a value under
 * helm's merge rules.
 */
import { isMap } from '../../src/model/merge.js';
import { TAINT_EFFECTS, type Toleration } from '../../src/model/values.js';

/** Whether some answered leaf path is `path` or lies under it. */
export function has(answered: ReadonlySet<string>, path: string): boolean {
  if (answered.has(path)) return true;
  for (const p of answered) if (p.startsWith(`${path}.`) || p.startsWith(`${path}[`)) return true;
  return false;
}

export function hasAll(answered: ReadonlySet<string>, paths: string[]): boolean {
  return paths.every((p) => has(answered, p));
}

/**
 * A change that turns `old` into `neu` when merged with helm's rules: maps merge key by key, so
 * every key of the old map that the new one lacks is set to null.
 */
export function replaceWith(old: unknown, neu: unknown): unknown {
  if (!isMap(neu)) return neu;
  const out: Record<string, unknown> = {};
  if (isMap(old)) for (const k of Object.keys(old)) if (!(k in neu) && old[k] !== null) out[k] = null;
  for (const [k, v] of Object.entries(neu)) out[k] = isMap(old) ? replaceWith(old[k], v) : v;
  return out;
}

/** helm's deletion: a null in a higher layer removes the value below it (the model types have no null). */
export function removed<T>(): T {
  return null as unknown as T;
}

/** Comma separated items, trimmed; spaces stay inside an item so a typo is caught, not split. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `a=b, c=d`: keys and values as Kubernetes labels and annotations use them. */
export function parseKeyValues(text: string): { map?: Record<string, string>; error?: string } {
  const map: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { error: `"${part}" is not key=value` };
    const key = part.slice(0, eq).trim();
    if (!/^([a-zA-Z0-9.-]+\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/.test(key))
      return { error: `"${key}" is not a valid key` };
    map[key] = part.slice(eq + 1).trim();
  }
  return { map };
}

export function formatKeyValues(map: Record<string, string> | undefined | null): string {
  return Object.entries(map ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const EFFECTS = TAINT_EFFECTS;

/** `key=value:Effect`, `key:Effect` (any value), `key`, comma separated. */
export function parseTolerations(text: string): { list?: Toleration[]; error?: string } {
  const list: Toleration[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^=:\s]+)(?:=([^:\s]*))?(?::([A-Za-z]+))?$/.exec(part);
    if (!m) return { error: `"${part}" is not key[=value][:Effect]` };
    const [, key, value, effect] = m;
    if (effect && !(EFFECTS as readonly string[]).includes(effect)) {
      return { error: `"${effect}" is not a taint effect (${EFFECTS.join(', ')})` };
    }
    const t: Toleration =
      value !== undefined && value !== '' ? { key, operator: 'Equal', value } : { key, operator: 'Exists' };
    if (effect) t.effect = effect as Toleration['effect'];
    list.push(t);
  }
  return { list };
}

export function formatToleration(t: Toleration): string {
  const base = t.key ?? '*';
  const value = t.operator !== 'Exists' && t.value ? `=${t.value}` : '';
  return `${base}${value}${t.effect ? `:${t.effect}` : ''}`;
}

export function formatTolerations(list: Toleration[] | undefined | null): string {
  return (list ?? []).map(formatToleration).join(', ');
}

export function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    a.key === b.key &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator === 'Exists' || b.operator === 'Exists' || a.value === b.value)
  );
}

/** A validator from a check that returns a message, allowing an empty answer when `optional`. */
export function checked(
  check: (s: string) => string | undefined,
  fix?: string,
  optional = false,
): (s: string) => string | undefined {
  return (s) => {
    if (s === '' && optional) return undefined;
    const m = check(s);
    return m === undefined ? undefined : fix ? `${m}. ${fix}` : m;
  };
}

export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}
