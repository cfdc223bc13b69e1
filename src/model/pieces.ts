/**
 * The pieces chart lines are composed of (src/model/schema.ts composes the spec's): each is a
 * TypeBox node, that is a JSON Schema object whose TypeScript type is `Static<typeof piece>`.
 * A key that two lines share, or share under two names, is the same piece in both; pieces that
 * take a description are functions, so each place says what it is for.
 */
import { bool, count, freeMap, list, mapOf, obj, oneOf, orNull, str, text } from './schema-kit.js';

// ---- Top-level scalars ----

export const deploymentType = oneOf(
  ['kubernetes', 'minikube', 'microk8s', 'docker-compose'],
  'How Polyaxon shows instructions',
  { default: 'kubernetes' },
);
export const deploymentVersion = str('The Polyaxon version to deploy', { default: 'latest' });
export const namespace = str('Namespace Polyaxon uses for operations', { default: 'polyaxon' });
export const serviceType = oneOf(['LoadBalancer', 'NodePort', 'ClusterIP'], 'The API Service type', {
  default: 'LoadBalancer',
});
export const timezone = str('IANA time zone', { default: 'UTC' });
export const hostName = str('The API host used in links');
export const allowedHosts = list('Hosts and IPs allowed to reach the API', text());

export const stringMap = (description: string) => mapOf(description, text());

export const rbac = obj('RBAC', { enabled: bool('Use role-based access control') });
export const ui = obj('The UI', { adminEnabled: bool('Enable the admin interface') });

// ---- Access: ingress, the API Service, SSL, DNS ----

export const tlsEntry = obj('A TLS entry', {
  secretName: str('Secret with tls.crt and tls.key'),
  hosts: list('Hosts the certificate covers', text()),
});

export const ingress = obj('The Ingress', {
  enabled: bool('Use a Kubernetes Ingress'),
  path: str('Ingress path'),
  hostName: str('Ingress host name'),
  annotations: stringMap('Ingress annotations'),
  tls: list('Ingress TLS', tlsEntry),
});

export const api = obj('The API', {
  service: obj('The API Service', { annotations: stringMap('API Service annotations') }),
});

export const ssl = obj('HTTPS on a NodePort service', {
  enabled: bool('Serve HTTPS from the API'),
  secretName: str('Secret with the certificate and key'),
  path: str('Where the certificate is mounted (default /etc/ssl)'),
});

export const dns = obj('Cluster DNS', {
  backend: str('kube-dns or coredns: the DNS Service name in kube-system'),
  prefix: str('Full DNS prefix, e.g. dns-default.openshift-dns'),
  customCluster: str('The cluster domain when not cluster.local'),
});

// ---- The root user ----

export const user = obj('The root user', {
  username: str('Superuser name'),
  email: str('Superuser email'),
  password: orNull(str('Superuser password (null: the chart generates one)')),
});

// ---- GPU paths ----

export const nvidia = (description: string) =>
  obj(description, {
    lib: str('The nvidia lib, e.g. /usr/lib/nvidia-384'),
    bin: str('The nvidia bin, e.g. /usr/lib/nvidia-384/bin'),
    libcuda: str('The nvidia libcuda.so.1, e.g. /usr/lib/x86_64-linux-gnu/libcuda.so.1'),
  });

export const dirs = obj('Host directories', { nvidia: nvidia('Where the NVIDIA libraries are on the host') });
export const mountPaths = obj('Mount paths', { nvidia: nvidia('Where the NVIDIA libraries are mounted in pods') });

// ---- Volumes ----

const mountFields = {
  existingClaim: str('Name of an existing PVC'),
  mountPath: str('Path where to mount the volume'),
  hostPath: str('The directory on the host node'),
};

/** logs, repos, upload: one volume each. */
export const coreMount = (what: string) => obj(`Where ${what} are kept`, mountFields);

/** An entry of persistence.data or persistence.outputs: a host path, a claim, or a bucket. */
export const volumeEntry = obj('A volume: a host path, an existing claim, or a cloud bucket', {
  ...mountFields,
  readOnly: bool('Whether to mount as read-only'),
  store: oneOf(['gcs', 's3', 'azure'], 'Cloud storage kind'),
  bucket: str('The bucket (gs://, s3:// or wasbs://)'),
  secret: str('The secret holding access to the bucket'),
  secretKey: str('The key in that secret'),
});

/** Named volumes; null deletes an entry of a layer below. */
export const volumeMap = (what: string) => mapOf(`Named volumes for ${what}`, orNull(volumeEntry));

export const persistence = obj('Volumes', {
  logs: coreMount('logs'),
  repos: coreMount('repos'),
  upload: coreMount('uploads'),
  data: volumeMap('data'),
  outputs: volumeMap('outputs'),
});

// ---- Scheduling ----

/** The one toleration node: every list of tolerations has it as `items` (validate.ts finds them so). */
export const toleration = obj('A toleration', {
  key: str('Taint key'),
  operator: oneOf(['Exists', 'Equal'], 'Exists or Equal'),
  value: str('Taint value'),
  effect: oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], 'Taint effect'),
  tolerationSeconds: count('How long to stay bound after a NoExecute taint'),
});

export const tolerations = (what: string) => list(`Tolerations for ${what}`, toleration);

/** nodeSelector, tolerations and affinity of one component: spread into a map, or a map of its own. */
export const scheduling = (what: string) => ({
  nodeSelector: stringMap(`Node selector for ${what}`),
  tolerations: tolerations(what),
  affinity: freeMap(`Affinity for ${what}`),
});

export const component = (description: string, what: string) => obj(description, scheduling(what));

export const redis = obj('Redis scheduling', {
  master: component('Redis master', 'redis master'),
  slave: component('Redis slave', 'redis slave'),
});

export const resourcesDaemon = obj('The node resources daemon', {
  enabled: bool('Run the resources daemon'),
  tolerations: tolerations('the resources daemon'),
});

// ---- Security context ----

/** UIDs and GIDs: whole numbers, at least 0 (checks.uidGid reads that minimum from the schema). */
const uid = count;

export const securityContext = obj('Security context of the core pods', {
  enabled: bool('Enable the security context'),
  runAsUser: uid('UID'),
  runAsGroup: uid('GID'),
  fsGroup: uid('FS group'),
  allowPrivilegeEscalation: bool('Allow privilege escalation'),
  runAsNonRoot: bool('Require a non-root user'),
  fsGroupChangePolicy: orNull(oneOf(['OnRootMismatch', 'Always'], 'OnRootMismatch or Always')),
  user: uid("The spec example's name for runAsUser (read as runAsUser)"),
  group: uid("The spec example's name for runAsGroup (read as runAsGroup)"),
});
