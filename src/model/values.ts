/**
 * The values of the Polyaxon chart under the spec's names (shared/spec/polyaxon-chart-README.txt).
 * Every field is optional: a Values object is a layer (preset, file, --set, wizard answer, probe
 * finding) and layers are merged with helm's rules (src/model/merge.ts).
 * Names that differ in a real chart line are mapped only when writing (src/model/chart-line.ts).
 */

export const DEPLOYMENT_TYPES = ['kubernetes', 'minikube', 'microk8s', 'docker-compose'] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export const SERVICE_TYPES = ['LoadBalancer', 'NodePort', 'ClusterIP'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const STORES = ['gcs', 's3', 'azure'] as const;
export type Store = (typeof STORES)[number];

export const FS_GROUP_CHANGE_POLICIES = ['OnRootMismatch', 'Always'] as const;
export type FsGroupChangePolicy = (typeof FS_GROUP_CHANGE_POLICIES)[number];

export interface TlsEntry {
  secretName?: string;
  hosts?: string[];
}

export interface Ingress {
  enabled?: boolean;
  path?: string;
  hostName?: string;
  annotations?: Record<string, string>;
  tls?: TlsEntry[];
}

export interface Ssl {
  enabled?: boolean;
  secretName?: string;
  path?: string;
}

export interface Dns {
  backend?: string;
  prefix?: string;
  customCluster?: string;
}

export interface RootUser {
  username?: string;
  email?: string;
  /** null asks the chart to generate one. */
  password?: string | null;
}

export interface NvidiaPaths {
  lib?: string;
  bin?: string;
  libcuda?: string;
}

/** logs, repos, upload: one volume each. */
export interface CoreMount {
  existingClaim?: string;
  mountPath?: string;
  hostPath?: string;
}

/** An entry of persistence.data or persistence.outputs: a host path, a claim, or a bucket. */
export interface VolumeEntry extends CoreMount {
  readOnly?: boolean;
  store?: Store;
  bucket?: string;
  secret?: string;
  secretKey?: string;
}

export interface Persistence {
  logs?: CoreMount;
  repos?: CoreMount;
  upload?: CoreMount;
  data?: Record<string, VolumeEntry | null>;
  outputs?: Record<string, VolumeEntry | null>;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

/** Kubernetes affinity, kept as data: the wizard offers the spec's default and passes the rest through. */
export type Affinity = Record<string, unknown>;

export interface Scheduling {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: Affinity;
}

export interface SecurityContext {
  enabled?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  fsGroupChangePolicy?: FsGroupChangePolicy | null;
}

export interface Values extends Scheduling {
  deploymentType?: DeploymentType;
  deploymentVersion?: string;
  namespace?: string;
  rbac?: { enabled?: boolean };
  ingress?: Ingress;
  api?: { service?: { annotations?: Record<string, string> } };
  serviceType?: ServiceType;
  ssl?: Ssl;
  dns?: Dns;
  timezone?: string;
  user?: RootUser;
  dirs?: { nvidia?: NvidiaPaths };
  mountPaths?: { nvidia?: NvidiaPaths };
  persistence?: Persistence;
  postgresql?: Scheduling;
  redis?: { master?: Scheduling; slave?: Scheduling };
  rabbitmq?: Scheduling;
  resourcesDaemon?: { enabled?: boolean; tolerations?: Toleration[] };
  allowedHosts?: string[];
  hostName?: string;
  ui?: { adminEnabled?: boolean };
  securityContext?: SecurityContext;
}

/** The three core mounts, in the order the spec lists them. */
export const CORE_MOUNTS = ['logs', 'repos', 'upload'] as const;
export type CoreMountName = (typeof CORE_MOUNTS)[number];

/** The two maps of named volumes. */
export const VOLUME_MAPS = ['data', 'outputs'] as const;
export type VolumeMapName = (typeof VOLUME_MAPS)[number];
