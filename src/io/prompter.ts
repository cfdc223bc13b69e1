/**
 * Questions outside the Ink wizard (confirmations, line mode). When there is no terminal every
 * question fails with the flag that would answer it: nothing is ever auto-confirmed.
 */
import { emitKeypressEvents } from 'node:readline';
import { NotInteractiveError, CancelledError } from '../errors.js';

export interface AskOptions {
  /** The flag(s) that answer this question on a non-interactive run, e.g. `--yes`. */
  flags: string[];
}

export interface Prompter {
  confirm(question: string, opts: AskOptions & { default?: boolean }): Promise<boolean>;
  input(
    question: string,
    opts: AskOptions & { default?: string; secret?: boolean; validate?: (v: string) => string | undefined },
  ): Promise<string>;
  select<T extends string>(
    question: string,
    choices: { value: T; name: string; description?: string }[],
    opts: AskOptions & { default?: T },
  ): Promise<T>;
}

export const nonInteractivePrompter: Prompter = {
  confirm: async (q, o) => {
    throw new NotInteractiveError(q, o.flags);
  },
  input: async (q, o) => {
    throw new NotInteractiveError(q, o.flags);
  },
  select: async (q, _c, o) => {
    throw new NotInteractiveError(q, o.flags);
  },
};

/** @inquirer/prompts, loaded only when a question is actually asked. */
export function linePrompter(): Prompter {
  // Ink unrefs stdin when its screen unmounts; a question asked after one would see the process
  // about to exit and give up at once (inquirer's "force closed the prompt with 0").
  const takeStdin = () => process.stdin.ref?.();
  const cancelled = (e: unknown): never => {
    if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError'))
      throw new CancelledError();
    throw e;
  };
  /**
   * Runs one question, ended as Ctrl-C ends it when the input ends: Ctrl-D (readline closes on it,
   * and inquirer would then wait for ever) or the end of piped input.
   */
  const ask = async <T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    takeStdin();
    const stop = new AbortController();
    const onKey = (_: unknown, key?: { ctrl?: boolean; name?: string }) => {
      if (key?.ctrl && key.name === 'd') stop.abort();
    };
    const onEnd = () => stop.abort();
    emitKeypressEvents(process.stdin);
    process.stdin.on('keypress', onKey);
    process.stdin.once('end', onEnd);
    try {
      return await run(stop.signal).catch(cancelled);
    } finally {
      process.stdin.off('keypress', onKey);
      process.stdin.off('end', onEnd);
    }
  };
  return {
    async confirm(message, o) {
      const { confirm } = await import('@inquirer/prompts');
      return ask((signal) => confirm({ message, default: o.default ?? false }, { signal }));
    },
    async input(message, o) {
      const p = await import('@inquirer/prompts');
      const validate = (v: string) => o.validate?.(v) ?? true;
      if (o.secret) return ask((signal) => p.password({ message, mask: '*', validate }, { signal }));
      return ask((signal) => p.input({ message, default: o.default, validate }, { signal }));
    },
    async select(message, choices, o) {
      const { select } = await import('@inquirer/prompts');
      return ask((signal) => select({ message, choices, default: o.default }, { signal }));
    },
  };
}
