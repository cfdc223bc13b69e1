/**
 * Where helm's lines go while it works. On a terminal, install and upgrade get the live view
 * (helm's lines and the namespace's pods; Ink loads only then); everywhere else each line goes to
 * stderr as `helm: ...`, so stdout stays for results.
 */
import { isStreamed } from '../../helm/client.js';
import type { PodRow } from '../../wizard/failure.js';
import type { CommandContext } from './context.js';

export interface Progress {
  line(text: string, stream?: 'stdout' | 'stderr'): void;
  pods(rows: PodRow[]): void;
  ready(): void;
  failed(message: string): void;
  stop(): Promise<void>;
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

export async function openProgress(
  ctx: CommandContext,
  o: { action: 'install' | 'upgrade'; release: string; namespace: string },
): Promise<Progress> {
  const { io } = ctx;
  if (!ctx.interactive || ctx.args.json) return plainProgress(io.err);
  const { startInstallProgress } = await import('../../ui/install-progress.js');
  const view = await startInstallProgress({ ...o, plain: ctx.plain, color: io.color });
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
