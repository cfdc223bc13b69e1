/** What the apiserver itself fills in on create and update (defaults, allocations), before controllers run. */
import { randomUUID } from 'node:crypto';
import type { ResourceDef } from './resources.js';
import { invalid } from './status.js';
import { now } from './store.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kube validates most names as RFC 1123 subdomains; RBAC names only as path segments. */
export function checkName(def: ResourceDef, name: string): void {
  const rbac = def.group === 'rbac.authorization.k8s.io';
  const ok = rbac
    ? !/[/%]/.test(name) && name !== '.' && name !== '..'
    : name.length <= 253 && DNS_SUBDOMAIN.test(name);
  if (!ok) {
    const why = rbac
      ? "may not contain '/' or '%'"
      : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    throw invalid(
      def.kind,
      def.builtin ? '' : def.group,
      name,
      'metadata.name',
      'FieldValueInvalid',
      `Invalid value: "${name}": ${why}`,
    );
  }
}

let nextClusterIp = 10;
let nextNodePort = 30000;

function allocateClusterIp(): string {
  const n = nextClusterIp++;
  return `10.96.${(n >> 8) & 255}.${n & 255}`;
}

function defaultService(spec: any, old: any): any {
  const s = { ...(spec ?? {}) };
  s.type ??= 'ClusterIP';
  if (s.type !== 'ExternalName') {
    s.clusterIP ||= old?.clusterIP || allocateClusterIp();
    s.clusterIPs = s.clusterIP === 'None' ? ['None'] : [s.clusterIP];
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
    s.internalTrafficPolicy ??= 'Cluster';
  }
  s.sessionAffinity ??= 'None';
  s.ports = (s.ports ?? []).map((p: any) => {
    const port = { protocol: 'TCP', ...p, targetPort: p.targetPort ?? p.port };
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      port.nodePort ??= old?.ports?.find((o: any) => o.port === p.port)?.nodePort ?? nextNodePort++;
    }
    return port;
  });
  return s;
}

/** Defaults the apiserver applies on every write of these kinds. */
function defaults(def: ResourceDef, obj: any, old: any | undefined): void {
  const key = `${def.group}/${def.plural}`;
  if (key === '/services') obj.spec = defaultService(obj.spec, old?.spec);
  if (key === '/secrets') {
    // stringData is write-only: kube folds it into data.
    if (obj.stringData) {
      obj.data = { ...(obj.data ?? {}) };
      for (const [k, v] of Object.entries(obj.stringData)) obj.data[k] = Buffer.from(String(v)).toString('base64');
      delete obj.stringData;
    }
    obj.type ??= 'Opaque';
  }
  if (key === '/namespaces') {
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
    obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) };
  }
  if (key === 'apps/deployments') {
    obj.spec = {
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      ...(obj.spec ?? {}),
    };
  }
  if (key === 'apps/statefulsets') {
    obj.spec = {
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      ...(obj.spec ?? {}),
    };
  }
  if (key === 'batch/jobs') obj.spec = { parallelism: 1, completions: 1, backoffLimit: 6, ...(obj.spec ?? {}) };
}

/** Status a fresh object starts with (the client's status is dropped, as kube does). */
function initialStatus(def: ResourceDef): any {
  switch (`${def.group}/${def.plural}`) {
    case '/namespaces':
      return { phase: 'Active' };
    case '/pods':
      return { phase: 'Pending', qosClass: 'BestEffort' };
    case '/persistentvolumeclaims':
      return { phase: 'Pending' };
    case '/services':
      return { loadBalancer: {} };
    default:
      return {};
  }
}

/** Turns a create request body into the object to store. */
export function admitCreate(def: ResourceDef, body: any, namespace: string | undefined, name: string): any {
  const obj = structuredClone(body);
  const meta = (obj.metadata = { ...(obj.metadata ?? {}) });
  meta.name = name;
  if (def.namespaced) meta.namespace = namespace;
  else delete meta.namespace;
  meta.uid = randomUUID();
  meta.creationTimestamp = now();
  meta.generation = 1;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.selfLink;
  if (def.status) obj.status = initialStatus(def);
  defaults(def, obj, undefined);
  return obj;
}

/** Carries identity and server-owned fields from the stored object into a replacement. */
export function admitUpdate(def: ResourceDef, old: any, next: any, subresource: string | undefined): any {
  const obj = subresource === 'status' ? { ...structuredClone(old), status: next.status } : structuredClone(next);
  const meta = (obj.metadata = { ...(obj.metadata ?? {}) });
  for (const k of ['name', 'namespace', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp']) {
    if (old.metadata[k] === undefined) delete meta[k];
    else meta[k] = old.metadata[k];
  }
  if (subresource !== 'status' && meta.managedFields === undefined && old.metadata.managedFields)
    meta.managedFields = old.metadata.managedFields;
  delete meta.resourceVersion;
  if (def.status && subresource !== 'status') {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (subresource !== 'status') defaults(def, obj, old);
  const specOf = (o: any) =>
    JSON.stringify({ ...o, metadata: undefined, status: undefined, apiVersion: undefined, kind: undefined });
  if (specOf(obj) !== specOf(old)) meta.generation = (old.metadata.generation ?? 1) + 1;
  return obj;
}
