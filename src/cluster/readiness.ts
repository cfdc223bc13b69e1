/**
 * Whether a release runs: every Deployment it made is available. helm install returns once its
 * hooks are done, which says nothing about the pods; this is what "ready" means here.
 */
import type { Kube } from './client.js';
import { labelledForRelease } from './leftovers.js';
import type { ObjectMeta } from './objects.js';

export interface DeploymentLike {
  metadata?: ObjectMeta;
  spec?: { replicas?: number };
  status?: { availableReplicas?: number; conditions?: { type: string; status: string }[] };
}

/** The release's Deployments that are not yet available, by name. */
export function unavailableDeployments(deployments: DeploymentLike[], release: string): string[] {
  return deployments
    .filter((d) => labelledForRelease(d.metadata, release))
    .filter((d) => {
      const want = d.spec?.replicas ?? 1;
      const available = d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
      return want > 0 && !(available && (d.status?.availableReplicas ?? 0) >= want);
    })
    .map((d) => d.metadata?.name ?? '?');
}

/** How many Deployments the release has, for the message. */
export function releaseDeployments(deployments: DeploymentLike[], release: string): number {
  return deployments.filter((d) => labelledForRelease(d.metadata, release)).length;
}

export async function listDeployments(kube: Kube, namespace: string): Promise<DeploymentLike[]> {
  const list = await kube.call((o) => kube.apps.listNamespacedDeployment({ namespace }, o), 10_000);
  return (list.items ?? []) as unknown as DeploymentLike[];
}
