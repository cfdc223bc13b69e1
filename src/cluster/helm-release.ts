/**
 * An existing release, read from helm's own storage without the helm binary (FACTS §8): Secrets
 * `sh.helm.release.v1.<name>.v<revision>`, whose `release` key is base64 (the API's) of base64
 * (helm's) of gzip of the release JSON.
 */
import { gunzipSync } from 'node:zlib';
import { redactSecrets } from '../model/secrets.js';
import type { SecretLike } from './objects.js';
import type { HelmRelease, ReleaseFinding } from './types.js';

interface ReleaseJson {
  name?: string;
  namespace?: string;
  version?: number;
  info?: { status?: string; first_deployed?: string; last_deployed?: string; description?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
  config?: Record<string, unknown> | null;
}

export function decodeHelmRelease(secret: SecretLike): HelmRelease {
  const data = secret.data?.release;
  if (!data) throw new Error(`Secret ${secret.metadata?.name} has no release key`);
  const helmLayer = Buffer.from(data, 'base64').toString('utf8');
  let raw = Buffer.from(helmLayer, 'base64');
  // Helm gzips since 2.x; it reads uncompressed data too, so do the same.
  if (raw.length > 3 && raw[0] === 0x1f && raw[1] === 0x8b && raw[2] === 0x08) raw = gunzipSync(raw);
  const r = JSON.parse(raw.toString('utf8')) as ReleaseJson;
  const meta = r.chart?.metadata;
  return {
    name: r.name ?? secret.metadata?.labels?.name ?? '',
    namespace: r.namespace ?? secret.metadata?.namespace ?? '',
    revision: r.version ?? revisionOf(secret),
    status: r.info?.status ?? secret.metadata?.labels?.status ?? 'unknown',
    ...(meta ? { chart: { name: meta.name, version: meta.version, appVersion: meta.appVersion } } : {}),
    ...(r.info?.first_deployed ? { firstDeployed: r.info.first_deployed } : {}),
    ...(r.info?.last_deployed ? { lastDeployed: r.info.last_deployed } : {}),
    ...(r.info?.description ? { description: r.info.description } : {}),
    // Only ever shown (doctor, --json): the deployed secrets stay on the cluster.
    values: redactSecrets(r.config ?? {}),
  };
}

/** The release's Secrets (any revisions, any order) → its latest revision, decoded. */
export function interpretReleaseSecrets(secrets: SecretLike[]): ReleaseFinding {
  const releases = secrets.filter((s) => s.type === undefined || s.type === 'helm.sh/release.v1');
  if (releases.length === 0) return { revisions: 0 };
  const latest = releases.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
  try {
    return { revisions: releases.length, latest: decodeHelmRelease(latest) };
  } catch (e) {
    return { revisions: releases.length, decodeError: `${latest.metadata?.name}: ${(e as Error).message}` };
  }
}

function revisionOf(s: SecretLike): number {
  const fromLabel = Number(s.metadata?.labels?.version);
  if (Number.isInteger(fromLabel)) return fromLabel;
  return Number(/\.v(\d+)$/.exec(s.metadata?.name ?? '')?.[1] ?? 0);
}
