/**
 * An existing release as helm reports it (`helm history -o json`, `helm get values -o json`), and
 * the pure decisions made from it.
 */
import { HelmError } from '../errors.js';
import { getValuesArgv, historyArgv, type Target } from './argv.js';
import type { HelmClient } from './client.js';

export interface HistoryEntry {
  revision: number;
  updated?: string;
  status: string;
  /** `<chart name>-<chart version>`, e.g. polyaxon-0.6.1. */
  chart: string;
  app_version?: string;
  description?: string;
}

export interface ReleaseState {
  history: HistoryEntry[];
  current: HistoryEntry;
  /** The user-supplied values of the current revision (empty when not asked for). */
  values: Record<string, unknown>;
  chartVersion?: string;
}

/** `polyaxon-0.6.1` → `0.6.1`; `my-chart-1.2.3-rc.1` → `1.2.3-rc.1`. */
export function chartVersionOf(chart: string): string | undefined {
  return /-(v?\d+\.\d+\.\d+(?:[-+][\w.+-]*)?)$/.exec(chart)?.[1];
}

export function latest(history: HistoryEntry[]): HistoryEntry | undefined {
  return history.reduce<HistoryEntry | undefined>((a, b) => (!a || b.revision > a.revision ? b : a), undefined);
}

/**
 * The revision to roll back to: the one asked for (it must be in the history), else the newest
 * earlier revision that was running fine (superseded or deployed), as `helm rollback` without a
 * revision would pick, but named so the person sees it before it happens.
 */
export function rollbackTarget(history: HistoryEntry[], release: string, requested?: number): HistoryEntry {
  const cur = latest(history);
  if (!cur)
    throw new HelmError(
      'release-not-found',
      `Release ${release} has no history.`,
      'Check --release and --namespace (`helm list -A`).',
    );
  if (requested !== undefined) {
    const hit = history.find((h) => h.revision === requested);
    if (!hit) {
      throw new HelmError(
        'revision-not-found',
        `Release ${release} has no revision ${requested}.`,
        `Its revisions: ${history.map((h) => h.revision).join(', ')} (helm history ${release}).`,
      );
    }
    return hit;
  }
  const earlier = history.filter((h) => h.revision < cur.revision && ['superseded', 'deployed'].includes(h.status));
  const pick = latest(earlier);
  if (!pick) {
    throw new HelmError(
      'nothing-to-roll-back',
      `Release ${release} has no earlier working revision to roll back to (it is at revision ${cur.revision}).`,
      'To remove it instead: polyaxon-setup uninstall.',
    );
  }
  return pick;
}

export async function readRelease(
  helm: HelmClient,
  t: Target,
  op: string,
  o: { values?: boolean } = {},
): Promise<ReleaseState> {
  const history = await helm.json<HistoryEntry[]>(historyArgv(t), { facts: { op } });
  const current = latest(history ?? []);
  if (!current)
    throw new HelmError(
      'release-not-found',
      `There is no release ${t.release} in namespace ${t.namespace}.`,
      'Check --release and --namespace (`helm list -A`).',
    );
  const values =
    o.values === false
      ? {}
      : ((await helm.json<Record<string, unknown> | null>(getValuesArgv(t), { facts: { op } })) ?? {});
  return { history, current, values, chartVersion: chartVersionOf(current.chart) };
}
