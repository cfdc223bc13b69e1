/**
 * What the wizard knows about the cluster: the probe's full result narrowed to the few facts the
 * steps read (steps/facts.ts). Nothing here loads the Kubernetes client at import time: the
 * wizard's first frame never waits for it.
 */
import type { ProbeResult, Section } from '../../cluster/types.js';
import { gpuTolerations, type Suggestion } from '../../cluster/suggest.js';
import { ClusterError } from '../../errors.js';
import { mergeValues } from '../../model/merge.js';
import type { Values } from '../../model/values.js';
import { emptyFacts, type ClusterFacts } from '../../../steps/facts.js';
import type { CommandContext } from './context.js';
import { probeOffThread } from './probe.js';

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

export function factsFromProbe(r: ProbeResult, suggestion?: Suggestion, presetValues?: Values): ClusterFacts {
  const storage = ok(r.storage);
  const gpu = ok(r.gpu);
  const release = ok(r.existingRelease)?.latest;
  const hints: Record<string, string> = {};
  for (const reason of suggestion?.reasons ?? []) hints[reason.field] ??= reason.reason;
  const evidence = r.distribution.evidence[0];
  hints.deploymentType ??= `the cluster looks like ${r.distribution.name}${evidence ? ` (${evidence})` : ''}`;
  const warnings: string[] = [];
  // The review says what doctor says, with the same codes.
  if (suggestion?.findings) {
    for (const f of suggestion.findings) warnings.push(`${f.code} ${f.message}${f.fix ? ` → ${f.fix}` : ''}`);
  } else
    for (const [key, name] of Object.entries(SECTION_NAMES)) {
      const s = (r as unknown as Record<string, Section<unknown>>)[key];
      if (s && s.status !== 'ok' && s.status !== 'unavailable') warnings.push(`could not read ${name}: ${s.reason}`);
    }
  const perms = ok(r.permissions);
  // Creating namespaces matters only when the namespace is missing (then helm gets --create-namespace).
  if (!suggestion?.findings) {
    for (const d of perms?.denied ?? []) if (!d.startsWith('create namespaces')) warnings.push(`you may not ${d}`);
    if (suggestion?.namespace?.refusal) warnings.push(suggestion.namespace.refusal.message);
  }
  return {
    context: r.context,
    server: r.server,
    distribution: r.distribution.name,
    pvcs: storage?.claims.map((c) => c.name) ?? [],
    tlsSecrets: (ok(r.tlsSecrets) ?? []).filter((t) => !t.expired).map((t) => t.name),
    tlsHosts: Object.fromEntries(
      (ok(r.tlsSecrets) ?? []).filter((t) => !t.expired).map((t) => [t.name, t.hosts ?? []]),
    ),
    clusterIssuers: (ok(r.certManager)?.issuers ?? []).filter((i) => i.ready).map((i) => i.name),
    ingressClasses: ok(r.ingress)?.classes.map((c) => c.name) ?? [],
    gpu:
      gpu && gpu.nodes > 0
        ? {
            summary: gpuSummary(gpu.nodes, gpu.gpus, Object.keys(gpu.products)),
            // The same tolerations --preset auto writes: one per GPU taint key and effect.
            taints: gpuTolerations(gpu.taints),
            paths: gpu.nvidia?.dirs,
            mountPaths: gpu.nvidia?.mountPaths,
            reason: gpu.nvidia?.reason,
          }
        : undefined,
    existingRelease: release
      ? {
          release: release.name,
          namespace: release.namespace,
          status: release.status,
          chartVersion: release.chart?.version,
          revision: release.revision,
          values: release.values as Values,
        }
      : undefined,
    suggested: mergeValues(presetValues, suggestion?.values),
    hints,
    warnings,
  };
}

function gpuSummary(nodes: number, gpus: number, products: string[]): string {
  const named = products.filter((p) => p !== '(other)');
  return `${nodes} node${nodes === 1 ? '' : 's'}, ${gpus} GPU${gpus === 1 ? '' : 's'}${named.length ? ` (${named.join(', ')})` : ''}`;
}

/**
 * What the wizard knows about the cluster. A cluster that cannot be read is not fatal here: the
 * person may be writing config.yaml for a cluster this machine cannot reach, so the reason
 * becomes a warning on the review screen instead.
 */
export async function wizardFacts(ctx: CommandContext, onSuggestion?: (s: Suggestion) => void): Promise<ClusterFacts> {
  // Started before anything else is awaited: the worker loads the client while the rest loads.
  const probing = probeOffThread(ctx);
  // Awaited below; until then a refusal must not count as unhandled.
  probing.catch(() => undefined);
  const [{ suggestValues }, { loadPreset }] = await Promise.all([
    import('../../cluster/suggest.js'),
    import('../../model/presets.js'),
  ]);
  let result: ProbeResult;
  try {
    result = await probing;
  } catch (e) {
    if (!(e instanceof ClusterError)) throw e;
    return {
      ...emptyFacts(),
      unreachable: { reason: e.message, hint: e.hint },
      warnings: [`no cluster facts: ${e.message}${e.hint ? ` ${e.hint}` : ''}`],
    };
  }
  const { diagnose } = await import('../../cluster/diagnose.js');
  const found = suggestValues(result);
  const suggestion = { ...found, findings: diagnose(result, found) };
  onSuggestion?.(suggestion);
  const preset = await loadPreset(suggestion.preset);
  return factsFromProbe(result, suggestion, preset.values);
}
