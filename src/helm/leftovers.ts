/**
 * What `helm uninstall` leaves behind: hook Jobs (helm does not manage hook resources, helm#10758;
 * the chart's README: "Jobs are only deleted if they succeeded"), the release's PVCs and the
 * namespace. The selection rules are pure; the API calls below them are thin.
 */
import yaml from 'js-yaml';
import type { Kube } from '../cluster/client.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface JobLike {
  metadata: ObjectMeta;
  status?: { conditions?: { type: string; status: string }[]; failed?: number; succeeded?: number };
}

export interface PvcLike {
  metadata: ObjectMeta;
  spec?: { accessModes?: string[]; resources?: { requests?: Record<string, string> }; storageClassName?: string };
  status?: { phase?: string };
}

/** The Job names in `helm get hooks` output (YAML documents). */
export function hookJobNames(manifests: string): string[] {
  const names: string[] = [];
  try {
    for (const doc of yaml.loadAll(manifests)) {
      const d = doc as { kind?: string; metadata?: { name?: string } } | null;
      if (d?.kind === 'Job' && d.metadata?.name) names.push(d.metadata.name);
    }
  } catch {
    // A template with odd YAML is no reason to skip the cleanup: fall back to the lines.
    for (const m of manifests.matchAll(/^kind:\s*Job\s*\n(?:.*\n)*?\s+name:\s*["']?([\w.-]+)/gm)) names.push(m[1]);
  }
  return [...new Set(names)];
}

/** Labels by which charts tie an object to a release: the recommended label, the older `release`, helm's own annotation. */
export function labelledForRelease(meta: ObjectMeta, release: string): boolean {
  const l = meta.labels ?? {};
  return l['app.kubernetes.io/instance'] === release || l.release === release || meta.annotations?.['meta.helm.sh/release-name'] === release;
}

/**
 * Hook Jobs of this release still in the namespace: named among the release's hooks, or annotated
 * as a hook and tied to the release by label or by the `<release>-` name prefix charts give them.
 */
export function leftoverHookJobs(jobs: JobLike[], release: string, hookNames: readonly string[]): JobLike[] {
  const named = new Set(hookNames);
  const tied = (m: ObjectMeta) => labelledForRelease(m, release) || m.name.startsWith(`${release}-`);
  return jobs.filter((j) => named.has(j.metadata.name) || (j.metadata.annotations?.['helm.sh/hook'] !== undefined && tied(j.metadata)));
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
  return `PVC ${p.metadata.name}${detail ? ` (${detail})` : ''}`;
}

export function jobState(j: JobLike): string {
  const c = j.status?.conditions ?? [];
  if (c.some((x) => x.type === 'Failed' && x.status === 'True')) return 'failed';
  if (c.some((x) => x.type === 'Complete' && x.status === 'True')) return 'complete';
  return 'running';
}

// The API calls. Jobs go through CustomObjectsApi, which addresses any group (batch/v1 included),
// because the shared client factory does not expose BatchV1Api.

const JOBS = { group: 'batch', version: 'v1', plural: 'jobs' } as const;

export async function listJobs(kube: Kube, namespace: string): Promise<JobLike[]> {
  const list = (await kube.call((o) => kube.custom.listNamespacedCustomObject({ ...JOBS, namespace }, o))) as { items?: JobLike[] };
  return list.items ?? [];
}

/** Background propagation: the Job's pods go with it. */
export async function deleteJob(kube: Kube, namespace: string, name: string): Promise<void> {
  await kube.call((o) => kube.custom.deleteNamespacedCustomObject({ ...JOBS, namespace, name, propagationPolicy: 'Background' }, o));
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
