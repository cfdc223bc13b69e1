/**
 * Server-side apply, simplified: each applier's fields are recorded as FieldsV1 in
 * metadata.managedFields; re-applying removes the fields that manager set last time and
 * no longer sets, then merges the new configuration (keyed lists by their merge key).
 * Conflicts are reported only against other appliers (kube also tracks Update managers).
 */
import { PRIMITIVE_SET_LISTS, isMap, mergeKeyFor } from './patch.js';
import { failure } from './status.js';
import { now } from './store.js';

type FieldSet = Record<string, any>;

const IDENTITY_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
  'deletionTimestamp',
]);

function itemKey(key: string, item: any): string {
  return `k:${JSON.stringify({ [key]: item[key] })}`;
}

/** The FieldsV1 set a configuration claims. */
export function fieldSet(config: any, path: string[] = []): FieldSet {
  const out: FieldSet = {};
  for (const [k, v] of Object.entries(config ?? {})) {
    if (path.length === 0 && (k === 'apiVersion' || k === 'kind')) continue;
    if (path.length === 1 && path[0] === 'metadata' && IDENTITY_META.has(k)) continue;
    const f = `f:${k}`;
    if (isMap(v)) out[f] = fieldSet(v, [...path, k]);
    else if (Array.isArray(v)) out[f] = listSet(k, v, [...path, k]);
    else out[f] = {};
  }
  return out;
}

function listSet(field: string, list: any[], path: string[]): FieldSet {
  if (list.every((x) => !isMap(x))) {
    if (!PRIMITIVE_SET_LISTS.has(field)) return {};
    return Object.fromEntries(list.map((x) => [`v:${JSON.stringify(x)}`, {}]));
  }
  const key = mergeKeyFor(field, list[0]);
  if (!key) return {};
  return Object.fromEntries(list.map((item) => [itemKey(key, item), { '.': {}, ...fieldSet(item, path) }]));
}

/** Finds the element a `k:`/`v:` entry names in a list. */
function findInList(list: any[], entry: string): number {
  if (entry.startsWith('v:')) {
    const v = JSON.parse(entry.slice(2));
    return list.findIndex((x) => x === v);
  }
  const want = JSON.parse(entry.slice(2)) as Record<string, unknown>;
  return list.findIndex((x) => isMap(x) && Object.entries(want).every(([k, v]) => x[k] === v));
}

/** Deletes from `obj` what `prev` owned and `next` no longer claims. Mutates `obj`. */
function dropReleased(obj: any, prev: FieldSet, next: FieldSet | undefined): void {
  for (const [entry, sub] of Object.entries(prev)) {
    if (entry === '.') continue;
    const keep = next?.[entry];
    if (entry.startsWith('f:')) {
      const k = entry.slice(2);
      if (!isMap(obj) || !(k in obj)) continue;
      if (keep === undefined) delete obj[k];
      else if (Object.keys(sub).length > 0 && (isMap(obj[k]) || Array.isArray(obj[k]))) dropReleased(obj[k], sub, keep);
    } else if (Array.isArray(obj)) {
      const i = findInList(obj, entry);
      if (i < 0) continue;
      if (keep === undefined) obj.splice(i, 1);
      else dropReleased(obj[i], sub, keep);
    }
  }
}

function applyMerge(target: any, config: any, field = ''): any {
  if (Array.isArray(config)) {
    if (config.every((x) => !isMap(x))) {
      if (!PRIMITIVE_SET_LISTS.has(field) || !Array.isArray(target)) return structuredClone(config);
      return [...target, ...config.filter((x) => !target.includes(x))];
    }
    const key = mergeKeyFor(field, config[0]);
    if (!key || !Array.isArray(target)) return structuredClone(config);
    const out = [...target];
    for (const item of config) {
      const i = out.findIndex((x) => isMap(x) && x[key] === item[key]);
      if (i >= 0) out[i] = applyMerge(out[i], item);
      else out.push(structuredClone(item));
    }
    return out;
  }
  if (!isMap(config)) return config;
  const out: Record<string, any> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(config)) {
    if (v === null) delete out[k];
    else out[k] = applyMerge(out[k], v, k);
  }
  return out;
}

/** Leaf paths of a set, as `.spec.replicas` strings, with the value each names in `obj`. */
function leaves(set: FieldSet, prefix = ''): string[][] {
  const out: string[][] = [];
  for (const [entry, sub] of Object.entries(set)) {
    if (entry === '.') continue;
    const children = leaves(sub, '');
    if (children.length === 0) out.push([entry]);
    else for (const c of children) out.push([entry, ...c]);
  }
  return prefix ? out.map((p) => [prefix, ...p]) : out;
}

function valueAt(obj: any, entries: string[]): unknown {
  let cur = obj;
  for (const e of entries) {
    if (e.startsWith('f:')) cur = isMap(cur) ? cur[e.slice(2)] : undefined;
    else if (Array.isArray(cur)) cur = cur[findInList(cur, e)];
    else return undefined;
  }
  return cur;
}

function has(set: FieldSet, entries: string[]): boolean {
  let cur: any = set;
  for (const e of entries) {
    cur = cur?.[e];
    if (cur === undefined) return false;
  }
  return true;
}

const readable = (entries: string[]) =>
  entries.map((e) => (e.startsWith('f:') ? `.${e.slice(2)}` : `[${e.slice(2)}]`)).join('');

export interface ApplyResult {
  object: any;
}

/** Applies `config` for `manager` over `current` (undefined when creating). */
export function serverSideApply(
  current: any | undefined,
  config: any,
  manager: string,
  force: boolean,
  apiVersion: string,
): any {
  const next = fieldSet(config);
  const managed: any[] = current?.metadata?.managedFields ?? [];
  if (!force && current) {
    for (const other of managed) {
      if (other.manager === manager || other.operation !== 'Apply') continue;
      const clashes = leaves(next).filter(
        (p) =>
          has(other.fieldsV1 ?? {}, p) && JSON.stringify(valueAt(current, p)) !== JSON.stringify(valueAt(config, p)),
      );
      if (clashes.length > 0) {
        throw failure(
          409,
          'Conflict',
          `Apply failed with ${clashes.length} conflict${clashes.length > 1 ? 's' : ''}: ${clashes.map((p) => `conflict with "${other.manager}": ${readable(p)}`).join('\n')}`,
          {
            causes: clashes.map((p) => ({
              reason: 'FieldManagerConflict',
              message: `conflict with "${other.manager}"`,
              field: readable(p),
            })),
          },
        );
      }
    }
  }
  const base = current ? structuredClone(current) : {};
  const mine = managed.find((m) => m.manager === manager && m.operation === 'Apply');
  if (mine?.fieldsV1) dropReleased(base, mine.fieldsV1, next);
  const merged = applyMerge(base, config);
  merged.metadata ??= {};
  merged.metadata.managedFields = [
    ...managed
      .filter((m) => !(m.manager === manager && m.operation === 'Apply'))
      .map((m) => (force && m.operation === 'Apply' ? { ...m, fieldsV1: without(m.fieldsV1 ?? {}, next) } : m)),
    { manager, operation: 'Apply', apiVersion, time: now(), fieldsType: 'FieldsV1', fieldsV1: next },
  ];
  return merged;
}

/** A forced apply takes fields away from their previous owners. */
function without(set: FieldSet, taken: FieldSet): FieldSet {
  const out: FieldSet = {};
  for (const [k, v] of Object.entries(set)) {
    const t = taken[k];
    if (t === undefined) out[k] = v;
    else if (Object.keys(v).length > 0 && Object.keys(t).length > 0) {
      const rest = without(v, t);
      if (Object.keys(rest).some((x) => x !== '.')) out[k] = rest;
    }
  }
  return out;
}
