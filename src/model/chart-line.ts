/**
 * The spec's names are the model's; a real chart line reads some of them under other names and
 * does not read others at all (shared/polyaxon-chart/NOTES.md). This table turns model values into
 * what a given chart version reads, and says what it had to leave out, so nothing is silently
 * ignored by helm.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Problem } from '../errors.js';
import { SPEC_DEFAULTS } from './defaults.js';
import { clone, getPath, isMap } from './merge.js';
import type { Values } from './values.js';

export interface ChartLine {
  id: 'spec' | '0.6' | '1.x';
  label: string;
  /** [spec path, chart path]: moved when writing. */
  renames: [string, string][];
  /** Spec paths this line does not read, with what to do instead. */
  /** `always`: worth saying even when the value is only the spec's default. */
  unsupported: { path: string; why: string; always?: boolean }[];
}

const SPEC: ChartLine = { id: 'spec', label: 'the spec (no --chart-version)', renames: [], unsupported: [] };

const LINE_06: ChartLine = {
  id: '0.6',
  label: 'chart 0.6.x',
  renames: [
    ['timezone', 'timeZone'],
    ['ui.adminEnabled', 'adminViewEnabled'],
    ['securityContext.runAsUser', 'securityContext.user'],
    ['securityContext.runAsGroup', 'securityContext.group'],
    ['rabbitmq', 'rabbitmq-ha'],
  ],
  unsupported: [
    { path: 'deploymentVersion', why: 'it is read by polyaxon-cli, not by the chart; --chart-version pins the chart' },
    { path: 'securityContext.fsGroup', why: 'chart 0.6.x sets fsGroup from securityContext.group' },
    { path: 'securityContext.allowPrivilegeEscalation', why: 'chart 0.6.x has no such setting' },
    { path: 'securityContext.runAsNonRoot', why: 'chart 0.6.x has no such setting' },
    { path: 'securityContext.fsGroupChangePolicy', why: 'chart 0.6.x has no such setting (it came with chart 1.x)' },
  ],
};

const LINE_1X: ChartLine = {
  id: '1.x',
  label: 'chart 1.x',
  renames: [
    ['serviceType', 'gateway.service.type'],
    ['ingress.annotations.kubernetes\\.io/ingress\\.class', 'ingress.className'],
  ],
  unsupported: [
    { path: 'deploymentVersion', why: 'it is read by polyaxon-cli, not by the chart; --chart-version pins the chart' },
    {
      path: 'persistence',
      why: 'chart 1.x moved volumes to artifactsStore and connections (set them with -f)',
      always: true,
    },
    { path: 'dirs', why: 'chart 1.x has no NVIDIA host paths; GPU runs use the device plugin' },
    { path: 'mountPaths', why: 'chart 1.x has no NVIDIA mount paths' },
    { path: 'resourcesDaemon', why: 'chart 1.x has no resources daemon' },
    {
      path: 'api.service.annotations',
      why: 'chart 1.x serves the API through the gateway, which has no service annotations',
    },
  ],
};

export function chartLineFor(version: string | undefined): ChartLine {
  if (version === undefined || version === '') return SPEC;
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) return SPEC;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major === 0 && minor <= 6) return LINE_06;
  if (major === 1) return LINE_1X;
  return SPEC;
}

/** Values as the chart line reads them, and a warning for each thing it had to leave out. */
export function toChartLine(
  values: Values,
  version: string | undefined,
): { values: Record<string, unknown>; dropped: Problem[] } {
  const line = chartLineFor(version);
  const out = clone(values) as Record<string, unknown>;
  const dropped: Problem[] = [];
  for (const u of line.unsupported) {
    const path = splitPath(u.path);
    const v = getPath(out, path);
    // Defaults the person never chose are left out quietly; only their own settings are news.
    if (v === undefined || isEmpty(v) || (!u.always && isDeepStrictEqual(v, getPath(SPEC_DEFAULTS, path)))) {
      removePath(out, path);
      continue;
    }
    removePath(out, path);
    dropped.push({ field: u.path, message: `is not written for ${line.label}: ${u.why}`, severity: 'warning' });
  }
  for (const [from, to] of line.renames) {
    const path = splitPath(from);
    const v = getPath(out, path);
    if (v === undefined) continue;
    removePath(out, path);
    setPath(out, splitPath(to), v);
  }
  return { values: out, dropped };
}

function isEmpty(v: unknown): boolean {
  return (
    v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.values(v).every(isEmpty))
  );
}

/** Dotted path with `\.` for a dot inside a key. */
export function splitPath(p: string): string[] {
  return p.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
}

function removePath(root: Record<string, unknown>, path: string[]): void {
  const parent = getPath(root, path.slice(0, -1));
  if (!isMap(parent)) return;
  delete parent[path[path.length - 1]];
  // Leave no empty maps behind that the user never wrote.
  if (path.length > 1 && Object.keys(parent).length === 0) removePath(root, path.slice(0, -1));
}

function setPath(root: Record<string, unknown>, path: string[], v: unknown): void {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    if (!isMap(cur[seg])) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = v;
}

/** The reverse: values written for a chart line (or deployed by it) read back under the spec's names. */
export function fromChartLine(values: Record<string, unknown>, version: string | undefined): Record<string, unknown> {
  const line = chartLineFor(version);
  const out = clone(values);
  for (const [from, to] of line.renames) {
    const path = splitPath(to);
    const v = getPath(out, path);
    if (v === undefined) continue;
    removePath(out, path);
    setPath(out, splitPath(from), v);
  }
  return out;
}
