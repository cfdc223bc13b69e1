/**
 * The chart lines as data, measured by rendering each published archive with helm 3 and helm 4
 * (shared/polyaxon-chart/NOTES.md; test/chart/lines.test.ts keeps every row true to its archive).
 * The spec's names are the model's; each line says which of them it reads under another name,
 * which it does not read at all, and what Kubernetes and helm it can install with.
 */
import type { Translation } from './translate.js';
import { artifactsFromPersistence, nodePortSslOn2x } from './stores.js';

export type LineId = '0.6' | '1.0' | '1.12' | '1.13' | '2';

export interface ChartLine {
  id: LineId;
  /** "chart 2.x": what the person reads. */
  label: string;
  /** Versions of the line: from (inclusive) up to `below` (exclusive). */
  from: string;
  below?: string;
  /** The published archive the tests render for this line. */
  example: string;
  /** Kubernetes it can install on: its objects use APIs served in this range. */
  kube: { min?: string; max?: string };
  /** Whether helm 3.17 and 4.1 can render it at all. */
  renders: boolean;
  /** What the APIs that bound `kube` are, for messages. */
  apis?: string;
  /** Applied in order when writing values for the line. */
  translations: Translation[];
  /**
   * The brokers whose subchart the archive bundles, and whether the chart runs each by default
   * (its values.yaml); a broker not listed has no subchart, so no `enabled` key is written for it.
   * Turned on as `<name>.enabled` under the line's name (`rabbitmq` is `rabbitmq-ha` before 2.x).
   */
  bundled: Partial<Record<Broker, boolean>>;
}

/** The message brokers a line may run in the cluster, by their spec names. */
export const BROKERS = ['redis', 'rabbitmq'] as const;
export type Broker = (typeof BROKERS)[number];

/** 1.x and 2.x bundle both and run neither by default. */
const OFF: Record<Broker, boolean> = { redis: false, rabbitmq: false };

const GPU_2X =
  'the NVIDIA device plugin or GPU Operator provides the libraries on this line; no template reads host paths';

/** What every line from 1.0 on reads differently from the spec. */
const ARTIFACTS_LINES: Translation[] = [
  { drop: 'deploymentVersion', why: 'no chart reads it; --chart-version pins the chart' },
  { drop: 'dirs', why: GPU_2X },
  { drop: 'mountPaths', why: GPU_2X },
  { drop: 'resourcesDaemon', why: 'chart 1.x and 2.x have no resources daemon' },
  { custom: 'persistence', apply: artifactsFromPersistence },
  { move: ['serviceType', 'gateway.service.type'] },
];

const RABBITMQ_HA: Translation = { move: ['rabbitmq', 'rabbitmq-ha'] };
const POSTGRES_MASTER: Translation[] = ['nodeSelector', 'tolerations', 'affinity'].map((k) => ({
  move: [`postgresql.${k}`, `postgresql.master.${k}`],
}));
const USER_GROUP: Translation[] = [
  { move: ['securityContext.runAsUser', 'securityContext.user'] },
  { move: ['securityContext.runAsGroup', 'securityContext.group'] },
  ...['fsGroup', 'allowPrivilegeEscalation', 'runAsNonRoot', 'fsGroupChangePolicy'].map((k) => ({
    drop: `securityContext.${k}`,
    why: 'this line has no such setting (it came with chart 1.13)',
  })),
];
const NAMESPACE: Translation = {
  drop: 'namespace',
  why: 'this line puts everything in the release namespace (--namespace)',
  quiet: true,
};

export const LINES: readonly ChartLine[] = [
  {
    id: '0.6',
    label: 'chart 0.6.x',
    from: '0.0.0',
    below: '1.0.0',
    example: '0.6.1',
    kube: { max: '1.21' },
    renders: false,
    apis: 'rbac.authorization.k8s.io/v1beta1 and networking.k8s.io/v1beta1 (removed in Kubernetes 1.22)',
    translations: [
      { drop: 'deploymentVersion', why: 'no chart reads it; --chart-version pins the chart' },
      { move: ['timezone', 'timeZone'] },
      { move: ['ui.adminEnabled', 'adminViewEnabled'] },
      RABBITMQ_HA,
      ...POSTGRES_MASTER,
      ...USER_GROUP,
    ],
    // 0.6.1's values.yaml runs both in the cluster.
    bundled: { redis: true, rabbitmq: true },
  },
  {
    id: '1.0',
    label: 'chart 1.0–1.11',
    from: '1.0.0',
    below: '1.12.0',
    example: '1.1.9',
    kube: { max: '1.21' },
    renders: true,
    apis: 'apiextensions.k8s.io/v1beta1 (removed in Kubernetes 1.22)',
    translations: [...ARTIFACTS_LINES, RABBITMQ_HA, ...POSTGRES_MASTER, ...USER_GROUP],
    bundled: OFF,
  },
  {
    id: '1.12',
    label: 'chart 1.12',
    from: '1.12.0',
    below: '1.13.0',
    example: '1.12.3',
    kube: { min: '1.19' },
    renders: true,
    translations: [...ARTIFACTS_LINES, NAMESPACE, RABBITMQ_HA, ...POSTGRES_MASTER, ...USER_GROUP],
    bundled: OFF,
  },
  {
    id: '1.13',
    label: 'chart 1.13–1.20',
    from: '1.13.0',
    below: '2.0.0',
    example: '1.20.0',
    kube: { min: '1.19' },
    renders: true,
    translations: [...ARTIFACTS_LINES, NAMESPACE, RABBITMQ_HA, ...POSTGRES_MASTER],
    bundled: OFF,
  },
  {
    id: '2',
    label: 'chart 2.x',
    from: '2.0.0',
    example: '2.15.1',
    kube: { min: '1.19' },
    renders: true,
    translations: [
      ...ARTIFACTS_LINES,
      NAMESPACE,
      { move: ['api.service.annotations', 'gateway.service.annotations'] },
      { move: ['ingress.annotations.kubernetes\\.io/ingress\\.class', 'ingress.className'] },
      ...['nodeSelector', 'tolerations', 'affinity'].map((k) => ({
        move: [`postgresql.${k}`, `postgresql.primary.${k}`] as [string, string],
      })),
      { move: ['redis.slave', 'redis.replica'] },
      { custom: 'ssl', apply: nodePortSslOn2x },
    ],
    bundled: OFF,
  },
];

/** The newest version this tool knows was published: what an unset --chart-version installs. */
export const NEWEST_KNOWN = '2.15.1';

export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.-]/).map(Number);
  const pb = b.replace(/^v/, '').split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}

/** The line a version belongs to; unset means the newest line (what helm installs without --version). */
export function lineOf(version: string | undefined): ChartLine {
  const v = version && /^v?\d+(\.\d+)*/.exec(version)?.[0];
  if (!v) return LINES[LINES.length - 1];
  return (
    LINES.find((l) => compareVersions(v, l.from) >= 0 && (!l.below || compareVersions(v, l.below) < 0)) ??
    LINES[LINES.length - 1]
  );
}
