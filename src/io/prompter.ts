/**
 * Questions outside the Ink wizard (confirmations, line mode). When there is no terminal every
 * question fails with the flag that would answer it: nothing is ever auto-confirmed.
 */
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
    if (e instanceof Error && e.name === 'ExitPromptError') throw new CancelledError();
    throw e;
  };
  return {
    async confirm(message, o) {
      const { confirm } = await import('@inquirer/prompts');
      takeStdin();
      return confirm({ message, default: o.default ?? false }).catch(cancelled);
    },
    async input(message, o) {
      const p = await import('@inquirer/prompts');
      const validate = (v: string) => o.validate?.(v) ?? true;
      takeStdin();
      if (o.secret) return p.password({ message, mask: '*', validate }).catch(cancelled);
      return p.input({ message, default: o.default, validate }).catch(cancelled);
    },
    async select(message, choices, o) {
      const { select } = await import('@inquirer/prompts');
      takeStdin();
      return select({ message, choices, default: o.default }).catch(cancelled);
    },
  };
}
