/**
 * What installing the rendered chart asks of the API, per object kind, namespace and verb (helm
 * gets each object, then creates it), and the smallest Role and ClusterRole that would grant what
 * an account was denied. Pure.
 */
import yaml from 'js-yaml';
import { describeCheck } from './permissions.js';
import type { AccessCheck } from './types.js';

/** Kinds that live outside namespaces (the ones a chart may render). */
const CLUSTER_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'StorageClass',
  'PersistentVolume',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
]);

interface Rendered {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

/** The resource (plural) of a kind, as the API names it. */
export function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'endpoints') return k;
  if (/(s|x|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/**
 * One check per verb, resource and namespace the objects need, plus helm's own: its release
 * record is a Secret in the release namespace.
 */
export function checksForObjects(objects: Rendered[], namespace: string): AccessCheck[] {
  const seen = new Map<string, AccessCheck>();
  const need = (verb: string, group: string, resource: string, ns: string | undefined, why: string) => {
    const key = `${verb} ${group} ${resource} ${ns ?? ''}`;
    if (!seen.has(key)) seen.set(key, { verb, group, resource, ...(ns ? { namespace: ns } : {}), why });
  };
  for (const o of objects) {
    if (!o?.kind || !o.apiVersion) continue;
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    const resource = pluralOf(o.kind);
    const ns = CLUSTER_KINDS.has(o.kind) ? undefined : (o.metadata?.namespace ?? namespace);
    const why = `the chart renders ${o.kind} ${o.metadata?.name ?? ''}`.trimEnd();
    need('get', group, resource, ns, why);
    need('create', group, resource, ns, why);
  }
  for (const verb of ['get', 'list', 'create', 'update'])
    need(verb, '', 'secrets', namespace, 'helm keeps the release in a Secret');
  return [...seen.values()];
}

/** The Role (namespaced) and ClusterRole (cluster-wide) that grant exactly the denied checks, as YAML. */
export function minimalRbac(denied: AccessCheck[], namespace: string, name = 'polyaxon-installer'): string {
  const rules = (checks: AccessCheck[]) => {
    const byResource = new Map<string, { apiGroups: string[]; resources: string[]; verbs: string[] }>();
    for (const c of checks) {
      const key = `${c.group}/${c.resource}`;
      const rule = byResource.get(key) ?? { apiGroups: [c.group], resources: [c.resource], verbs: [] };
      if (!rule.verbs.includes(c.verb)) rule.verbs.push(c.verb);
      byResource.set(key, rule);
    }
    // Rules with the same group and verbs become one.
    const merged = new Map<string, { apiGroups: string[]; resources: string[]; verbs: string[] }>();
    for (const r of byResource.values()) {
      const key = `${r.apiGroups[0]}|${[...r.verbs].sort().join(',')}`;
      const m = merged.get(key);
      if (m) m.resources.push(...r.resources);
      else merged.set(key, { ...r, verbs: [...r.verbs].sort() });
    }
    return [...merged.values()];
  };
  const docs: unknown[] = [];
  const namespaced = denied.filter((c) => c.namespace);
  const cluster = denied.filter((c) => !c.namespace);
  if (namespaced.length)
    docs.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, namespace },
      rules: rules(namespaced),
    });
  if (cluster.length)
    docs.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: rules(cluster),
    });
  return docs.map((d) => yaml.dump(d, { lineWidth: -1, flowLevel: 3 }).trimEnd()).join('\n---\n');
}

/** "create clusterroles.rbac.authorization.k8s.io, get secrets in ml" */
export function describeChecks(checks: AccessCheck[]): string {
  return checks.map(describeCheck).join(', ');
}
