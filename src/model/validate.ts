/**
 * Every rule the chart's values must meet, with all problems reported at once, each naming its
 * field and the fix. Structure and types come from the schema (check-shape.ts); the rules here
 * are the ones a schema cannot say.
 */
import type { Problem } from '../errors.js';
import { checkShape } from './check-shape.js';
import { BUCKET_SCHEMES, checks, FIXES } from './checks.js';
import { DEFAULT_ROOT_PASSWORD } from './defaults.js';
import { getPath, isMap } from './merge.js';
import { toleration } from './pieces.js';
import { pathsWhere, VALUES_SCHEMA } from './schema.js';
import {
  CORE_MOUNTS,
  STORES,
  VOLUME_MAPS,
  type NvidiaPaths,
  type Toleration,
  type Values,
  type VolumeEntry,
} from './values.js';

export { checks } from './checks.js';

/** One scheme per store of the schema's enum (a store added there fails to compile here). */

/** lib, bin, libcuda: a mount path needs its host directory. */
const NVIDIA_KEYS = VALUES_SCHEMA.properties.mountPaths.properties.nvidia.properties;

const ONE_SOURCE = 'Keep one: the claim for a PVC, or hostPath for a directory on the node.';

/** "a, b or c" */
function orList(xs: readonly string[]): string {
  return xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}` : xs.join('');
}

type Check = keyof typeof checks;

export function validateValues(input: Values): Problem[] {
  // nulls are helm's deletions: allowed anywhere, and read as "not set" by the rules below.
  const shape = checkShape(input, { allowNull: true });
  // Semantic rules read typed fields, so they only run on a well-typed object.
  if (shape.some((p) => p.severity === 'error')) return shape;
  const v = stripNulls(input) as Values;
  const out: Problem[] = [...shape];
  const err = (field: string, message: string, fix?: string) => out.push({ field, message, fix, severity: 'error' });
  const warn = (field: string, message: string, fix?: string) => out.push({ field, message, fix, severity: 'warning' });
  const use = (check: Check, field: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const m = (checks[check] as (x: unknown) => string | undefined)(value);
    if (m) err(field, m, FIXES[check]);
  };

  if (v.namespace !== undefined) use('dns1123Label', 'namespace', v.namespace);
  if (v.namespace === '') err('namespace', 'is empty', FIXES.dns1123Label);
  use('timezone', 'timezone', v.timezone);
  use('hostOrIp', 'hostName', v.hostName);
  v.allowedHosts?.forEach((h, i) => use('allowedHost', `allowedHosts[${i}]`, h));

  // Ingress and TLS
  const ing = v.ingress ?? {};
  use('ingressHost', 'ingress.hostName', ing.hostName);
  if (ing.path !== undefined && !ing.path.startsWith('/')) {
    err('ingress.path', `"${ing.path}" must start with "/"`, 'Use "/" or a path such as "/polyaxon".');
  }
  ing.tls?.forEach((t, i) => {
    const f = `ingress.tls[${i}]`;
    if (!t.secretName) err(`${f}.secretName`, 'is missing', 'Name the Secret that holds tls.crt and tls.key.');
    else use('dns1123Subdomain', `${f}.secretName`, t.secretName);
    if (!t.hosts || t.hosts.length === 0) err(`${f}.hosts`, 'is empty', 'List the host names the certificate covers.');
    t.hosts?.forEach((h, j) => {
      const m = checks.ingressHost(h);
      if (m) err(`${f}.hosts[${j}]`, m, FIXES.ingressHost);
    });
  });
  if (ing.enabled && ing.tls?.length && !ing.hostName) {
    const fix = 'Set ingress.hostName to the host the certificate covers.';
    err('ingress.hostName', 'is missing while ingress.tls is set', fix);
  }

  // NodePort SSL
  if (v.ssl?.enabled && !v.ssl.secretName) {
    err(
      'ssl.secretName',
      'is missing while ssl.enabled is true',
      'Name the Secret with your certificate and key (kubectl create -n polyaxon secret generic polyaxon-cert ...).',
    );
  }
  use('dns1123Subdomain', 'ssl.secretName', v.ssl?.secretName);
  use('absolutePath', 'ssl.path', v.ssl?.path);
  if (v.ssl?.enabled && v.serviceType && v.serviceType !== 'NodePort') {
    warn(
      'serviceType',
      `is ${v.serviceType} while ssl.enabled is true`,
      'The spec serves SSL from a NodePort service: set serviceType: NodePort, or use an ingress with TLS.',
    );
  }

  // DNS
  if (v.dns?.backend !== undefined && v.dns.backend !== '') use('dns1123Label', 'dns.backend', v.dns.backend);
  if (v.dns?.prefix) {
    const m = checks.dns1123Subdomain(v.dns.prefix);
    if (m) err('dns.prefix', m, 'Use "<service>.<namespace>", e.g. dns-default.openshift-dns.');
  }
  if (v.dns?.customCluster) use('hostname', 'dns.customCluster', v.dns.customCluster);

  // Root user
  use('email', 'user.email', v.user?.email);
  if (v.user?.username === '') err('user.username', 'is empty', 'Use a user name such as root.');
  use('username', 'user.username', v.user?.username);
  // The same rule as the wizard's: a typed password shorter than the chart's minimum is refused.
  if (typeof v.user?.password === 'string' && v.user.password !== '') use('password', 'user.password', v.user.password);
  if (v.user?.password === DEFAULT_ROOT_PASSWORD) {
    const fix = 'Set user.password, or set it to null to let Polyaxon generate one.';
    warn('user.password', 'is the default "rootpassword", which everyone knows', fix);
  }

  // GPU paths
  for (const group of ['dirs', 'mountPaths'] as const) {
    for (const [k, p] of Object.entries(v[group]?.nvidia ?? {})) use('absolutePath', `${group}.nvidia.${k}`, p);
  }
  const dirs = v.dirs?.nvidia ?? {};
  const mounts = v.mountPaths?.nvidia ?? {};
  for (const k of Object.keys(NVIDIA_KEYS) as (keyof NvidiaPaths)[]) {
    if (mounts[k] && !dirs[k]) {
      const fix = `Set dirs.nvidia.${k} to where the host has it.`;
      err(`mountPaths.nvidia.${k}`, `is set but dirs.nvidia.${k} is not`, fix);
    }
  }

  // Persistence
  const mountOwners = new Map<string, string>();
  const claimMount = (field: string, mountPath: string | undefined) => {
    if (!mountPath) return;
    const norm = mountPath.replace(/\/+$/, '') || '/';
    const first = mountOwners.get(norm);
    if (first) {
      const message = `"${mountPath}" is also the mountPath of ${first}`;
      err(`${field}.mountPath`, message, 'Give each volume its own mountPath.');
    } else mountOwners.set(norm, field);
  };
  for (const name of CORE_MOUNTS) {
    const m = v.persistence?.[name];
    if (!m) continue;
    const f = `persistence.${name}`;
    use('absolutePath', `${f}.mountPath`, m.mountPath);
    use('absolutePath', `${f}.hostPath`, m.hostPath);
    use('dns1123Subdomain', `${f}.existingClaim`, m.existingClaim);
    if (m.existingClaim && m.hostPath) err(f, 'has both existingClaim and hostPath', ONE_SOURCE);
    claimMount(f, m.mountPath);
  }
  for (const map of VOLUME_MAPS) {
    const entries = v.persistence?.[map];
    if (!entries) continue;
    for (const [name, e] of Object.entries(entries)) {
      if (e === null) continue;
      const f = `persistence.${map}.${name}`;
      const m = checks.dns1123Label(name);
      if (m) err(f, `the name ${m}`, 'Rename the entry: it becomes a volume name. ' + FIXES.dns1123Label);
      checkVolume(f, e, err, use);
      if (!e.store) claimMount(f, e.mountPath);
    }
  }

  // Security context
  const sc = v.securityContext;
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup', 'user', 'group'] as const)
    use('uidGid', `securityContext.${k}`, sc?.[k]);
  if (sc?.enabled && (v.persistence?.logs?.hostPath || v.persistence?.repos?.hostPath)) {
    const ids = `${sc.runAsUser ?? 2222}/${sc.runAsGroup ?? 2222}`;
    warn(
      'securityContext.enabled',
      `runs the core pods as UID/GID ${ids} while volumes use host paths`,
      "Make sure that UID/GID can read and write those host paths (the spec's caveat).",
    );
  }

  // Scheduling: tolerations need a key unless they tolerate everything with Exists. Every list
  // of the toleration piece is checked, wherever the schema has one.
  for (const path of pathsWhere((node) => node.items === toleration)) {
    const field = path.join('.');
    (getPath(v, path) as Toleration[] | undefined)?.forEach((t, i) => {
      if (!t.key && t.operator !== 'Exists') {
        err(`${field}[${i}].key`, 'is missing', 'Name the taint key, or use operator: Exists to tolerate every taint.');
      }
      if (t.operator === 'Exists' && t.value) {
        err(`${field}[${i}].value`, 'must be empty with operator Exists', 'Remove the value, or use operator: Equal.');
      }
    });
  }
  if (v.affinity !== undefined && v.affinity !== null && !isMap(v.affinity)) {
    err('affinity', 'must be a map', 'Use the Kubernetes affinity structure.');
  }
  return out;
}

function checkVolume(
  f: string,
  e: VolumeEntry,
  err: (field: string, message: string, fix?: string) => void,
  use: (check: Check, field: string, value: unknown) => void,
): void {
  if (e.store) {
    const scheme = BUCKET_SCHEMES[e.store];
    if (!e.bucket) err(`${f}.bucket`, `is missing for store ${e.store}`, `Set bucket to ${scheme}<bucket-name>.`);
    else {
      const message = checks.bucket(e.store, e.bucket);
      if (message) err(`${f}.bucket`, message, `Use ${scheme}<bucket-name>, or change store.`);
    }
    if (!e.secret) {
      err(`${f}.secret`, `is missing for store ${e.store}`, 'Name the Secret that holds the bucket credentials.');
    } else use('dns1123Subdomain', `${f}.secret`, e.secret);
    if (!e.secretKey) err(`${f}.secretKey`, `is missing for store ${e.store}`, 'Name the key inside that Secret.');
    if (e.hostPath || e.existingClaim) {
      err(
        f,
        `has store ${e.store} and also ${e.hostPath ? 'hostPath' : 'existingClaim'}`,
        'A bucket entry is not a volume: remove hostPath/existingClaim, or remove store.',
      );
    }
    return;
  }
  if (e.bucket || e.secret || e.secretKey) {
    err(`${f}.store`, 'is missing while bucket/secret are set', `Set store to ${orList(STORES)}.`);
  }
  if (e.existingClaim && e.hostPath) err(f, 'has both existingClaim and hostPath', ONE_SOURCE);
  if (!e.existingClaim && !e.hostPath && !e.bucket) {
    err(f, 'has no hostPath, existingClaim or store', 'Set hostPath, existingClaim, or store with bucket and secret.');
  }
  if (!e.mountPath) err(`${f}.mountPath`, 'is missing', 'Set where to mount it in the pods, e.g. /data.');
  use('absolutePath', `${f}.mountPath`, e.mountPath);
  use('absolutePath', `${f}.hostPath`, e.hostPath);
  use('dns1123Subdomain', `${f}.existingClaim`, e.existingClaim);
}

function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (!isMap(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, stripNulls(x)]),
  );
}

export function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}
