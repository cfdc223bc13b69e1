/**
 * The values of the Polyaxon chart under the spec's names (shared/spec/polyaxon-chart-README.txt).
 * Every type here is derived from the schema (src/model/schema.ts), never written out: a key
 * added there is a key here. Every field is optional: a Values object is a layer (preset, file,
 * --set, wizard answer, probe finding) and layers are merged with helm's rules (src/model/merge.ts).
 * Names that differ in a real chart line are mapped only when writing (src/model/chart-line.ts).
 */
import type { Static } from './schema-kit.js';
import { VALUES_SCHEMA } from './schema.js';

export type Values = Static<typeof VALUES_SCHEMA>;

const P = VALUES_SCHEMA.properties;

export const DEPLOYMENT_TYPES = P.deploymentType.enum;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export const SERVICE_TYPES = P.serviceType.enum;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export type Ingress = NonNullable<Values['ingress']>;
export type TlsEntry = NonNullable<Ingress['tls']>[number];
export type Ssl = NonNullable<Values['ssl']>;
export type Dns = NonNullable<Values['dns']>;
export type RootUser = NonNullable<Values['user']>;
export type NvidiaPaths = NonNullable<NonNullable<Values['dirs']>['nvidia']>;

export type Persistence = NonNullable<Values['persistence']>;
/** The maps of named volumes: the persistence keys whose type has free keys. */
export type VolumeMapName = {
  [K in keyof Persistence]-?: string extends keyof NonNullable<Persistence[K]> ? K : never;
}[keyof Persistence];
/** logs, repos, upload: the other persistence keys, one volume each. */
export type CoreMountName = Exclude<keyof Persistence, VolumeMapName>;
export type CoreMount = NonNullable<Persistence[CoreMountName]>;
/** An entry of persistence.data or persistence.outputs: a host path, a claim, or a bucket. */
export type VolumeEntry = NonNullable<NonNullable<Persistence[VolumeMapName]>[string]>;

const persistence = P.persistence.properties;
/** The three core mounts, in the order the spec lists them. */
export const CORE_MOUNTS = keysOf(persistence).filter((k) => persistence[k].properties) as readonly CoreMountName[];
/** The two maps of named volumes. */
export const VOLUME_MAPS = keysOf(persistence).filter((k) => !persistence[k].properties) as readonly VolumeMapName[];

const volumeEntry = persistence.data.additionalProperties;
export const STORES = volumeEntry.properties.store.enum as readonly NonNullable<VolumeEntry['store']>[];
export type Store = (typeof STORES)[number];

export type Toleration = NonNullable<Values['tolerations']>[number];
export const TAINT_EFFECTS = P.tolerations.items.properties.effect.enum;

/** Kubernetes affinity, kept as data: the wizard offers the spec's default and passes the rest through. */
export type Affinity = NonNullable<Values['affinity']>;

/** nodeSelector, tolerations and affinity of one component. */
export type Scheduling = NonNullable<Values['postgresql']>;

export type SecurityContext = NonNullable<Values['securityContext']>;
export type FsGroupChangePolicy = NonNullable<SecurityContext['fsGroupChangePolicy']>;
export const FS_GROUP_CHANGE_POLICIES = P.securityContext.properties.fsGroupChangePolicy.enum.filter(
  (p: unknown) => p !== null,
) as readonly FsGroupChangePolicy[];

function keysOf<O extends object>(o: O): (keyof O & string)[] {
  return Object.keys(o) as (keyof O & string)[];
}
