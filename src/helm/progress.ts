/**
 * Where helm's lines go while it works. On a terminal, install and upgrade get the wizard's live
 * view (helm's lines and the namespace's pods; Ink loads only then); everywhere else each line goes
 * to stderr as `helm: ...`, so stdout stays for results.
 */
import type { CommandContext } from '../cli/command.js';
import { decidePlain } from '../cli/interactive.js';
import type { Kube } from '../cluster/client.js';
import type { PodRow } from '../wizard/diagnose.js';

export interface Progress {
  line(text: string, stream?: 'stdout' | 'stderr'): void;
  pods(rows: PodRow[]): void;
  ready(): void;
  failed(message: string): void;
  stop(): Promise<void>;
}

/**
 * helm's own `Error:` line (and helm 4's `level=ERROR` echo of it) is not streamed: the classified
 * error that follows quotes it, with what to do.
 */
export function isStreamed(line: string): boolean {
  return line.trim() !== '' && !/^(Error: |level=ERROR )/.test(line);
}

export function plainProgress(err: (text: string) => void): Progress {
  return {
    line: (text) => {
      if (isStreamed(text)) err(`helm: ${text}`);
    },
    pods: () => undefined,
    ready: () => undefined,
    failed: () => undefined,
    stop: async () => undefined,
  };
}

export async function openProgress(ctx: CommandContext, action: 'install' | 'upgrade'): Promise<Progress> {
  const { args, io } = ctx;
  if (!ctx.interactive || args.json) return plainProgress(io.err);
  const { startInstallProgress } = await import('../wizard/index.js');
  const view = await startInstallProgress({ release: args.release, namespace: args.namespace, action, plain: decidePlain(args.plain, io.env), color: io.color });
  return {
    line: (text) => {
      if (isStreamed(text)) view.line(text);
    },
    pods: (rows) => view.pods(rows),
    ready: () => view.ready(),
    failed: (m) => view.failed(m),
    stop: () => view.stop(),
  };
}

interface PodJson {
  metadata?: { name?: string };
  status?: {
    phase?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    containerStatuses?: { ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; message?: string } } }[];
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

/** Feeds the namespace's pods to the view every `everyMs` until stopped; a failed read is skipped, not fatal. */
export function watchPods(kube: Kube, namespace: string, progress: Progress, everyMs = 2000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const list = await kube.call((o) => kube.core.listNamespacedPod({ namespace }, o), everyMs * 2);
      if (!stopped) progress.pods(podRows(list.items as unknown as PodJson[]));
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
