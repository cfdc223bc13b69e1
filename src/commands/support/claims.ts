/**
 * The claim the probe planned for the outputs (a ReadWriteMany class on several nodes, or where
 * hostPath is refused), made before helm installs what mounts it. The namespace is created first
 * when it is missing, so helm then runs without --create-namespace.
 */
import yaml from 'js-yaml';
import type { Kube } from '../../cluster/client.js';
import { classify } from '../../cluster/failures.js';
import type { NamespaceDecision } from '../../cluster/namespace.js';
import { claimManifest, type PlannedClaim } from '../../cluster/storage-plan.js';
import type { Suggestion } from '../../cluster/suggest.js';
import { ClusterError } from '../../errors.js';
import type { Values } from '../../model/values.js';
import type { CommandContext } from './context.js';

/** The planned claim, when the values still mount it and it is not there yet. */
export function claimToCreate(s: Suggestion | undefined, values: Values): PlannedClaim | undefined {
  const c = s?.storage?.claim;
  if (!c || c.exists) return undefined;
  const mounted = Object.values(values.persistence?.outputs ?? {}).some((e) => e?.existingClaim === c.name);
  return mounted ? c : undefined;
}

/** `kubectl create -f -` with the claim, for the person to run before `helm install`. */
export function claimCommand(c: PlannedClaim, namespace: string): string {
  return `kubectl create -f - <<'EOF'\n${yaml.dump(claimManifest(c, namespace), { lineWidth: -1 }).trimEnd()}\nEOF`;
}

/** Creates the claim (and the namespace when helm was to create it); returns the namespace decision to use. */
export async function createClaim(
  ctx: CommandContext,
  kube: Kube,
  c: PlannedClaim,
  namespace: string,
  ns: NamespaceDecision | undefined,
): Promise<NamespaceDecision | undefined> {
  const budget = ctx.args.timeoutMs;
  let decision = ns;
  try {
    if (ns?.createNamespace) {
      await kube.call((o) => kube.core.createNamespace({ body: { metadata: { name: namespace } } }, o), budget);
      ctx.io.err(`Created namespace ${namespace} (for the claim ${c.name}).`);
      decision = { createNamespace: false, reason: `namespace ${namespace} was created before the claim` };
    }
    await kube.call(
      (o) => kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claimManifest(c, namespace) }, o),
      budget,
    );
    ctx.io.err(
      `Created claim ${c.name} in ${namespace}: ${c.size}, ${c.accessModes.join(', ')}, StorageClass ${c.storageClass}.`,
    );
  } catch (e) {
    const f = classify(e);
    if (f.httpStatus === 409) return decision;
    throw new ClusterError(`Could not create the claim ${c.name} in ${namespace}: ${f.message}`, {
      forbidden: f.kind === 'forbidden',
      hint: `Create it yourself, then run again:\n${claimCommand(c, namespace)}`,
    });
  }
  return decision;
}
