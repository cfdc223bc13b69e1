/**
 * helm's `--set` language (strvals): `a.b=c,d[0].e=f`, `a\.b=c` for a dot inside a key,
 * `a={x,y}` for a list, `\,` for a literal comma. `--set` types its values as helm does (true,
 * false, null, whole numbers that do not start with 0; floats stay strings); `--set-string`
 * keeps every value a string.
 */
import { ConfigError } from '../errors.js';
import { isMap } from './merge.js';
import { isSecretKey, MASK } from './secrets.js';

export type PathSeg = string | number;

/** No chart value is nested this deep; a deeper key is a mistake, refused before it costs anything. */
export const MAX_DEPTH = 64;
export interface Assignment {
  path: PathSeg[];
  value: unknown;
}

export function parseSet(expr: string, opts: { string: boolean }): Assignment[] {
  const flag = opts.string ? '--set-string' : '--set';
  const fail = (why: string): never => {
    throw new ConfigError(`${flag} "${describeSet(expr)}": ${why}.`, [
      {
        field: flag,
        message: why,
        fix: 'Use key=value, e.g. --set ingress.hostName=polyaxon.acme.com',
        severity: 'error',
      },
    ]);
  };
  const out: Assignment[] = [];
  for (const part of splitTop(expr, ',')) {
    if (part === '') continue;
    const eq = indexUnescaped(part, '=');
    if (eq < 0) fail(`${secretBefore(out) ? 'a part after a password' : `"${part}"`} has no "=" (expected key=value)`);
    const path = parseKey(part.slice(0, eq), fail);
    const raw = part.slice(eq + 1);
    const value =
      raw.startsWith('{') && raw.endsWith('}')
        ? splitTop(raw.slice(1, -1), ',')
            .filter((s) => s !== '')
            .map((s) => typed(unescape(s), opts.string))
        : typed(unescape(raw), opts.string);
    out.push({ path, value });
  }
  if (out.length === 0) fail('nothing to set');
  return out;
}

/** A part without "=" right after a secret is most likely the rest of its value (an unescaped comma). */
function secretBefore(out: Assignment[]): boolean {
  const last = out[out.length - 1];
  return last !== undefined && pathIsSecret(last.path);
}

function pathIsSecret(path: readonly PathSeg[]): boolean {
  const key = [...path].reverse().find((s) => typeof s === 'string');
  return typeof key === 'string' && isSecretKey(unescape(key));
}

/**
 * The expression as it may be shown: every key, and the value of every key that is not a secret
 * (`user.password=********,bogus=1`); a part with no "=" after a secret is masked too.
 */
export function describeSet(expr: string): string {
  let afterSecret = false;
  return splitTop(expr, ',')
    .map((part) => {
      const eq = indexUnescaped(part, '=');
      if (eq < 0) return afterSecret ? MASK : part;
      const key = part.slice(0, eq);
      const segs = key.split(/(?<!\\)[.[\]]/).filter((x) => x !== '' && !/^\d+$/.test(x));
      afterSecret = segs.length > 0 && isSecretKey(unescape(segs[segs.length - 1]));
      return afterSecret ? `${key}=${MASK}` : part;
    })
    .join(',')
    .replace(/^(.{200}).+$/s, '$1...');
}

export function applySet(
  target: Record<string, unknown>,
  expr: string,
  opts: { string: boolean },
): Record<string, unknown> {
  for (const a of parseSet(expr, opts)) assign(target, a.path, a.value);
  return target;
}

function assign(root: Record<string, unknown>, path: PathSeg[], value: unknown): void {
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const nextIsIndex = typeof path[i + 1] === 'number';
    let next = Object.hasOwn(cur, seg) ? cur[seg] : undefined;
    if (nextIsIndex ? !Array.isArray(next) : !isMap(next)) {
      // Maps without a prototype: `__proto__` and `constructor` are keys like any other.
      next = nextIsIndex ? [] : Object.create(null);
      cur[seg] = next;
    }
    cur = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (Array.isArray(cur) && typeof last === 'number') {
    // helm pads a list with nulls to reach the index
    while (cur.length < last) cur.push(null);
  }
  cur[last] = value;
}

function parseKey(key: string, fail: (why: string) => never): PathSeg[] {
  if (key === '') fail('a key is empty');
  const segs: PathSeg[] = [];
  let buf = '';
  let i = 0;
  const flush = () => {
    if (buf === '') fail(`key "${key}" has an empty part`);
    segs.push(buf);
    buf = '';
  };
  while (i < key.length) {
    const c = key[i];
    if (c === '\\' && i + 1 < key.length) {
      buf += key[i + 1];
      i += 2;
    } else if (c === '.') {
      if (buf !== '') flush();
      else if (segs.length === 0 || typeof segs[segs.length - 1] !== 'number') fail(`key "${key}" has an empty part`);
      i++;
    } else if (c === '[') {
      const close = key.indexOf(']', i);
      const idx = key.slice(i + 1, close);
      if (close < 0 || !/^\d+$/.test(idx)) fail(`key "${key}" has a bad list index (use name[0])`);
      if (buf !== '') flush();
      else if (segs.length === 0) fail(`key "${key}" starts with an index`);
      const n = Number(idx);
      if (n > 65536) fail(`index ${n} in "${key}" is too large`);
      segs.push(n);
      i = close + 1;
    } else {
      buf += c;
      i++;
    }
  }
  if (buf !== '') segs.push(buf);
  else if (typeof segs[segs.length - 1] !== 'number') fail(`key "${key}" ends with "."`);
  if (segs.length > MAX_DEPTH) fail(`key "${key.slice(0, 40)}..." is nested deeper than ${MAX_DEPTH} levels`);
  return segs;
}

function typed(s: string, asString: boolean): unknown {
  if (asString) return s;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (s === '0') return 0;
  if (/^-?[1-9]\d*$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
  return s;
}

/** Splits on `sep` outside braces and not escaped; escapes are kept for the next stage. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let buf = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      buf += c + s[i + 1];
      i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === sep && depth === 0) {
      parts.push(buf);
      buf = '';
    } else buf += c;
  }
  parts.push(buf);
  return parts;
}

function indexUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}
