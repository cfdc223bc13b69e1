/**
 * config.yaml as text: keys in the spec's order (then the rest alphabetically), so the same
 * answers always give the same bytes, a schema line atop for editors, and a masked form for
 * showing on screen.
 */
import yaml from 'js-yaml';
import { isMap, put } from './merge.js';
import { redactSecrets } from './secrets.js';
import { VALUES_SCHEMA, type Schema } from './schema.js';

export const SCHEMA_FILE = 'polyaxon-setup.schema.json';
export { MASK } from './secrets.js';

export function toYaml(values: Record<string, unknown>, opts: { schemaRef?: string; header?: string } = {}): string {
  const ordered = orderKeys(values, VALUES_SCHEMA);
  const body = yaml.dump(ordered, { lineWidth: 120, noRefs: true, sortKeys: false, quotingType: '"' });
  const lines: string[] = [];
  if (opts.schemaRef) lines.push(`# yaml-language-server: $schema=${opts.schemaRef}`);
  if (opts.header) lines.push(...opts.header.split('\n').map((l) => `# ${l}`.trimEnd()));
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${body}`;
}

/** The same document with every secret replaced, for review screens and logs. */
export function maskSecrets(values: Record<string, unknown>): Record<string, unknown> {
  return { ...redactSecrets(values) };
}

export function holdsSecret(values: Record<string, unknown>): boolean {
  const u = values.user;
  return isMap(u) && typeof u.password === 'string' && u.password !== '';
}

function orderKeys(v: unknown, s: Schema | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => orderKeys(x, s?.items));
  if (!isMap(v)) return v;
  const known = Object.keys(s?.properties ?? {});
  const keys = Object.keys(v).sort((a, b) => {
    const [ia, ib] = [known.indexOf(a), known.indexOf(b)];
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0) return -1;
    if (ib >= 0) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const sub =
      (s?.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined) ??
      (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
    put(out, k, orderKeys(v[k], sub));
  }
  return out;
}
