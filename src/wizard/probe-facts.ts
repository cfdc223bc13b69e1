/**
 * From the probe's full result to the few facts the steps read. Type-only imports: this module
 * must not load the Kubernetes client, which the wizard's first frame never waits for.
 */
import type { ProbeResult, Section } from '../cluster/types.js';
import { mergeValues } from '../model/merge.js';
import type { Toleration, Values } from '../model/values.js';
import type { ClusterFacts } from './facts.js';

/** What `suggestValues` returns (src/cluster/suggest.ts), with the picked preset's values loaded. */
export interface SuggestionLike {
  preset: string;
  values: Values;
  reasons: { field: string; value: unknown; reason: string }[];
}

const SECTION_NAMES: Record<string, string> = {
  nodes: 'nodes',
  dns: 'DNS',
  gpu: 'GPUs',
  storage: 'storage classes and claims',
  ingress: 'ingress classes',
  tlsSecrets: 'TLS secrets',
  certManager: 'cert-manager',
  existingRelease: 'existing release',
  permissions: 'permissions',
};

function ok<T>(s: Section<T> | undefined): T | undefined {
  return s && s.status === 'ok' ? s.data : undefined;
}

export function factsFromProbe(r: ProbeResult, suggestion?: SuggestionLike, presetValues?: Values): ClusterFacts {
  const storage = ok(r.storage);
  const gpu = ok(r.gpu);
  const release = ok(r.existingRelease)?.latest;
  const hints: Record<string, string> = {};
  for (const reason of suggestion?.reasons ?? []) hints[reason.field] ??= reason.reason;
  const evidence = r.distribution.evidence[0];
  hints.deploymentType ??= `the cluster looks like ${r.distribution.name}${evidence ? ` (${evidence})` : ''}`;
  const warnings: string[] = [];
  for (const [key, name] of Object.entries(SECTION_NAMES)) {
    const s = (r as unknown as Record<string, Section<unknown>>)[key];
    if (s && s.status !== 'ok' && s.status !== 'unavailable') warnings.push(`could not read ${name}: ${s.reason}`);
  }
  for (const d of ok(r.permissions)?.denied ?? []) warnings.push(`you may not ${d}`);
  return {
    context: r.context,
    server: r.server,
    distribution: r.distribution.name,
    pvcs: storage?.claims.map((c) => c.name) ?? [],
    tlsSecrets: (ok(r.tlsSecrets) ?? []).filter((t) => !t.expired).map((t) => t.name),
    clusterIssuers: (ok(r.certManager)?.issuers ?? []).filter((i) => i.ready).map((i) => i.name),
    ingressClasses: ok(r.ingress)?.classes.map((c) => c.name) ?? [],
    gpu:
      gpu && gpu.nodes > 0
        ? {
            summary: gpuSummary(gpu.nodes, gpu.gpus, Object.keys(gpu.products)),
            // Tolerate the taint whatever its value, as GKE's own GPU pods do.
            taints: gpu.taints.map((t): Toleration => ({ key: t.key, operator: 'Exists', effect: t.effect as Toleration['effect'] })),
            paths: gpu.nvidia?.dirs,
            mountPaths: gpu.nvidia?.mountPaths,
            reason: gpu.nvidia?.reason,
          }
        : undefined,
    existingRelease: release ? { status: release.status, chartVersion: release.chart?.version } : undefined,
    suggested: mergeValues(presetValues, suggestion?.values),
    hints,
    warnings,
  };
}

function gpuSummary(nodes: number, gpus: number, products: string[]): string {
  const named = products.filter((p) => p !== '(other)');
  return `${nodes} node${nodes === 1 ? '' : 's'}, ${gpus} GPU${gpus === 1 ? '' : 's'}${named.length ? ` (${named.join(', ')})` : ''}`;
}
