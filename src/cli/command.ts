import type { ExitCodeValue } from '../errors.js';
import type { Io } from '../io/system.js';
import type { Prompter } from '../io/prompter.js';
import type { Args } from './args.js';

/** What every command receives; all side effects come through `io` and `prompt`. */
export interface CommandContext {
  args: Args;
  io: Io;
  /** Decided once, in src/cli/interactive.ts. */
  interactive: boolean;
  prompt: Prompter;
}

/** A command returns its exit code (Ok when omitted) or throws a SetupError. */
export type Command = (ctx: CommandContext) => Promise<ExitCodeValue | void>;
