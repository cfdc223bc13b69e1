import { VALUES_SCHEMA } from './schema.js';
import type { Affinity, Values } from './values.js';

/** The default of a top-level key as the schema gives it (and editors show it). */
const schemaDefault = <K extends keyof Values>(key: K): Values[K] => VALUES_SCHEMA.properties[key].default as Values[K];

/** The spec's default pod affinity: keep the core components on one node. */
export const DEFAULT_AFFINITY: Affinity = {
  podAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 100,
        podAffinityTerm: {
          labelSelector: { matchExpressions: [{ key: 'type', operator: 'In', values: ['polyaxon-core'] }] },
          topologyKey: 'kubernetes.io/hostname',
        },
      },
    ],
  },
};

/** The password the spec ships; accepted, but warned about. */
export const DEFAULT_ROOT_PASSWORD = 'rootpassword';

/** The defaults the spec's tables give, under the spec's names. */
export const SPEC_DEFAULTS: Values = {
  deploymentType: schemaDefault('deploymentType'),
  deploymentVersion: schemaDefault('deploymentVersion'),
  namespace: schemaDefault('namespace'),
  rbac: { enabled: true },
  ingress: { enabled: true, path: '/', annotations: {}, tls: [] },
  api: { service: { annotations: {} } },
  serviceType: schemaDefault('serviceType'),
  ssl: {},
  dns: {},
  timezone: schemaDefault('timezone'),
  user: { username: 'root', email: 'root@polyaxon.local', password: DEFAULT_ROOT_PASSWORD },
  persistence: {
    logs: { mountPath: '/polyaxon-logs', hostPath: '/tmp/logs' },
    repos: { mountPath: '/polyaxon-repos', hostPath: '/tmp/repos' },
    upload: { mountPath: '/polyaxon-upload', hostPath: '/tmp/upload' },
    data: { 'default-data': { mountPath: '/data', hostPath: '/data' } },
    outputs: { 'default-outputs': { mountPath: '/outputs', hostPath: '/outputs' } },
  },
  nodeSelector: {},
  tolerations: [],
  affinity: DEFAULT_AFFINITY,
  resourcesDaemon: { enabled: true, tolerations: [] },
  ui: { adminEnabled: true },
  securityContext: {
    enabled: false,
    runAsUser: 2222,
    runAsGroup: 2222,
    fsGroup: 2222,
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
  },
};
