/**
 * Which values are secrets, and the same document with them masked. A key is secret when its
 * name says password, token, credential, private or API key, or secret (except the keys that only
 * *name* a Kubernetes Secret: `secretName`, `secret`, `secretKey`, `existingSecret`). Every place
 * that shows a value (errors, diffs, reviews, `doctor --json`) asks here, so no output path
 * prints one.
 */
export const MASK = '********';

const SECRET_WORD = /pass(word|wd|phrase)|token|secret|credential|private[-_]?key|api[-_]?key|access[-_]?key/i;
/** Keys holding the name of a Kubernetes Secret (or a key inside one), never its content. */
const SECRET_NAME_KEYS = new Set(['secretName', 'secret', 'secretKey', 'existingSecret', 'secretRef', 'secretKeyRef']);

export function isSecretKey(key: string): boolean {
  return SECRET_WORD.test(key) && !SECRET_NAME_KEYS.has(key);
}

/** A dotted path (`user.password`, `a[0].token`) whose last key is secret. */
export function isSecretPath(path: string | readonly (string | number)[]): boolean {
  const segs = typeof path === 'string' ? path.replace(/\[\d+\]/g, '').split('.') : path;
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i];
    if (typeof s === 'string') return isSecretKey(s);
  }
  return false;
}

/** A deep copy with the value under every secret key replaced by MASK (null and absent kept). */
export function redactSecrets<T>(v: T): T {
  return redact(v, false, 0) as T;
}

function redact(v: unknown, secret: boolean, depth: number): unknown {
  if (depth > 500) return MASK;
  if (Array.isArray(v)) return v.map((x) => redact(x, secret, depth + 1));
  if (v === null || v === undefined) return v;
  if (typeof v !== 'object') return secret ? MASK : v;
  // Own data properties on a plain object: a key named __proto__ stays a key.
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    Object.defineProperty(out, k, {
      value: redact(x, secret || isSecretKey(k), depth + 1),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return out;
}
