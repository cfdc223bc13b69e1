/**
 * What `helm uninstall` leaves behind: hook Jobs (helm does not manage hook resources, helm#10758;
 * the chart's README: "Jobs are only deleted if they succeeded"), the release's PVCs and the
 * namespace. The selection rules are pure; the API calls below them are thin. Which Jobs were
 * the release's hooks comes from helm (src/helm/hooks.ts).
 */
import type { Kube } from './client.js';
import type { ObjectMeta, PvcLike } from './objects.js';

export interface JobLike {
  metadata?: ObjectMeta;
  status?: { conditions?: { type: string; status: string }[]; failed?: number; succeeded?: number };
}

/**
 * Labels by which charts tie an object to a release: the recommended label, the older `release`,
 * helm's own annotation.
 */
export function labelledForRelease(meta: ObjectMeta | undefined, release: string): boolean {
  const l = meta?.labels ?? {};
  return (
    l['app.kubernetes.io/instance'] === release ||
    l.release === release ||
    meta?.annotations?.['meta.helm.sh/release-name'] === release
  );
}

/**
 * Hook Jobs of this release still in the namespace: named among the release's hooks, or annotated
 * as a hook and tied to the release by label or by the `<release>-` name prefix charts give them.
 */
export function leftoverHookJobs(jobs: JobLike[], release: string, hookNames: readonly string[]): JobLike[] {
  const named = new Set(hookNames);
  const tied = (m: ObjectMeta) => labelledForRelease(m, release) || Boolean(m.name?.startsWith(`${release}-`));
  return jobs.filter((j) => {
    const m = j.metadata ?? {};
    return (m.name !== undefined && named.has(m.name)) || (m.annotations?.['helm.sh/hook'] !== undefined && tied(m));
  });
}

/**
 * PVCs the release made, by label only (a StatefulSet's claims carry its pods' labels). Not by
 * name: a claim a person made for `existingClaim` is often called `polyaxon-...`, and is theirs.
 */
export function releasePvcs(pvcs: PvcLike[], release: string): PvcLike[] {
  return pvcs.filter((p) => labelledForRelease(p.metadata, release));
}

export function describePvc(p: PvcLike): string {
  const size = p.spec?.resources?.requests?.storage;
  const modes = p.spec?.accessModes?.join(', ');
  const detail = [size, modes].filter(Boolean).join(', ');
  return `PVC ${p.metadata?.name ?? '(unnamed)'}${detail ? ` (${detail})` : ''}`;
}

export function jobState(j: JobLike): string {
  const c = j.status?.conditions ?? [];
  if (c.some((x) => x.type === 'Failed' && x.status === 'True')) return 'failed';
  if (c.some((x) => x.type === 'Complete' && x.status === 'True')) return 'complete';
  return 'running';
}

// The API calls. Jobs go through CustomObjectsApi, which addresses any group (batch/v1 included),
// so the client factory needs no BatchV1Api of its own.

const JOBS = { group: 'batch', version: 'v1', plural: 'jobs' } as const;

export async function listJobs(kube: Kube, namespace: string): Promise<JobLike[]> {
  const list = (await kube.call((o) => kube.custom.listNamespacedCustomObject({ ...JOBS, namespace }, o))) as {
    items?: JobLike[];
  };
  return list.items ?? [];
}

/** Background propagation: the Job's pods go with it. */
export async function deleteJob(kube: Kube, namespace: string, name: string): Promise<void> {
  await kube.call((o) =>
    kube.custom.deleteNamespacedCustomObject({ ...JOBS, namespace, name, propagationPolicy: 'Background' }, o),
  );
}

export async function listPvcs(kube: Kube, namespace: string): Promise<PvcLike[]> {
  const list = await kube.call((o) => kube.core.listNamespacedPersistentVolumeClaim({ namespace }, o));
  return (list.items ?? []) as unknown as PvcLike[];
}

export async function deletePvc(kube: Kube, namespace: string, name: string): Promise<void> {
  await kube.call((o) => kube.core.deleteNamespacedPersistentVolumeClaim({ namespace, name }, o));
}

export async function deleteNamespace(kube: Kube, name: string): Promise<void> {
  await kube.call((o) => kube.core.deleteNamespace({ name }, o));
}
