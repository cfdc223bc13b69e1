/**
 * A fleet's values: one base every cluster shares and, per cluster, only what differs from it.
 * Pure. Maps are compared key by key; lists and scalars as a whole (helm replaces lists).
 */
import { isDeepStrictEqual } from 'node:util';
import { versionFitsKube } from '../lines/fit.js';
import { isMap, leafPaths } from '../merge.js';

type Map = Record<string, unknown>;

/** What every one of `all` has, with equal values. */
export function commonBase(all: Map[]): Map {
  if (all.length === 0) return {};
  const out: Map = {};
  for (const [k, v] of Object.entries(all[0])) {
    if (!all.every((m) => Object.hasOwn(m, k))) continue;
    if (isMap(v) && Object.keys(v).length && all.every((m) => isMap(m[k]))) {
      const sub = commonBase(all.map((m) => m[k] as Map));
      if (Object.keys(sub).length) out[k] = sub;
    } else if (all.every((m) => isDeepStrictEqual(m[k], v))) out[k] = v;
  }
  return out;
}

/** What `values` has that `base` does not, or has otherwise. */
export function overlayOver(base: Map, values: Map): Map {
  const out: Map = {};
  for (const [k, v] of Object.entries(values)) {
    const b = base[k];
    if (isMap(v) && isMap(b) && Object.keys(v).length) {
      const sub = overlayOver(b, v);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (!Object.hasOwn(base, k) || !isDeepStrictEqual(b, v)) out[k] = v;
  }
  return out;
}

/** Dotted paths of an overlay, for the difference table. */
export function overlayPaths(overlay: Map): string[] {
  return leafPaths(overlay);
}

/** Why a cluster cannot take a chart version: the line table's answer (model/lines/fit.ts). */
export function versionMismatch(chartVersion: string, kube: { major: number; minor: number }): string | undefined {
  const why = versionFitsKube(chartVersion, `v${kube.major}.${kube.minor}.0`).reason;
  return why && `${why} (it runs ${kube.major}.${kube.minor})`;
}

/**
 * A name for each kube context that can be a file name and part of an object name (a DNS-1123
 * label): GKE's `gke_project_zone_name` and EKS's ARNs are neither. Kept as they are when they are.
 */
export function clusterNames(contexts: readonly string[]): string[] {
  const used = new Set<string>();
  return contexts.map((c) => {
    let n = c
      .toLowerCase()
      .replace(/^arn:aws:eks:[^:]*:\d+:cluster\//, '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '');
    if (!n) n = 'cluster';
    let unique = n;
    for (let i = 2; used.has(unique); i++) unique = `${n}-${i}`;
    used.add(unique);
    return unique;
  });
}
