/**
 * Guided uninstall: nothing is removed until the person has seen what goes and what stays, on
 * which cluster, and typed the release name back.
 */
import { CancelledError } from '../errors.js';
import type { Prompter } from '../io/prompter.js';
import { colorAllowed } from '../io/system.js';

export interface UninstallOptions {
  release: string;
  namespace: string;
  context?: string;
  server?: string;
  /** What stays, e.g. "PVC polyaxon-pvc-logs (ReadWriteMany, 10Gi)", "namespace polyaxon". */
  kept: string[];
  /** What goes, e.g. "helm release polyaxon (revision 3)", "hook jobs left by failed installs". */
  removed: string[];
  plain: boolean;
  prompter?: Prompter;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  color?: boolean;
  /** Tests: render every frame whole. */
  inkDebug?: boolean;
}

/** True when the release name was typed back; false when the person kept everything. Ctrl-C: CancelledError. */
export async function confirmUninstall(opts: UninstallOptions): Promise<boolean> {
  if (opts.plain) return confirmPlain(opts);
  const [{ mountUntil, createElement }, { UninstallConfirm }, { ColorContext }] = await Promise.all([
    import('./ink.js'),
    import('./UninstallConfirm.js'),
    import('./theme.js'),
  ]);
  const color = opts.color ?? colorAllowed(process.env);
  const answer = await mountUntil<boolean | 'cancel'>(
    (finish) =>
      createElement(
        ColorContext.Provider,
        { value: color },
        createElement(UninstallConfirm, {
          ...opts,
          onAnswer: (v: boolean) => finish(v),
          onCancel: () => finish('cancel'),
        }),
      ),
    { stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, debug: opts.inkDebug },
  );
  if (answer === 'cancel') throw new CancelledError();
  return answer;
}

async function confirmPlain(opts: UninstallOptions): Promise<boolean> {
  const out = opts.stdout ?? process.stdout;
  const line = (s: string) => out.write(`${s}\n`);
  line(
    `Uninstall release ${opts.release} from namespace ${opts.namespace} on context ${opts.context ?? '(current)'}${opts.server ? ` (${opts.server})` : ''}`,
  );
  line('Removed:');
  for (const r of opts.removed) line(`  ✗ ${r}`);
  if (opts.kept.length) line('Kept:');
  for (const k of opts.kept) line(`  ✔ ${k}`);
  const prompter = opts.prompter ?? (await import('../io/prompter.js')).linePrompter();
  const typed = await prompter.input(
    `Type the release name (${opts.release}) to uninstall, or leave empty to keep everything`,
    {
      flags: ['--yes'],
      validate: (v) => (v === '' || v === opts.release ? undefined : `"${v}" is not ${opts.release}`),
    },
  );
  return typed === opts.release;
}
