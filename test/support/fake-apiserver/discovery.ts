/** Discovery documents (legacy, unaggregated form) in the shapes kube serves. */
import { groupVersion, type ResourceDef, type ResourceTable } from './resources.js';

export const DEFAULT_VERSION: Record<string, unknown> = {
  major: '1',
  minor: '34',
  emulationMajor: '1',
  emulationMinor: '34',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '33',
  gitVersion: 'v1.34.1',
  gitCommit: '93248f9ae092f571eb870b7664c534bfc7d00f03',
  gitTreeState: 'clean',
  buildDate: '2025-09-09T19:37:38Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** A /version body for another release, in DEFAULT_VERSION's shape: `kubeVersionOf('v1.21.14')`. */
export function kubeVersionOf(gitVersion: string): Record<string, unknown> {
  const m = /^v(\d+)\.(\d+)\./.exec(gitVersion);
  if (!m) throw new Error(`not a Kubernetes gitVersion: ${gitVersion}`);
  const minor = Number(m[2]);
  return {
    ...DEFAULT_VERSION,
    major: m[1],
    minor: String(minor),
    emulationMajor: m[1],
    emulationMinor: String(minor),
    minCompatibilityMinor: String(minor - 1),
    gitVersion,
  };
}

/**
 * A 1.21 server (the last to serve the beta APIs removed in 1.22), for tests that install the
 * 0.6.x stand-in chart, which uses them as the real 0.6.1 does.
 */
export const KUBE_1_21 = kubeVersionOf('v1.21.14');

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(name: string, versions: string[]) {
  const gvs = versions.map((v) => ({ groupVersion: groupVersion(name, v), version: v }));
  return { name, versions: gvs, preferredVersion: gvs[0] };
}

export function apiGroupList(table: ResourceTable) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...table.groups()].map(([name, versions]) => groupEntry(name, versions)),
  };
}

export function apiGroup(table: ResourceTable, name: string) {
  const versions = table.groups().get(name);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(name, versions) } : undefined;
}

function entries(def: ResourceDef) {
  const main: Record<string, unknown> = {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
  };
  if (def.shortNames?.length) main.shortNames = def.shortNames;
  if (def.categories?.length) main.categories = def.categories;
  const out: Record<string, unknown>[] = [main];
  const sub = { singularName: '', namespaced: def.namespaced, verbs: ['get', 'patch', 'update'] };
  if (def.status) out.push({ name: `${def.plural}/status`, kind: def.kind, ...sub });
  if (def.scale) out.push({ name: `${def.plural}/scale`, group: 'autoscaling', version: 'v1', kind: 'Scale', ...sub });
  return out;
}

/** APIResourceList for /api/v1 or /apis/<group>/<version>; undefined when nothing is served there. */
export function apiResourceList(table: ResourceTable, group: string, version: string) {
  const defs = table.all().filter((d) => d.group === group && table.serves(d, version));
  if (defs.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources: defs.flatMap(entries),
  };
}
