/**
 * The objects an engine reconciles, built from values already split into plain and secret parts:
 * an Argo CD Application (or ApplicationSet for a fleet), a Flux HelmRepository and HelmRelease,
 * a helmfile release. Pure: values in, files (name, text, whether it holds a secret) out. No
 * secret value is ever placed in anything but a file marked secret.
 */
import yaml from 'js-yaml';
import { isMap } from '../merge.js';
import type { ExportTarget } from './lint.js';

export interface ExportFile {
  /** Relative to the output folder. */
  path: string;
  text: string;
  secret: boolean;
  /** The Kubernetes objects in it (for validation and the dry run); none for helmfile's files. */
  objects: Record<string, unknown>[];
}

export interface ExportSpec {
  target: ExportTarget;
  release: string;
  namespace: string;
  chartVersion: string;
  repoUrl: string;
  /** Values as the chart line reads them, without secrets. */
  plain: Record<string, unknown>;
  /** Only the secret values (may be empty). */
  secret: Record<string, unknown>;
  generator: string;
  /** Argo CD's namespace (default argocd) and Flux's (default flux-system). */
  engineNamespace?: string;
  /** Whether the probes found the namespace on every cluster (then Argo CD need not create it). */
  namespaceExists?: boolean;
}

export interface FleetCluster {
  /** The kube context. */
  context: string;
  /** The context as a DNS-1123 label: file names, object names. */
  name: string;
  /** The API server URL Argo CD knows the cluster by. */
  server: string;
  /** Only what differs from the base. */
  overlay: Record<string, unknown>;
}

export const CHART_NAME = 'polyaxon';
/** Namespaces that exist on every cluster: no CreateNamespace for them. */
const ALWAYS_THERE = ['default', 'kube-system', 'kube-public'];
export const ARGO_NAMESPACE = 'argocd';
export const FLUX_NAMESPACE = 'flux-system';

export function secretName(release: string): string {
  return `${release}-secret-values`;
}

function dump(docs: unknown[], header: string): string {
  const body = docs
    .map((d) => yaml.dump(d, { lineWidth: 120, noRefs: true, sortKeys: false, quotingType: '"' }))
    .join('---\n');
  return `${header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}\n${body}`;
}

const empty = (v: Record<string, unknown>) => !isMap(v) || Object.keys(v).length === 0;

/** The Secret the person seals or stores in a secret manager: the secret values as a values file. */
function secretObject(spec: ExportSpec, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName(spec.release),
      namespace,
      labels: { 'app.kubernetes.io/managed-by': 'polyaxon-setup', 'app.kubernetes.io/instance': spec.release },
    },
    type: 'Opaque',
    stringData: { 'values.yaml': valuesText(spec.secret) },
  };
}

export function valuesText(v: Record<string, unknown>): string {
  return empty(v) ? '{}\n' : yaml.dump(v, { lineWidth: 120, noRefs: true, sortKeys: false, quotingType: '"' });
}

export const SEAL_HINT = [
  'It holds secrets: never commit it as it is. Seal it or move it into a secret manager:',
  '  Sealed Secrets:   kubeseal -f FILE -w SEALED   (commit the sealed file)',
  '  External Secrets: store values.yaml in your secret store; an ExternalSecret makes this Secret',
  '  SOPS:             sops --encrypt --encrypted-regex "^(data|stringData)$" -i FILE',
].join('\n');

function syncOptions(spec: ExportSpec): string[] {
  // The installer runs helm with --create-namespace; a namespace every cluster has (or that the
  // probes found on each) needs none. ServerSideApply: helm 4 applies server-side, so Argo CD
  // sees the same field owners.
  const there = ALWAYS_THERE.includes(spec.namespace) || spec.namespaceExists === true;
  return [...(there ? [] : ['CreateNamespace=true']), 'ServerSideApply=true'];
}

function argoSource(spec: ExportSpec, values: Record<string, unknown>) {
  return {
    repoURL: spec.repoUrl,
    chart: CHART_NAME,
    targetRevision: spec.chartVersion,
    helm: { releaseName: spec.release, valuesObject: values },
  };
}

/** Where Argo CD keeps the object, and that polyaxon-setup made it. */
function argoMetadata(spec: ExportSpec): Record<string, unknown> {
  return {
    name: spec.release,
    namespace: spec.engineNamespace ?? ARGO_NAMESPACE,
    labels: { 'app.kubernetes.io/managed-by': 'polyaxon-setup' },
  };
}

export function argoApplication(spec: ExportSpec): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: argoMetadata(spec),
    spec: {
      project: 'default',
      source: argoSource(spec, spec.plain),
      destination: { server: 'https://kubernetes.default.svc', namespace: spec.namespace },
      syncPolicy: { syncOptions: syncOptions(spec) },
    },
  };
}

export function argoApplicationSet(spec: ExportSpec, clusters: FleetCluster[]): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: argoMetadata(spec),
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [
        { list: { elements: clusters.map((c) => ({ cluster: c.name, server: c.server, values: c.overlay })) } },
      ],
      template: {
        metadata: {
          name: `${spec.release}-{{.cluster}}`,
          labels: { 'app.kubernetes.io/managed-by': 'polyaxon-setup' },
        },
        spec: {
          project: 'default',
          source: argoSource(spec, spec.plain),
          destination: { server: '{{.server}}', namespace: spec.namespace },
          syncPolicy: { syncOptions: syncOptions(spec) },
        },
      },
      // Each cluster's overlay over the base, merged map by map (lists replaced, as helm merges).
      templatePatch: 'spec:\n  source:\n    helm:\n      valuesObject: {{ toJson .values }}\n',
    },
  };
}

export function fluxRepository(spec: ExportSpec): Record<string, unknown> {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name: CHART_NAME, namespace: spec.engineNamespace ?? FLUX_NAMESPACE },
    spec: { url: spec.repoUrl, interval: '1h' },
  };
}

export function fluxRelease(
  spec: ExportSpec,
  o: { name?: string; values: Record<string, unknown>; baseConfigMap?: string; kubeConfigSecret?: string },
): Record<string, unknown> {
  const ns = spec.engineNamespace ?? FLUX_NAMESPACE;
  const valuesFrom: Record<string, unknown>[] = [];
  if (o.baseConfigMap) valuesFrom.push({ kind: 'ConfigMap', name: o.baseConfigMap, valuesKey: 'values.yaml' });
  if (!empty(spec.secret))
    valuesFrom.push({ kind: 'Secret', name: secretName(spec.release), valuesKey: 'values.yaml' });
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: o.name ?? spec.release, namespace: ns },
    spec: {
      interval: '10m',
      releaseName: spec.release,
      targetNamespace: spec.namespace,
      ...(o.kubeConfigSecret ? { kubeConfig: { secretRef: { name: o.kubeConfigSecret } } } : {}),
      chart: {
        spec: {
          chart: CHART_NAME,
          version: spec.chartVersion,
          sourceRef: { kind: 'HelmRepository', name: CHART_NAME, namespace: ns },
          interval: '1h',
        },
      },
      // As the installer: the namespace created, and no --wait (the chart's jobs are the signal).
      install: { createNamespace: true, disableWait: true, remediation: { retries: 3 } },
      upgrade: {
        disableWait: true,
        cleanupOnFail: true,
        remediation: { retries: 3, remediateLastFailure: true, strategy: 'rollback' },
      },
      ...(valuesFrom.length ? { valuesFrom } : {}),
      ...(empty(o.values) ? {} : { values: o.values }),
    },
  };
}

function header(spec: ExportSpec, what: string): string {
  return `${what}\nWritten by ${spec.generator} for chart ${CHART_NAME} ${spec.chartVersion} (${spec.repoUrl}).`;
}

function secretFile(spec: ExportSpec, namespace: string, path = 'secret-values.yaml'): ExportFile[] {
  if (empty(spec.secret)) return [];
  const obj = secretObject(spec, namespace);
  return [
    {
      path,
      text: dump(
        [obj],
        header(
          spec,
          `The secret values of release ${spec.release}.\n${SEAL_HINT.replace(/FILE/g, path).replace('SEALED', path.replace(/\.yaml$/, '.sealed.yaml'))}`,
        ),
      ),
      secret: true,
      objects: [obj],
    },
  ];
}

/** One cluster: the files of the target. */
export function exportFiles(spec: ExportSpec): ExportFile[] {
  if (spec.target === 'argocd') {
    const app = argoApplication(spec);
    return [
      {
        path: 'application.yaml',
        text: dump([app], header(spec, `Argo CD Application for Polyaxon (no secrets: see secret-values.yaml).`)),
        secret: false,
        objects: [app],
      },
      ...secretFile(spec, spec.namespace),
    ];
  }
  if (spec.target === 'flux') {
    const repo = fluxRepository(spec);
    const rel = fluxRelease(spec, { values: spec.plain });
    return [
      {
        path: 'helmrelease.yaml',
        text: dump([repo, rel], header(spec, 'Flux HelmRepository and HelmRelease for Polyaxon (no secrets).')),
        secret: false,
        objects: [repo, rel],
      },
      ...secretFile(spec, spec.engineNamespace ?? FLUX_NAMESPACE),
    ];
  }
  return helmfileFiles(spec, [{ context: '', name: '', server: '', overlay: {} }]);
}

function helmfileFiles(spec: ExportSpec, clusters: FleetCluster[]): ExportFile[] {
  const fleet = clusters.length > 1 || clusters[0].context !== '';
  const hasSecret = !empty(spec.secret);
  const releases = clusters.map((c) => ({
    name: spec.release,
    namespace: spec.namespace,
    chart: `${CHART_NAME}/${CHART_NAME}`,
    version: spec.chartVersion,
    createNamespace: true,
    ...(c.context ? { kubeContext: c.context } : {}),
    values: [
      'values.yaml',
      ...(c.name && !empty(c.overlay) ? [`clusters/${c.name}.yaml`] : []),
      ...(hasSecret ? ['secret-values.yaml'] : []),
    ],
  }));
  const doc = { repositories: [{ name: CHART_NAME, url: spec.repoUrl }], releases };
  const files: ExportFile[] = [
    {
      path: 'helmfile.yaml',
      text: dump([doc], header(spec, `helmfile release${fleet ? 's' : ''} for Polyaxon (no secrets).`)),
      secret: false,
      objects: [],
    },
    {
      path: 'values.yaml',
      text: `${header(
        spec,
        fleet ? 'The values every cluster shares (no secrets).' : 'Polyaxon chart values (no secrets).',
      )
        .split('\n')
        .map((l) => `# ${l}`)
        .join('\n')}\n${valuesText(spec.plain)}`,
      secret: false,
      objects: [],
    },
  ];
  for (const c of clusters)
    if (c.name && !empty(c.overlay))
      files.push({
        path: `clusters/${c.name}.yaml`,
        text: `# What cluster ${c.context} needs over values.yaml (from its probe).\n${valuesText(c.overlay)}`,
        secret: false,
        objects: [],
      });
  if (hasSecret)
    files.push({
      path: 'secret-values.yaml',
      text: `# The secret values of release ${spec.release}: never commit it as it is.\n# Encrypt it with SOPS (helm-secrets reads it: values: [secrets://secret-values.yaml]), or keep it out of git.\n${valuesText(spec.secret)}`,
      secret: true,
      objects: [],
    });
  return files;
}

/** A fleet: the base once, an overlay per cluster, and the engine's per-cluster objects. */
export function fleetFiles(spec: ExportSpec, clusters: FleetCluster[]): ExportFile[] {
  if (spec.target === 'helmfile') return helmfileFiles(spec, clusters);
  const overlays: ExportFile[] = clusters.map((c) => ({
    path: `values/${c.name}.yaml`,
    text: `# What cluster ${c.context} needs over values/base.yaml (from its probe).\n${valuesText(c.overlay)}`,
    secret: false,
    objects: [],
  }));
  const base: ExportFile = {
    path: 'values/base.yaml',
    text: `# The values every cluster shares (no secrets); chart ${CHART_NAME} ${spec.chartVersion}.\n${valuesText(spec.plain)}`,
    secret: false,
    objects: [],
  };
  if (spec.target === 'argocd') {
    const set = argoApplicationSet(spec, clusters);
    return [
      {
        path: 'applicationset.yaml',
        text: dump(
          [set],
          header(
            spec,
            `Argo CD ApplicationSet for Polyaxon on ${clusters.map((c) => c.context).join(', ')} (no secrets).`,
          ),
        ),
        secret: false,
        objects: [set],
      },
      base,
      ...overlays,
      ...secretFile(spec, spec.namespace),
    ];
  }
  const ns = spec.engineNamespace ?? FLUX_NAMESPACE;
  const repo = fluxRepository(spec);
  const baseCm = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${spec.release}-base-values`, namespace: ns },
    data: { 'values.yaml': valuesText(spec.plain) },
  };
  const out: ExportFile[] = [
    {
      path: 'base/helmrepository.yaml',
      text: dump([repo, baseCm], header(spec, 'Shared by every cluster: the chart repository and the base values.')),
      secret: false,
      objects: [repo, baseCm],
    },
    base,
    ...overlays,
  ];
  for (const c of clusters) {
    const rel = fluxRelease(spec, { values: c.overlay, baseConfigMap: `${spec.release}-base-values` });
    out.push({
      path: `clusters/${c.name}/helmrelease.yaml`,
      text: dump([rel], header(spec, `Flux HelmRelease for cluster ${c.context}: the base values, then its overlay.`)),
      secret: false,
      objects: [rel],
    });
  }
  out.push(...secretFile(spec, ns, 'base/secret-values.yaml'));
  return out;
}

/** The one command that applies what was written. */
export function applyCommand(target: ExportTarget, dir: string, fleet: boolean): string {
  if (target === 'argocd')
    return `kubectl apply -n ${ARGO_NAMESPACE} -f ${dir}/${fleet ? 'applicationset.yaml' : 'application.yaml'}`;
  if (target === 'flux')
    return fleet
      ? `kubectl apply -f ${dir}/base/ -f ${dir}/clusters/CONTEXT/ --context CONTEXT   (or commit ${dir} to the repository Flux bootstraps from)`
      : `kubectl apply -f ${dir}/helmrelease.yaml   (or commit it to the repository Flux bootstraps from; flux reconcile helmrelease ... to sync now)`;
  return `helmfile --file ${dir}/helmfile.yaml apply`;
}
