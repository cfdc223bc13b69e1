/**
 * Argo CD's and Flux's CRDs, trimmed to what registration needs (names, scope, served versions),
 * for tests that apply exported objects. Schemas keep unknown fields, as the published CRDs'
 * `valuesObject` and `values` do; the typed models check the fields themselves.
 */

function crd(group: string, plural: string, kind: string, versions: string[], shortNames: string[] = []): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, shortNames },
      scope: 'Namespaced',
      versions: versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      })),
    },
  };
}

export function argoCdCrds(): any[] {
  return [
    crd('argoproj.io', 'applications', 'Application', ['v1alpha1'], ['app', 'apps']),
    crd('argoproj.io', 'applicationsets', 'ApplicationSet', ['v1alpha1'], ['appset', 'appsets']),
    crd('argoproj.io', 'appprojects', 'AppProject', ['v1alpha1'], ['appproj', 'appprojs']),
  ];
}

export function fluxCrds(): any[] {
  return [
    crd('helm.toolkit.fluxcd.io', 'helmreleases', 'HelmRelease', ['v2', 'v2beta2'], ['hr']),
    crd('source.toolkit.fluxcd.io', 'helmrepositories', 'HelmRepository', ['v1', 'v1beta2'], ['helmrepo']),
  ];
}
