/**
 * The exported objects checked against the projects' own schemas, through the typed models of
 * kubernetes-models (generated from Argo CD's and Flux's CRDs): types, enums, required fields and
 * patterns. Like the CRDs themselves they let unknown fields through (the API server prunes those),
 * so the tests also apply every object to an API server that has the CRDs. Loaded only by `export`.
 */
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { HelmRelease } from '@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease';
import { HelmRepository } from '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/HelmRepository';

type Ctor = new (data: never) => { validate(): void };

const MODELS: Record<string, Ctor> = {
  'argoproj.io/v1alpha1/Application': Application as unknown as Ctor,
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet as unknown as Ctor,
  'helm.toolkit.fluxcd.io/v2/HelmRelease': HelmRelease as unknown as Ctor,
  'source.toolkit.fluxcd.io/v1/HelmRepository': HelmRepository as unknown as Ctor,
};

/** Core kinds the export writes; the API server checks them (the tests apply them with a dry run). */
const CORE = new Set(['v1/Secret', 'v1/ConfigMap']);

/** The problems of one object, as `Kind name: message`; none when it is valid. */
export function checkObject(obj: Record<string, unknown>): string[] {
  const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const name = (obj.metadata as { name?: string } | undefined)?.name ?? '(unnamed)';
  if (CORE.has(key)) return [];
  const Model = MODELS[key];
  if (!Model) return [`${String(obj.kind)} ${name}: no model for ${key}`];
  try {
    new Model(obj as never).validate();
    return [];
  } catch (e) {
    return [`${String(obj.kind)} ${name}: ${e instanceof Error ? e.message : String(e)}`];
  }
}

export function checkObjects(objects: Record<string, unknown>[]): string[] {
  return objects.flatMap(checkObject);
}
