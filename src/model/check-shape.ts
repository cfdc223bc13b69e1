/**
 * Structural check of a values object against VALUES_SCHEMA: unknown keys (with the nearest known
 * name), wrong types, values outside an enum, negative ids. Every problem is collected. It walks
 * the schema object itself (TypeBox's nodes are plain JSON Schema), so it has no key list of its
 * own, and start-up pays for no compiled validator.
 */
import type { Problem } from '../errors.js';
import { isMap } from './merge.js';
import { isSecretPath } from './secrets.js';
import { VALUES_SCHEMA, type Schema } from './schema.js';

/** The keywords this walker acts on; the rest of a schema node is annotation. */
export const SHAPE_KEYWORDS = ['type', 'enum', 'minimum', 'items', 'properties', 'additionalProperties'] as const;
/** Keywords that say nothing about validity. */
export const ANNOTATION_KEYWORDS = ['$schema', 'title', 'description', 'default'] as const;

/**
 * `allowNull`: a layer (file, --set) may set any key to null, helm's way of deleting a value
 * below it; the merged result may not, except where the schema allows null.
 */
export function checkShape(value: unknown, opts: { allowNull?: boolean; schema?: Schema } = {}): Problem[] {
  const problems: Problem[] = [];
  walk(value, opts.schema ?? VALUES_SCHEMA, '', problems, opts.allowNull ?? false);
  return problems;
}

function walk(v: unknown, s: Schema, path: string, out: Problem[], allowNull: boolean): void {
  const field = path || '(top level)';
  if (v === null && allowNull) return;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 0 && !types.some((t) => hasType(v, t))) {
    out.push({
      field,
      message: `is ${isSecretPath(path) ? describeType(v) : describe(v)}, expected ${types.filter((t) => t !== 'null').join(' or ')}`,
      fix: s.enum ? `Use one of: ${s.enum.filter((e) => e !== null).join(', ')}.` : fixForType(types[0]),
      severity: 'error',
    });
    return;
  }
  if (v === null) return;
  if (s.enum && !s.enum.includes(v)) {
    const fix = `Use one of: ${s.enum.filter((e) => e !== null).join(', ')}.`;
    out.push({ field, message: `"${String(v)}" is not allowed`, fix, severity: 'error' });
  }
  if (s.minimum !== undefined && typeof v === 'number' && v < s.minimum) {
    const fix = `Use a whole number of at least ${s.minimum}.`;
    out.push({ field, message: `${v} is below ${s.minimum}`, fix, severity: 'error' });
  }
  if (Array.isArray(v) && s.items) {
    const items = s.items;
    v.forEach((x, i) => {
      // A null in a list is not a deletion: helm pads the entries before an index it sets with
      // null (--set tolerations[1].key=...), and the chart would render an empty entry.
      if (x === null && !acceptsNull(items))
        out.push(emptyEntry(`${path}[${i}]`, path, items.type === 'object' ? '.key' : ''));
      else walk(x, items, `${path}[${i}]`, out, allowNull);
    });
  }
  if (isMap(v) && (s.properties || s.additionalProperties !== undefined)) {
    for (const [k, x] of Object.entries(v)) {
      const sub = `${path ? `${path}.` : ''}${k}`;
      const known = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
      if (known) walk(x, known, sub, out, allowNull);
      else if (s.additionalProperties === false) out.push(unknownKey(sub, k, Object.keys(s.properties ?? {})));
      else if (typeof s.additionalProperties === 'object') walk(x, s.additionalProperties, sub, out, allowNull);
    }
  }
}

function acceptsNull(s: Schema): boolean {
  return s.type === undefined || s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'));
}

function emptyEntry(field: string, list: string, sub: string): Problem {
  return {
    field,
    message: 'is an empty entry (null)',
    fix: `Give every entry of ${list} from [0] (helm fills the ones before an index you set with null), e.g. --set ${list}[0]${sub}=a,${list}[1]${sub}=b; or remove the empty entry.`,
    severity: 'error',
  };
}

function unknownKey(field: string, key: string, known: string[]): Problem {
  const near = nearest(key, known);
  return {
    field,
    message: 'is not a key the Polyaxon chart reads',
    fix: near ? `Did you mean "${near}"?` : `Known keys here: ${known.join(', ')}.`,
    severity: 'error',
  };
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'object':
      return isMap(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    default:
      return typeof v === t;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  if (typeof v === 'string') return `the text "${v}"`;
  return `${typeof v} ${String(v)}`;
}

/** What a secret is, without its value. */
function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  return typeof v === 'string' ? 'text' : `a ${typeof v}`;
}

function fixForType(t: string): string {
  return (
    (
      {
        boolean: 'Use true or false (without quotes).',
        integer: 'Use a whole number (without quotes).',
        string: 'Quote the value to make it text.',
        object: 'Use a map of key: value lines.',
        array: 'Use a list (lines starting with "- ").',
      } as Record<string, string>
    )[t] ?? `Use a ${t}.`
  );
}

/** Nearest known name by edit distance, when close enough to be a typo. */
export function nearest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
