/** The release's pods as the live view shows them, read from the namespace while helm works. */
import type { Kube } from '../../cluster/client.js';
import type { PodRow } from '../../wizard/failure.js';

interface PodJson {
  metadata?: { name?: string };
  status?: {
    phase?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    containerStatuses?: {
      ready?: boolean;
      restartCount?: number;
      state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; message?: string } };
    }[];
  };
  spec?: { containers?: unknown[] };
}

/** The live view's rows from the API's pods. */
export function podRows(pods: PodJson[]): PodRow[] {
  return pods
    .map((p) => {
      const cs = p.status?.containerStatuses ?? [];
      const total = p.spec?.containers?.length ?? cs.length;
      const waiting = cs.map((c) => c.state?.waiting ?? c.state?.terminated).find((s) => s?.reason);
      const unscheduled = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      const row: PodRow = {
        name: p.metadata?.name ?? '?',
        phase: p.status?.phase ?? 'Unknown',
        ready: `${cs.filter((c) => c.ready).length}/${total}`,
        restarts: cs.reduce((n, c) => n + (c.restartCount ?? 0), 0),
      };
      const reason = waiting?.reason ?? unscheduled?.reason;
      const message = waiting?.message ?? unscheduled?.message;
      if (reason) row.reason = reason;
      if (message) row.message = message;
      return row;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Feeds the namespace's pods to `show` every `everyMs` until stopped; a failed read is skipped, not fatal. */
export function watchPods(kube: Kube, namespace: string, show: (rows: PodRow[]) => void, everyMs = 2000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const list = await kube.call((o) => kube.core.listNamespacedPod({ namespace }, o), everyMs * 2);
      if (!stopped) show(podRows(list.items as unknown as PodJson[]));
    } catch {
      // The namespace may not exist yet, or we may not list pods: helm's lines still show.
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
