/**
 * The spec's volumes on the lines from 1.0 on, which have no `persistence`: one artifacts store
 * (host_path, volume_claim, or a gcs/s3/wasb bucket with its secret) and named connections. What
 * the new shape cannot say is named, never dropped in silence.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Problem } from '../../errors.js';
import { SPEC_DEFAULTS } from '../defaults.js';
import { isMap } from '../merge.js';
import type { Custom } from './translate.js';

type Entry = Record<string, unknown>;

const KIND_OF_STORE: Record<string, string> = { gcs: 'gcs', s3: 's3', azure: 'wasb' };
const STORE_OF_KIND: Record<string, string> = { gcs: 'gcs', s3: 's3', wasb: 'azure' };
const VOLUME_KINDS = new Set(['host_path', 'volume_claim', ...Object.keys(STORE_OF_KIND)]);

/** A spec volume entry as a connection of the line. */
export function connectionOf(name: string, e: Entry): Entry {
  const store = typeof e.store === 'string' ? KIND_OF_STORE[e.store] : undefined;
  if (store) {
    const c: Entry = { name, kind: store, schema: { bucket: e.bucket } };
    if (e.secret) c.secret = { name: e.secret };
    return c;
  }
  const schema: Entry = e.existingClaim
    ? { volumeClaim: e.existingClaim, mountPath: e.mountPath ?? `/${name}` }
    : { hostPath: e.hostPath, mountPath: e.mountPath ?? e.hostPath };
  if (e.readOnly !== undefined) schema.readOnly = e.readOnly;
  return { name, kind: e.existingClaim ? 'volume_claim' : 'host_path', schema };
}

/** The reverse: a connection as a spec volume entry, or undefined for a kind the spec has not. */
export function entryOf(c: Entry): [string, Entry] | undefined {
  if (typeof c.name !== 'string' || typeof c.kind !== 'string' || !VOLUME_KINDS.has(c.kind)) return undefined;
  const s = isMap(c.schema) ? c.schema : {};
  const e: Entry = {};
  if (STORE_OF_KIND[c.kind]) {
    e.store = STORE_OF_KIND[c.kind];
    if (s.bucket !== undefined) e.bucket = s.bucket;
    if (isMap(c.secret) && c.secret.name) e.secret = c.secret.name;
  } else {
    if (c.kind === 'volume_claim') e.existingClaim = s.volumeClaim;
    else e.hostPath = s.hostPath;
    if (s.mountPath !== undefined) e.mountPath = s.mountPath;
    if (s.readOnly !== undefined) e.readOnly = s.readOnly;
  }
  return [c.name, e];
}

const entries = (m: unknown): [string, Entry][] =>
  isMap(m) ? (Object.entries(m).filter(([, v]) => isMap(v)) as [string, Entry][]) : [];

export const artifactsFromPersistence: Custom = {
  forward(out, label) {
    const p = out.persistence;
    if (!isMap(p)) return [];
    delete out.persistence;
    const notes: Problem[] = [];
    const warn = (field: string, message: string, fix?: string) =>
      notes.push({ field, message, fix, severity: 'warning' });
    const connections: Entry[] = [];
    const [first, ...more] = entries(p.outputs);
    if (first) {
      out.artifactsStore = connectionOf(...first);
      if (first[1].secretKey) {
        warn(
          `persistence.outputs.${first[0]}.secretKey`,
          `is not written for ${label}: the artifacts store reads every key of the secret ${String(first[1].secret)}`,
        );
      }
    }
    for (const [name, e] of more) {
      connections.push(connectionOf(name, e));
      warn(
        `persistence.outputs.${name}`,
        `is written as a connection for ${label}: it has one artifacts store (${first[0]}), so runs reach ${name} by name`,
      );
    }
    for (const [name, e] of entries(p.data)) {
      // Runs mount a connection by name, as 0.6 runs mounted data volumes; the platform's own pods
      // did not, so nothing goes into mountConnections.
      connections.push(connectionOf(name, e));
    }
    if (connections.length) out.connections = connections;
    const defaults = SPEC_DEFAULTS.persistence as Record<string, unknown>;
    for (const k of ['logs', 'repos', 'upload'])
      if (p[k] !== undefined && p[k] !== null && !isDeepStrictEqual(p[k], defaults[k]))
        warn(
          `persistence.${k}`,
          `is not written for ${label}: logs, repos and uploads live in the artifacts store on this line`,
          'Set the outputs store (persistence.outputs) to the claim or bucket you meant for them.',
        );
    return notes;
  },
  back(out) {
    const outputs: Record<string, Entry | null> = {};
    const data: Record<string, Entry | null> = {};
    if (isMap(out.artifactsStore)) {
      const e = entryOf(out.artifactsStore);
      if (e) {
        outputs[e[0]] = e[1];
        // The line has one store: the one given replaces the spec's default outputs volume.
        for (const name of Object.keys(SPEC_DEFAULTS.persistence?.outputs ?? {}))
          if (name !== e[0]) outputs[name] = null;
        delete out.artifactsStore;
      }
    }
    if (Array.isArray(out.connections)) {
      const rest = out.connections.filter((c) => {
        const e = isMap(c) ? entryOf(c) : undefined;
        if (e) data[e[0]] = e[1];
        return !e;
      });
      // A list replaces the one below it, as helm merges lists: the spec's default data volume goes.
      if (Object.keys(data).length)
        for (const name of Object.keys(SPEC_DEFAULTS.persistence?.data ?? {})) if (!(name in data)) data[name] = null;
      if (rest.length) out.connections = rest;
      else delete out.connections;
    }
    if (Object.keys(outputs).length || Object.keys(data).length) {
      const p: Entry = isMap(out.persistence) ? out.persistence : {};
      if (Object.keys(outputs).length) p.outputs = outputs;
      if (Object.keys(data).length) p.data = data;
      out.persistence = p;
    }
  },
};

export const nodePortSslOn2x: Custom = {
  forward(out, label) {
    const ssl = out.ssl;
    if (!isMap(ssl)) return [];
    delete out.ssl;
    if (ssl.enabled !== true) return [];
    return [
      {
        field: 'ssl',
        message: `is not written for ${label}: the chart never mounts ssl.secretName, so the API would not serve HTTPS`,
        fix: 'Use an Ingress with TLS instead (ingress.enabled and an ingress.tls entry).',
        severity: 'warning',
      },
    ];
  },
  back() {},
};
