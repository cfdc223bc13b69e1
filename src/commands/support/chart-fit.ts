/**
 * Whether the chosen chart can install on this cluster, decided before config.yaml is written or
 * anything is applied: the chart is rendered as `helm install` would render it there (the
 * cluster's version and API groups), and every object's kind is looked up in the cluster's
 * discovery. A chart today's helm cannot render fails the same check. The advice names the newest
 * published version that fits, from the repository's index.
 */
import type { ClusterTarget } from '../../cluster/target.js';
import { readServedApis, type ServedApis } from '../../cluster/served-apis.js';
import { HelmError, type Problem } from '../../errors.js';
import { searchVersionsArgv, templateForClusterArgv, type ChartRef } from '../../helm/argv.js';
import { chartLabel } from '../../helm/chart.js';
import { classifyHelmFailure } from '../../helm/classify.js';
import type { HelmClient } from '../../helm/client.js';
import { renderedObjects, type RenderedObject } from '../../helm/manifests.js';
import { lineFitsKube, newestFitting } from '../../model/lines/fit.js';
import { PUBLISHED_VERSIONS } from '../../model/lines/published.js';
import { lineOf } from '../../model/lines/table.js';
import type { ReleaseTarget } from './helm-session.js';
import { tempValuesFile } from './values-files.js';

export interface UnservedObject {
  kind: string;
  name: string;
  apiVersion: string;
}

/** A chart that cannot install here, and why. */
export interface ChartMisfit {
  chart: string;
  kubeVersion: string;
  unserved: UnservedObject[];
  /** helm's own reason when it cannot render the chart at all. */
  unrenderable?: string;
  /** The newest published version that fits, when one does. */
  fitsInstead?: string;
  /** A chart given by path (--chart): no published version to advise. */
  local?: boolean;
}

export interface FitSubject {
  helm: HelmClient;
  cluster: ClusterTarget;
  target: ReleaseTarget;
  chart: ChartRef;
}

/** What rendering the chart for this cluster found: a misfit, and the manifest when it rendered. */
export interface ChartFit {
  misfit?: ChartMisfit;
  /** The chart as `helm install` would render it here: what the access check reads. */
  manifest?: string;
}

/** Nothing is known when the cluster cannot be asked: helm then speaks for it. */
export async function checkChartFit(s: FitSubject, values: Record<string, unknown>): Promise<ChartFit> {
  const served = s.cluster.kube ? await readServedApis(s.cluster.kube).catch(() => undefined) : undefined;
  if (!served) return {};
  const tmp = await tempValuesFile(values);
  let stdout: string;
  try {
    const caps = { kubeVersion: served.gitVersion, apiVersions: served.groupVersions };
    const r = await s.helm.attempt(templateForClusterArgv(s.target, s.chart, tmp.path, caps));
    if (r.exitCode !== 0) {
      const e = classifyHelmFailure(r.stderr, { ...factsOf(s), op: 'template' });
      if (e.kind !== 'chart-unrenderable') throw e;
      return { misfit: await misfit(s, served, [], e.message) };
    }
    stdout = r.stdout;
  } finally {
    await tmp.remove();
  }
  const unserved = await unservedObjects(renderedObjects(stdout), served);
  return unserved.length ? { misfit: await misfit(s, served, unserved) } : { manifest: stdout };
}

/**
 * Refuses a chart that does not fit: nothing has been written or applied yet. Returns the manifest
 * it rendered (undefined when the cluster could not be asked), so nothing renders the chart twice.
 */
export async function assertChartFits(s: FitSubject, values: Record<string, unknown>): Promise<string | undefined> {
  const fit = await checkChartFit(s, values);
  if (fit.misfit) throw misfitError(fit.misfit);
  return fit.manifest;
}

export function misfitError(m: ChartMisfit): HelmError {
  return new HelmError('chart-unfit', misfitText(m), misfitFix(m));
}

const SHOWN = 8;

export function misfitText(m: ChartMisfit): string {
  const head = `${m.chart} cannot install on Kubernetes ${m.kubeVersion}`;
  if (m.unrenderable) return `${head}: ${m.unrenderable}`;
  const lines = m.unserved.slice(0, SHOWN).map((o) => `  ${o.kind} ${o.name}: ${o.apiVersion} is not served`);
  if (m.unserved.length > SHOWN) lines.push(`  and ${m.unserved.length - SHOWN} more`);
  return `${head}: it makes objects of APIs this cluster does not serve.\n${lines.join('\n')}`;
}

export function misfitFix(m: ChartMisfit): string {
  if (m.local) return `Use a chart made for Kubernetes ${m.kubeVersion}, or omit --chart for the published one.`;
  return m.fitsInstead
    ? `Chart ${m.fitsInstead} is the newest published version that fits: --chart-version ${m.fitsInstead}.`
    : `No published version of the chart fits Kubernetes ${m.kubeVersion}.`;
}

/**
 * The same question from the line table alone, where nothing is rendered (--no-install, doctor):
 * a warning naming the version that fits, by the list of published versions this tool ships.
 */
export function lineFitWarning(version: string | undefined, gitVersion: string | undefined): Problem | undefined {
  const fit = lineFitsKube(lineOf(version), gitVersion);
  if (fit.fits) return undefined;
  const instead = newestFitting(PUBLISHED_VERSIONS, gitVersion);
  return {
    field: 'chartVersion',
    severity: 'warning',
    message: `chart ${version ?? lineOf(version).label} cannot install${gitVersion ? ` on Kubernetes ${gitVersion}` : ''}: ${fit.reason}.`,
    fix: instead
      ? `Chart ${instead} is the newest published version that fits: --chart-version ${instead}.`
      : 'No published version of the chart fits this cluster.',
  };
}

async function unservedObjects(objects: RenderedObject[], served: ServedApis): Promise<UnservedObject[]> {
  const defined = new Set(objects.flatMap((o) => (o.defines ? [o.defines] : [])));
  const gvs = new Set(served.groupVersions);
  const out: UnservedObject[] = [];
  for (const o of objects) {
    const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
    if (defined.has(`${group}/${o.kind}`)) continue;
    const ok = gvs.has(o.apiVersion) && (await served.kinds(o.apiVersion).catch(() => new Set([o.kind]))).has(o.kind);
    if (!ok) out.push({ kind: o.kind, name: o.name, apiVersion: o.apiVersion });
  }
  return out;
}

async function misfit(
  s: FitSubject,
  served: ServedApis,
  unserved: UnservedObject[],
  unrenderable?: string,
): Promise<ChartMisfit> {
  const versions = s.chart.local ? [] : await publishedVersions(s.helm, s.chart);
  const fitsInstead = newestFitting(
    versions.filter((v) => v !== s.chart.version),
    served.gitVersion,
  );
  const chart = chartLabel(s.chart);
  return { chart, kubeVersion: served.gitVersion, unserved, unrenderable, fitsInstead, local: s.chart.local };
}

/** What the repository's index lists; empty when it cannot be read (an OCI registry, no network). */
async function publishedVersions(helm: HelmClient, chart: ChartRef): Promise<string[]> {
  const r = await helm.attempt(searchVersionsArgv(chart));
  if (r.exitCode !== 0) return [];
  try {
    const rows = JSON.parse(r.stdout) as { version?: unknown }[];
    return rows.flatMap((x) => (typeof x.version === 'string' ? [x.version] : []));
  } catch {
    return [];
  }
}

function factsOf(s: FitSubject) {
  return {
    release: s.target.release,
    namespace: s.target.namespace,
    context: s.cluster.context,
    chart: s.chart.ref,
    chartVersion: s.chart.version,
  };
}
