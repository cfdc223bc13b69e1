/**
 * JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch.
 * Strategic merge knows the merge keys of the lists helm's three-way patches touch, and
 * honours the directives client-go emits ($patch, $setElementOrder, $retainKeys,
 * $deleteFromPrimitiveList); any other list is replaced, as kube does for atomic lists.
 */
import { failure } from './status.js';

export const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: any, patch: any): any {
  if (!isMap(patch)) return structuredClone(patch);
  const out: Record<string, any> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Merge key of a list field, by field name (and, for `ports`, by what the items carry). */
export function mergeKeyFor(field: string, sample: any): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      return isMap(sample) && 'containerPort' in sample ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

/** Primitive lists kube merges as sets rather than replacing. */
export const PRIMITIVE_SET_LISTS = new Set(['finalizers']);

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

export function strategicMergePatch(target: any, patch: any): any {
  const r = smp(target, patch);
  return r === undefined ? {} : r;
}

function smp(target: any, patch: any): any {
  if (!isMap(patch)) return structuredClone(patch);
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') return smp(undefined, { ...patch, $patch: undefined });
  const out: Record<string, any> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$') || v === undefined) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, out[k], v);
    else if (isMap(v)) {
      const merged = smp(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_PRIMITIVE) && Array.isArray(v)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      if (Array.isArray(out[field])) out[field] = out[field].filter((x: unknown) => !v.includes(x));
    }
    if (k.startsWith(SET_ORDER) && Array.isArray(v)) {
      const field = k.slice(SET_ORDER.length);
      if (Array.isArray(out[field])) out[field] = reorder(field, out[field], v);
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const k of Object.keys(out)) if (!patch.$retainKeys.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(field: string, target: unknown, patch: any[]): any[] {
  if (patch.some((p) => isMap(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isMap(p) && p.$patch === 'replace')).map((p) => smp(undefined, p));
  }
  const current = Array.isArray(target) ? [...target] : [];
  if (patch.every((p) => !isMap(p))) {
    if (!PRIMITIVE_SET_LISTS.has(field)) return structuredClone(patch);
    return [...current, ...patch.filter((p) => !current.includes(p))];
  }
  const key = mergeKeyFor(field, patch.find(isMap) ?? current[0]);
  if (!key) return patch.map((p) => smp(undefined, p)).filter((p) => p !== undefined);
  for (const item of patch) {
    if (!isMap(item)) continue;
    const i = current.findIndex((c) => isMap(c) && c[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) current.splice(i, 1);
    } else if (i >= 0) current[i] = smp(current[i], item);
    else current.push(smp(undefined, item));
  }
  return current;
}

/** Puts items in `$setElementOrder` order; items the order does not mention keep their place at the end. */
function reorder(field: string, items: any[], order: any[]): any[] {
  const key = mergeKeyFor(field, order.find(isMap) ?? items[0]);
  const idOf = (x: any) => (key && isMap(x) ? x[key] : x);
  const rank = new Map(order.map((o, i) => [idOf(o), i]));
  return items
    .map((item, i) => ({ item, i, r: rank.get(idOf(item)) ?? order.length + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.item);
}

// ---- RFC 6902 ----

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw invalidPatch(`invalid JSON pointer ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const invalidPatch = (message: string) => failure(422, 'Invalid', message);

function parentOf(doc: any, path: string): { parent: any; key: string } {
  const parts = pointer(path);
  if (parts.length === 0) throw invalidPatch('cannot address the document root');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : cur?.[p];
    if (cur === undefined || cur === null || typeof cur !== 'object')
      throw invalidPatch(`doc is missing path: "${path}"`);
  }
  return { parent: cur, key: parts[parts.length - 1] };
}

function getAt(doc: any, path: string): any {
  let cur = doc;
  for (const p of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : cur?.[p];
    if (cur === undefined) throw invalidPatch(`doc is missing path: "${path}"`);
  }
  return cur;
}

function removeAt(doc: any, path: string): any {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length))
      throw invalidPatch(`remove operation does not apply: doc is missing path: "${path}"`);
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) throw invalidPatch(`remove operation does not apply: doc is missing path: "${path}"`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function addAt(doc: any, path: string, value: any, replace: boolean): void {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length))
      throw invalidPatch(`add operation does not apply: index out of bounds: "${path}"`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else {
    if (replace && !(key in parent))
      throw invalidPatch(`replace operation does not apply: doc is missing key: "${path}"`);
    parent[key] = value;
  }
}

export function jsonPatch(target: any, ops: unknown): any {
  if (!Array.isArray(ops)) throw failure(400, 'BadRequest', 'json patch must be an array of operations');
  const doc = structuredClone(target);
  for (const op of ops) {
    switch (op?.op) {
      case 'add':
        addAt(doc, op.path, structuredClone(op.value), false);
        break;
      case 'replace':
        addAt(doc, op.path, structuredClone(op.value), true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'move':
        addAt(doc, op.path, removeAt(doc, op.from), false);
        break;
      case 'copy':
        addAt(doc, op.path, structuredClone(getAt(doc, op.from)), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value))
          throw invalidPatch(`testing value ${op.path} failed`);
        break;
      default:
        throw invalidPatch(`Unexpected kind: ${op?.op}`);
    }
  }
  return doc;
}
