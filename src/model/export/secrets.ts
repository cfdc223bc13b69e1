/**
 * Which chart values are secrets, so an export can keep them out of every object that goes to git.
 * A value is secret when its key says so (a password, a token, an erlang cookie, the chart's own
 * signing keys) and it is text; booleans such as `usePassword` and names of existing Secrets
 * (`existingSecret`, `secretName`, `*PasswordKey`) are not. The externalServices options maps can
 * hold OAuth client secrets and DSNs, so they are secret whole.
 */
import { isMap } from '../merge.js';
import { setPath } from '../lines/paths.js';

/** Keys whose text is a secret wherever they are. */
const SECRET_LEAF = /(^|[a-z_])(password|Password|passwd|token|Token|erlangCookie|bindPassword|secretKey)$/;
/** Keys that name a Secret or a key in one, or say how to use one: never the secret itself. */
const REFERENCE_LEAF =
  /(existing\w*Secret|existingSecret\w*|secretName|\w+Key$|\w+Keys$|\w+File$|\w+Files$|^use\w+|Length$|Auth$|FromSecret$)/;
/** Whole paths that are secret (the chart signs sessions and tokens with them). */
const SECRET_PATHS = ['polyaxonSecret', 'internalToken', 'encryptionSecret', 'organizationKey', 'agent.token'];
/** Maps that are secret as a whole: connection options of external services. */
const SECRET_MAPS = /^externalServices\.(analytics|transactions|errors|metrics|auth\.[a-z]+)\.options$/;

export interface SplitValues {
  /** What may go into an Application, a HelmRelease or helmfile.yaml. */
  plain: Record<string, unknown>;
  /** Only the secret values, at their paths. */
  secret: Record<string, unknown>;
  /** Dotted paths of the secret values, sorted. */
  paths: string[];
}

export function isSecretPath(path: readonly string[], value: unknown): boolean {
  const dotted = path.join('.');
  if (SECRET_MAPS.test(dotted))
    return value !== null && value !== undefined && !(isMap(value) && !Object.keys(value).length);
  if (typeof value !== 'string' || value === '') return false;
  if (SECRET_PATHS.includes(dotted)) return true;
  const leaf = path[path.length - 1];
  // secretKey is a key *name* under artifacts stores' `secret:` maps (store credentials are Secrets already).
  if (leaf === 'secretKey' && path.length > 1) return false;
  return SECRET_LEAF.test(leaf) && !REFERENCE_LEAF.test(leaf);
}

export function splitSecrets(values: Record<string, unknown>): SplitValues {
  const out: SplitValues = { plain: {}, secret: {}, paths: [] };
  walk(values, [], out);
  out.paths.sort();
  return out;
}

function walk(v: Record<string, unknown>, path: string[], out: SplitValues): void {
  for (const [k, x] of Object.entries(v)) {
    const p = [...path, k];
    if (isSecretPath(p, x)) {
      setPath(out.secret, p, x);
      out.paths.push(p.join('.'));
    } else if (isMap(x) && Object.keys(x).length && !SECRET_MAPS.test(p.join('.'))) walk(x, p, out);
    else setPath(out.plain, p, x);
  }
}

/** Every secret text, for tests and for a last check that none leaked into a plain file. */
export function secretTexts(secret: Record<string, unknown>): string[] {
  const out: string[] = [];
  const go = (v: unknown) => {
    if (typeof v === 'string' && v) out.push(v);
    else if (Array.isArray(v)) v.forEach(go);
    else if (isMap(v)) Object.values(v).forEach(go);
  };
  go(secret);
  return out;
}
