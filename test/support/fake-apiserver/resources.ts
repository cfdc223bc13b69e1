/** The resource table: which (group, version, plural) the fake serves, and how discovery describes it. */

export interface ResourceDef {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Has a `/status` subresource: writes to the main resource keep the stored status. */
  status: boolean;
  scale?: boolean;
  /** Built-in kinds: list items are served without kind/apiVersion, like the real apiserver. */
  builtin: boolean;
  /** Only `create` (access reviews): nothing is stored. */
  virtual?: boolean;
  /**
   * Kubernetes minor releases that serve a version, for versions that came late or were removed
   * (the deprecation guide): discovery and the REST paths follow the server's /version.
   */
  servedIn?: Record<string, ServedRange>;
}

/** `since` inclusive, `removed` exclusive: `{ removed: 22 }` is served up to 1.21. */
export interface ServedRange {
  since?: number;
  removed?: number;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];

export const resourceKey = (group: string, plural: string): string => `${group}/${plural}`;
export const groupVersion = (group: string, version: string): string => (group ? `${group}/${version}` : version);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

type Spec = [plural: string, kind: string, namespaced: boolean, opts?: Partial<ResourceDef>];

function builtins(group: string, versions: string[], specs: Spec[]): ResourceDef[] {
  return specs.map(([plural, kind, namespaced, opts]) => ({
    group,
    versions,
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    verbs: ALL_VERBS,
    status: false,
    builtin: true,
    ...opts,
  }));
}

const ALL = { categories: ['all'] };
/**
 * When beta versions stopped being served, from the Kubernetes deprecated API migration guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide): what a real server of that minor
 * serves, so an old chart fails here as it would there. `removed: 0`: never served for this kind.
 */
const BETA_UNTIL_122 = { v1beta1: { removed: 22 } };

export const BUILTIN_RESOURCES: ResourceDef[] = [
  ...builtins(
    '',
    ['v1'],
    [
      ['namespaces', 'Namespace', false, { verbs: NO_COLLECTION, shortNames: ['ns'], status: true }],
      ['nodes', 'Node', false, { shortNames: ['no'], status: true }],
      ['pods', 'Pod', true, { shortNames: ['po'], status: true, ...ALL }],
      [
        'services',
        'Service',
        true,
        {
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
          shortNames: ['svc'],
          status: true,
          ...ALL,
        },
      ],
      ['configmaps', 'ConfigMap', true, { shortNames: ['cm'] }],
      ['secrets', 'Secret', true],
      ['serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }],
      ['persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], status: true }],
      ['persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], status: true }],
      ['endpoints', 'Endpoints', true, { singular: 'endpoints', shortNames: ['ep'] }],
      ['events', 'Event', true, { shortNames: ['ev'] }],
      ['limitranges', 'LimitRange', true, { shortNames: ['limits'] }],
      ['resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'], status: true }],
    ],
  ),
  ...builtins(
    'apps',
    ['v1'],
    [
      ['deployments', 'Deployment', true, { shortNames: ['deploy'], status: true, scale: true, ...ALL }],
      ['statefulsets', 'StatefulSet', true, { shortNames: ['sts'], status: true, scale: true, ...ALL }],
      ['daemonsets', 'DaemonSet', true, { shortNames: ['ds'], status: true, ...ALL }],
      ['replicasets', 'ReplicaSet', true, { shortNames: ['rs'], status: true, scale: true, ...ALL }],
      ['controllerrevisions', 'ControllerRevision', true],
    ],
  ),
  ...builtins(
    'batch',
    ['v1', 'v1beta1'],
    [
      ['jobs', 'Job', true, { status: true, ...ALL, servedIn: { v1beta1: { removed: 0 } } }],
      [
        'cronjobs',
        'CronJob',
        true,
        { shortNames: ['cj'], status: true, ...ALL, servedIn: { v1: { since: 21 }, v1beta1: { removed: 25 } } },
      ],
    ],
  ),
  ...builtins(
    'autoscaling',
    ['v2', 'v1', 'v2beta2', 'v2beta1'],
    [
      [
        'horizontalpodautoscalers',
        'HorizontalPodAutoscaler',
        true,
        {
          shortNames: ['hpa'],
          status: true,
          ...ALL,
          servedIn: { v2: { since: 23 }, v2beta2: { removed: 26 }, v2beta1: { removed: 25 } },
        },
      ],
    ],
  ),
  ...builtins(
    'networking.k8s.io',
    ['v1', 'v1beta1'],
    [
      [
        'ingresses',
        'Ingress',
        true,
        { shortNames: ['ing'], status: true, servedIn: { v1: { since: 19 }, v1beta1: { removed: 22 } } },
      ],
      [
        'ingressclasses',
        'IngressClass',
        false,
        { servedIn: { v1: { since: 19 }, v1beta1: { since: 18, removed: 22 } } },
      ],
      ['networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'], servedIn: { v1beta1: { removed: 0 } } }],
    ],
  ),
  ...builtins(
    'extensions',
    ['v1beta1'],
    [['ingresses', 'Ingress', true, { shortNames: ['ing'], status: true, servedIn: { v1beta1: { removed: 22 } } }]],
  ),
  ...builtins(
    'storage.k8s.io',
    ['v1', 'v1beta1'],
    [
      ['storageclasses', 'StorageClass', false, { shortNames: ['sc'], servedIn: BETA_UNTIL_122 }],
      ['csidrivers', 'CSIDriver', false, { servedIn: { v1: { since: 18 }, v1beta1: { removed: 22 } } }],
      ['csinodes', 'CSINode', false, { servedIn: { v1: { since: 17 }, v1beta1: { removed: 22 } } }],
    ],
  ),
  ...builtins(
    'rbac.authorization.k8s.io',
    ['v1', 'v1beta1'],
    [
      ['roles', 'Role', true],
      ['rolebindings', 'RoleBinding', true],
      ['clusterroles', 'ClusterRole', false],
      ['clusterrolebindings', 'ClusterRoleBinding', false],
    ].map(([plural, kind, namespaced]) => [plural, kind, namespaced, { servedIn: BETA_UNTIL_122 }] as Spec),
  ),
  ...builtins(
    'apiextensions.k8s.io',
    ['v1', 'v1beta1'],
    [
      [
        'customresourcedefinitions',
        'CustomResourceDefinition',
        false,
        { shortNames: ['crd', 'crds'], status: true, servedIn: { v1: { since: 16 }, v1beta1: { removed: 22 } } },
      ],
    ],
  ),
  ...builtins(
    'policy',
    ['v1', 'v1beta1'],
    [
      [
        'poddisruptionbudgets',
        'PodDisruptionBudget',
        true,
        { shortNames: ['pdb'], status: true, servedIn: { v1: { since: 21 }, v1beta1: { removed: 25 } } },
      ],
      [
        'podsecuritypolicies',
        'PodSecurityPolicy',
        false,
        { shortNames: ['psp'], servedIn: { v1: { removed: 0 }, v1beta1: { removed: 25 } } },
      ],
    ],
  ),
  ...builtins(
    'scheduling.k8s.io',
    ['v1', 'v1beta1'],
    [['priorityclasses', 'PriorityClass', false, { shortNames: ['pc'], servedIn: BETA_UNTIL_122 }]],
  ),
  ...builtins('coordination.k8s.io', ['v1', 'v1beta1'], [['leases', 'Lease', true, { servedIn: BETA_UNTIL_122 }]]),
  ...builtins(
    'authorization.k8s.io',
    ['v1'],
    [
      ['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: CREATE_ONLY, virtual: true }],
      ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, { verbs: CREATE_ONLY, virtual: true }],
      ['subjectaccessreviews', 'SubjectAccessReview', false, { verbs: CREATE_ONLY, virtual: true }],
      ['localsubjectaccessreviews', 'LocalSubjectAccessReview', true, { verbs: CREATE_ONLY, virtual: true }],
    ],
  ),
];

/** Resources by path and by kind; CRDs add and remove entries at run time. */
export class ResourceTable {
  private byKey = new Map<string, ResourceDef>();
  private byKind = new Map<string, ResourceDef>();
  /** The server's Kubernetes minor, read at each request: the server sets it from its /version. */
  kubeMinor: () => number = () => Infinity;

  constructor(defs: ResourceDef[] = BUILTIN_RESOURCES) {
    for (const d of defs) this.add(d);
  }

  add(def: ResourceDef): void {
    this.byKey.set(resourceKey(def.group, def.plural), def);
    this.byKind.set(`${def.group}/${def.kind}`, def);
  }

  remove(group: string, plural: string): ResourceDef | undefined {
    const def = this.byKey.get(resourceKey(group, plural));
    if (def) {
      this.byKey.delete(resourceKey(group, plural));
      this.byKind.delete(`${group}/${def.kind}`);
    }
    return def;
  }

  /** The resource at /apis/<group>/<version>/<plural>, if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceDef | undefined {
    const d = this.byKey.get(resourceKey(group, plural));
    return d && this.serves(d, version) ? d : undefined;
  }

  /** Whether this server, at its Kubernetes version, serves `def` at `version`. */
  serves(def: ResourceDef, version: string): boolean {
    if (!def.versions.includes(version)) return false;
    const r = def.servedIn?.[version];
    if (!r) return true;
    const minor = this.kubeMinor();
    return (r.since === undefined || minor >= r.since) && (r.removed === undefined || minor < r.removed);
  }

  forKind(group: string, kind: string): ResourceDef | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  /** Loose lookup for tests: `Deployment`, `deployments`, `deployments.apps`, `deploy` or `apps/v1/Deployment`. */
  find(what: string): ResourceDef | undefined {
    const slash = what.lastIndexOf('/');
    if (slash > 0) {
      const { group } = splitApiVersion(what.slice(0, slash));
      return this.forKind(group, what.slice(slash + 1));
    }
    const lower = what.toLowerCase();
    const dot = lower.indexOf('.');
    const [name, group] = dot > 0 ? [lower.slice(0, dot), lower.slice(dot + 1)] : [lower, undefined];
    const all = [...this.byKey.values()].filter((d) => group === undefined || d.group === group);
    return (
      all.find((d) => d.kind === what) ??
      all.find((d) => d.plural === name) ??
      all.find((d) => d.kind.toLowerCase() === name || d.singular === name) ??
      all.find((d) => d.shortNames?.includes(name))
    );
  }

  all(): ResourceDef[] {
    return [...this.byKey.values()];
  }

  /** group → served versions (preferred first), core group excluded. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const d of this.byKey.values()) {
      if (!d.group) continue;
      const served = d.versions.filter((v) => this.serves(d, v));
      if (served.length === 0) continue;
      const vs = out.get(d.group) ?? [];
      for (const v of served) if (!vs.includes(v)) vs.push(v);
      out.set(d.group, vs);
    }
    for (const vs of out.values()) vs.sort(compareVersions);
    return out;
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta2 > v1beta1 > v1alpha1). */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const level = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [level, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return a.localeCompare(b);
}

/** A CRD's resource entry, as the apiextensions server would register it. */
export function defFromCrd(crd: any): ResourceDef | undefined {
  const spec = crd?.spec;
  if (!spec?.group || !spec?.names?.plural || !spec?.names?.kind) return undefined;
  const versions: any[] = (spec.versions ?? []).filter((v: any) => v.served !== false);
  if (versions.length === 0 && spec.version) versions.push({ name: spec.version });
  const names = versions.map((v) => String(v.name)).sort(compareVersions);
  if (names.length === 0) return undefined;
  const hasStatus =
    versions.some((v) => v.subresources?.status !== undefined) || spec.subresources?.status !== undefined;
  return {
    group: spec.group,
    versions: names,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    namespaced: spec.scope !== 'Cluster',
    verbs: ALL_VERBS,
    shortNames: spec.names.shortNames,
    categories: spec.names.categories,
    status: hasStatus,
    builtin: false,
  };
}
