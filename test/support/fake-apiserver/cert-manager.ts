/** cert-manager's CRDs, trimmed to what registration needs, for tests that want cert-manager present. */

function crd(plural: string, kind: string, scope: 'Namespaced' | 'Cluster', shortNames: string[]): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.cert-manager.io`,
      labels: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/instance': 'cert-manager' },
    },
    spec: {
      group: 'cert-manager.io',
      names: {
        plural,
        singular: kind.toLowerCase(),
        kind,
        listKind: `${kind}List`,
        shortNames,
        categories: ['cert-manager'],
      },
      scope,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

export function certManagerCrds(): any[] {
  return [
    crd('certificates', 'Certificate', 'Namespaced', ['cert', 'certs']),
    crd('certificaterequests', 'CertificateRequest', 'Namespaced', ['cr', 'crs']),
    crd('issuers', 'Issuer', 'Namespaced', []),
    crd('clusterissuers', 'ClusterIssuer', 'Cluster', []),
  ];
}
