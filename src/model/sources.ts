/**
 * A volume has one source: a claim, a host directory, or a bucket. An answer that picks one
 * replaces the source a lower layer gave (the spec's default `hostPath` under an `-f` file's
 * `existingClaim`), as the person means it and as the chart reads it (a claim wins in 0.6.1).
 */
import { isMap, mergeInto } from './merge.js';
import { CORE_MOUNTS, VOLUME_MAPS, type Values } from './values.js';

const SOURCES = [['existingClaim'], ['hostPath'], ['store', 'bucket', 'secret', 'secretKey']] as const;

function withoutOtherSources(low: unknown, high: unknown): unknown {
  if (!isMap(low) || !isMap(high)) return low;
  const picked = SOURCES.find((group) => group.some((k) => high[k] !== undefined && high[k] !== null));
  if (!picked) return low;
  const out = { ...low };
  for (const group of SOURCES) if (group !== picked) for (const k of group) delete out[k];
  return out;
}

/** Merges layers with helm's rules, a volume's source replaced by the source a higher layer picks. */
export function mergeLayerValues(...layers: (Values | undefined)[]): Values {
  let acc: Values = {};
  for (const layer of layers) {
    if (!layer) continue;
    const p = acc.persistence;
    const q = layer.persistence;
    if (isMap(p) && isMap(q)) {
      const next = { ...p } as Record<string, unknown>;
      for (const m of CORE_MOUNTS) next[m] = withoutOtherSources(p[m], q[m]);
      for (const map of VOLUME_MAPS) {
        const lo = p[map];
        const hi = q[map];
        if (isMap(lo) && isMap(hi))
          next[map] = Object.fromEntries(Object.entries(lo).map(([n, e]) => [n, withoutOtherSources(e, hi[n])]));
      }
      acc = { ...acc, persistence: next as Values['persistence'] };
    }
    // In place: acc holds only copies, and a copy of it per layer would be quadratic.
    mergeInto(acc as Record<string, unknown>, layer as Record<string, unknown>);
  }
  return acc;
}
