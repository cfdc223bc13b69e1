/**
 * The values model as a JSON Schema (draft-07): the one description of which keys exist and what
 * type each has. The structural check (src/model/check-shape.ts) walks it, `polyaxon-setup` writes
 * its URL-free copy next to config.yaml for editors, and the docs table is read from it.
 */
import { DEPLOYMENT_TYPES, FS_GROUP_CHANGE_POLICIES, SERVICE_TYPES, STORES } from './values.js';

export interface Schema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: readonly unknown[];
  properties?: Record<string, Schema>;
  /** false: unknown keys are an error; a schema: every other key must match it; true/absent: free-form. */
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minimum?: number;
  $schema?: string;
  title?: string;
}

const str = (description: string, extra: Partial<Schema> = {}): Schema => ({ type: 'string', description, ...extra });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const obj = (description: string, properties: Record<string, Schema>): Schema => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
});
const stringMap = (description: string): Schema => ({ type: 'object', description, additionalProperties: { type: 'string' } });
const freeObject = (description: string): Schema => ({ type: 'object', description, additionalProperties: true });
const uid = (description: string): Schema => ({ type: 'integer', minimum: 0, description });

const toleration: Schema = obj('A toleration', {
  key: str('Taint key'),
  operator: str('Exists or Equal', { enum: ['Exists', 'Equal'] }),
  value: str('Taint value'),
  effect: str('Taint effect', { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }),
  tolerationSeconds: { type: 'integer', minimum: 0, description: 'How long to stay bound after a NoExecute taint' },
});
const tolerations = (what: string): Schema => ({ type: 'array', description: `Tolerations for ${what}`, items: toleration });

const scheduling = (what: string): Record<string, Schema> => ({
  nodeSelector: stringMap(`Node selector for ${what}`),
  tolerations: tolerations(what),
  affinity: freeObject(`Affinity for ${what}`),
});

const coreMount = (what: string): Schema =>
  obj(`Where ${what} are kept`, {
    existingClaim: str('Name of an existing PVC'),
    mountPath: str('Path where to mount the volume'),
    hostPath: str("The directory on the host node"),
  });

const volumeEntry: Schema = obj('A volume: a host path, an existing claim, or a cloud bucket', {
  existingClaim: str('Name of an existing PVC'),
  mountPath: str('Path where to mount the volume'),
  hostPath: str("The directory on the host node"),
  readOnly: bool('Whether to mount as read-only'),
  store: str('Cloud storage kind', { enum: STORES }),
  bucket: str('The bucket (gs://, s3:// or wasbs://)'),
  secret: str('The secret holding access to the bucket'),
  secretKey: str('The key in that secret'),
});
const volumeMap = (what: string): Schema => ({
  type: 'object',
  description: `Named volumes for ${what}`,
  additionalProperties: { ...volumeEntry, type: ['object', 'null'] },
});

const nvidia = (what: string): Schema =>
  obj(what, {
    lib: str('The nvidia lib, e.g. /usr/lib/nvidia-384'),
    bin: str('The nvidia bin, e.g. /usr/lib/nvidia-384/bin'),
    libcuda: str('The nvidia libcuda.so.1, e.g. /usr/lib/x86_64-linux-gnu/libcuda.so.1'),
  });

export const VALUES_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Polyaxon chart values (polyaxon-setup)',
  ...obj('Values for the Polyaxon Helm chart', {
    deploymentType: str('How Polyaxon shows instructions', { enum: DEPLOYMENT_TYPES, default: 'kubernetes' }),
    deploymentVersion: str('The Polyaxon version to deploy', { default: 'latest' }),
    namespace: str('Namespace Polyaxon uses for operations', { default: 'polyaxon' }),
    rbac: obj('RBAC', { enabled: bool('Use role-based access control') }),
    ingress: obj('The Ingress', {
      enabled: bool('Use a Kubernetes Ingress'),
      path: str('Ingress path'),
      hostName: str('Ingress host name'),
      annotations: stringMap('Ingress annotations'),
      tls: {
        type: 'array',
        description: 'Ingress TLS',
        items: obj('A TLS entry', {
          secretName: str('Secret with tls.crt and tls.key'),
          hosts: { type: 'array', items: { type: 'string' }, description: 'Hosts the certificate covers' },
        }),
      },
    }),
    api: obj('The API', { service: obj('The API Service', { annotations: stringMap('API Service annotations') }) }),
    serviceType: str('The API Service type', { enum: SERVICE_TYPES, default: 'LoadBalancer' }),
    ssl: obj('HTTPS on a NodePort service', {
      enabled: bool('Serve HTTPS from the API'),
      secretName: str('Secret with the certificate and key'),
      path: str('Where the certificate is mounted (default /etc/ssl)'),
    }),
    dns: obj('Cluster DNS', {
      backend: str('kube-dns or coredns: the DNS Service name in kube-system'),
      prefix: str('Full DNS prefix, e.g. dns-default.openshift-dns'),
      customCluster: str('The cluster domain when not cluster.local'),
    }),
    timezone: str('IANA time zone', { default: 'UTC' }),
    user: obj('The root user', {
      username: str('Superuser name'),
      email: str('Superuser email'),
      password: { type: ['string', 'null'], description: 'Superuser password (null: the chart generates one)' },
    }),
    dirs: obj('Host directories', { nvidia: nvidia('Where the NVIDIA libraries are on the host') }),
    mountPaths: obj('Mount paths', { nvidia: nvidia('Where the NVIDIA libraries are mounted in pods') }),
    persistence: obj('Volumes', {
      logs: coreMount('logs'),
      repos: coreMount('repos'),
      upload: coreMount('uploads'),
      data: volumeMap('data'),
      outputs: volumeMap('outputs'),
    }),
    ...scheduling('core pods'),
    postgresql: obj('PostgreSQL scheduling', scheduling('postgresql')),
    redis: obj('Redis scheduling', {
      master: obj('Redis master', scheduling('redis master')),
      slave: obj('Redis slave', scheduling('redis slave')),
    }),
    rabbitmq: obj('RabbitMQ scheduling', scheduling('rabbitmq')),
    resourcesDaemon: obj('The node resources daemon', {
      enabled: bool('Run the resources daemon'),
      tolerations: tolerations('the resources daemon'),
    }),
    allowedHosts: { type: 'array', items: { type: 'string' }, description: 'Hosts and IPs allowed to reach the API' },
    hostName: str('The API host used in links'),
    ui: obj('The UI', { adminEnabled: bool('Enable the admin interface') }),
    securityContext: obj('Security context of the core pods', {
      enabled: bool('Enable the security context'),
      runAsUser: uid('UID'),
      runAsGroup: uid('GID'),
      fsGroup: uid('FS group'),
      allowPrivilegeEscalation: bool('Allow privilege escalation'),
      runAsNonRoot: bool('Require a non-root user'),
      fsGroupChangePolicy: { type: ['string', 'null'], enum: [...FS_GROUP_CHANGE_POLICIES, null], description: 'OnRootMismatch or Always' },
      user: uid('The spec example\'s name for runAsUser (read as runAsUser)'),
      group: uid('The spec example\'s name for runAsGroup (read as runAsGroup)'),
    }),
  }),
};

/** The schema node for a dotted path, following maps' additionalProperties. */
export function schemaAt(path: readonly string[], root: Schema = VALUES_SCHEMA): Schema | undefined {
  let cur: Schema | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    const next: Schema | undefined = cur.properties?.[seg];
    if (next) cur = next;
    else if (cur.additionalProperties === true || cur.additionalProperties === undefined) return { additionalProperties: true };
    else if (cur.additionalProperties === false) return undefined;
    else cur = cur.additionalProperties;
  }
  return cur;
}
