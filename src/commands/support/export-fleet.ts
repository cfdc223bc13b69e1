/**
 * `export --clusters a,b,c`: each kube context probed, the values each one gets (the layers, then
 * what its probe decides: DNS, GPU tolerations, ingress class, storage class), one base they share
 * and an overlay per cluster of only what differs, with the reason from its probe. A cluster that
 * cannot take the chart version is named and left out, unless --force.
 */
import type { PlannedClaim } from '../../cluster/storage-plan.js';
import type { ProbeResult } from '../../cluster/types.js';
import { claimCommand } from './claims.js';
import { ClusterError, SetupError, UsageError } from '../../errors.js';
import { toChartLine } from '../../model/chart-line.js';
import { lineOf } from '../../model/lines/table.js';
import { clusterNames, commonBase, overlayOver, overlayPaths, versionMismatch } from '../../model/export/fleet.js';
import type { ExportTarget, Finding } from '../../model/export/lint.js';
import { splitSecrets } from '../../model/export/secrets.js';
import { fleetFiles, type FleetCluster } from '../../model/export/targets.js';
import { isDeepStrictEqual } from 'node:util';
import { isMap, leafPaths } from '../../model/merge.js';
import type { Values } from '../../model/values.js';
import { exportSpec, exportValues, finish } from './export-run.js';
import type { CommandContext } from './context.js';

interface Probed {
  context: string;
  result?: ProbeResult;
  /** Why it is left out (or, with --force, kept despite). */
  problem?: string;
  values?: Record<string, unknown>;
  /** Written path → why the probe set it. */
  reasons: Map<string, string>;
  /** The outputs claim its probe planned and the install would create before helm. */
  claim?: PlannedClaim;
}

export async function exportFleet(
  ctx: CommandContext,
  o: { target: ExportTarget; chartVersion: string; dir: string; values: Record<string, unknown>; contexts: string[] },
): Promise<void> {
  const { args, io } = ctx;
  const [{ probeCluster }, { suggestValues }] = await Promise.all([
    import('../../cluster/index.js'),
    import('../../cluster/suggest.js'),
  ]);
  const probed: Probed[] = [];
  for (const context of o.contexts) {
    if (!args.json) io.err(`Probing ${context}...`);
    try {
      const result = await probeCluster({
        kubeconfig: args.kubeconfig,
        context,
        namespace: args.namespace,
        release: args.release,
        timeoutMs: args.timeoutMs,
        env: io.env,
      });
      const s = suggestValues(result);
      const layer = { ...s.values } as Record<string, unknown>;
      const reasons = new Map<string, string>();
      for (const r of s.reasons)
        for (const p of writtenPaths(r.field, r.value, o.chartVersion)) reasons.set(p, r.reason);
      const storage = storageLayer(result, o.chartVersion);
      const values = await exportValues(ctx, o.chartVersion, [
        { source: `the probe of ${context}`, values: layer as Values },
      ]);
      if (storage) {
        mergeStorage(values, storage.storageClass);
        reasons.set(storage.path, storage.reason);
      }
      const mismatch = versionMismatch(o.chartVersion, result.version);
      const planned = s.storage?.claim;
      const claim =
        planned && !planned.exists && JSON.stringify(values).includes(`"${planned.name}"`) ? planned : undefined;
      probed.push({ context, result, values, reasons, problem: mismatch, claim });
    } catch (e) {
      if (!(e instanceof ClusterError)) throw e;
      probed.push({ context, problem: `cannot be probed: ${e.message}`, reasons: new Map() });
    }
  }
  const kept = probed.filter((p) => p.values && (!p.problem || (args.force && p.result)));
  const left = probed.filter((p) => !kept.includes(p));
  if (kept.length === 0)
    throw new SetupError(
      `No cluster can take chart ${o.chartVersion}: ${left.map((p) => `${p.context}: ${p.problem}`).join('; ')}.`,
      {
        exitCode: 3,
        hint: 'Pick a --chart-version these clusters can install, or check the contexts.',
      },
    );
  const splits = kept.map((p) => splitSecrets(p.values!));
  const secretSame = splits.every((s) => isDeepStrictEqual(s.secret, splits[0].secret));
  if (!secretSame) throw new UsageError('The clusters got different secret values; a fleet shares one secret file.');
  // An empty map over the chart's changes nothing in helm: dropped, so `{}` and absent compare equal.
  const plains = splits.map((s) => pruneEmptyMaps(s.plain));
  const base = commonBase(plains);
  const names = clusterNames(kept.map((p) => p.context));
  const clusters: FleetCluster[] = kept.map((p, i) => ({
    context: p.context,
    name: names[i],
    server: p.result!.server,
    overlay: overlayOver(base, plains[i]),
  }));
  const spec = {
    ...exportSpec(ctx, o.target, o.chartVersion, { plain: base, secret: splits[0].secret }),
    namespaceExists: kept.every(
      (p) => p.result!.permissions.status === 'ok' && p.result!.permissions.data.namespaceExists === true,
    ),
  };
  const extraFindings: Finding[] = left.map((p) => ({
    code: 'GITOPS301',
    severity: 'warning',
    message: `cluster ${p.context} is left out: ${p.problem}`,
    keys: [],
    fix: p.result
      ? 'Pass --force to export it anyway, or pick a --chart-version it can install.'
      : 'Check the context name and the cluster.',
  }));
  for (const p of kept.filter((x) => x.problem))
    extraFindings.push({
      code: 'GITOPS302',
      severity: 'warning',
      message: `cluster ${p.context} is kept (--force) although ${p.problem}`,
      keys: [],
    });
  // polyaxon-setup makes the planned claim before helm install; a GitOps engine only applies what it is given.
  for (const p of kept.filter((x) => x.claim))
    extraFindings.push({
      code: 'GITOPS303',
      severity: 'warning',
      message: `cluster ${p.context}: the artifacts store is the claim ${p.claim!.name} (StorageClass ${p.claim!.storageClass}), which does not exist there and which the export does not create`,
      keys: [],
      fix: `Create it on that cluster before the first sync (kubectl --context ${p.context}):\n${claimCommand(p.claim!, args.namespace)}`,
    });
  const rows = differenceTable(kept, clusters);
  // The lint reads the values each cluster gets; the first stands for all (they share the secrets).
  await finish(ctx, {
    target: o.target,
    dir: o.dir,
    spec,
    values: kept[0].values!,
    files: fleetFiles(spec, clusters),
    fleet: true,
    extraFindings,
    rows,
    fleetJson: {
      clusters: clusters.map((c, i) => ({
        context: c.context,
        name: c.name,
        server: c.server,
        kubernetes: kept[i].result!.version.gitVersion,
        differences: overlayPaths(c.overlay).map((p) => ({ key: p, reason: kept[i].reasons.get(p) })),
      })),
      leftOut: left.map((p) => ({ name: p.context, reason: p.problem })),
    },
  });
}

function pruneEmptyMaps(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (isMap(x)) {
      const sub = pruneEmptyMaps(x);
      if (Object.keys(sub).length) out[k] = sub;
    } else out[k] = x;
  }
  return out;
}

/** Where a suggestion's spec-named field lands in the chart line's values. */
function writtenPaths(field: string, value: unknown, chartVersion: string): string[] {
  const segs = field.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
  const v: Record<string, unknown> = {};
  let at = v;
  for (const s of segs.slice(0, -1)) at = (at[s] = {}) as Record<string, unknown>;
  at[segs[segs.length - 1]] = value;
  return leafPaths(toChartLine(v as Values, chartVersion).values);
}

/** The default StorageClass (or the only one) for the in-cluster database, on the line that reads it. */
function storageLayer(r: ProbeResult, chartVersion: string) {
  if (lineOf(chartVersion).id !== '2' || r.storage.status !== 'ok') return undefined;
  const st = r.storage.data;
  const name = st.defaults.length === 1 ? st.defaults[0] : st.classes.length === 1 ? st.classes[0].name : undefined;
  if (!name) return undefined;
  const cls = st.classes.find((c) => c.name === name);
  return {
    storageClass: name,
    path: 'postgresql.global.storageClass',
    reason: `${st.defaults.length === 1 ? 'the default StorageClass' : 'the only StorageClass'}${cls ? ` (${cls.provisioner})` : ''}`,
  };
}

function mergeStorage(values: Record<string, unknown>, storageClass: string): void {
  const pg = (values.postgresql ??= {}) as Record<string, unknown>;
  const global = (pg.global ??= {}) as Record<string, unknown>;
  // A class the layers name wins over the probe's.
  global.storageClass ??= storageClass;
}

/** One row per value that differs, with the cluster and the probe's reason. */
function differenceTable(kept: Probed[], clusters: FleetCluster[]): string[] {
  const rows: string[][] = [];
  clusters.forEach((c, i) => {
    for (const p of overlayPaths(c.overlay)) {
      const v = p
        .split(/(?<!\\)\./)
        .reduce<unknown>((x, k) => (x as Record<string, unknown>)?.[k.replace(/\\\./g, '.')], c.overlay);
      rows.push([
        c.context,
        p,
        JSON.stringify(v),
        kept[i].reasons.get(p) ?? "the layers give it; another cluster's probe changed it there",
      ]);
    }
  });
  if (rows.length === 0) return ['The clusters need no value of their own: every one gets the base.', ''];
  const head = ['cluster', 'key', 'value', 'why (from its probe)'];
  const w = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (r: string[]) =>
    r
      .map((x, i) => (i === r.length - 1 ? x : (x.length > w[i] ? `${x.slice(0, w[i] - 1)}…` : x).padEnd(w[i])))
      .join('  ');
  return ['What differs per cluster:', line(head), ...rows.map(line), ''];
}
