import type { Args } from '../../cli/args.js';
import type { ExitCodeValue } from '../../errors.js';
import type { Prompter } from '../../io/prompter.js';
import type { Io } from '../../io/system.js';

/**
 * What every command receives; all side effects come through `io` and `prompt`. The flags stop
 * here: what a command hands further down is an options object that says what it means.
 */
export interface CommandContext {
  args: Args;
  io: Io;
  /** Whether questions may be asked. Decided once, in src/cli/interactive.ts. */
  interactive: boolean;
  /** Line-by-line questions instead of the Ink screens (--plain, TERM=dumb). Decided there too. */
  plain: boolean;
  prompt: Prompter;
}

/** A command returns its exit code (Ok when omitted) or throws a SetupError. */
export type Command = (ctx: CommandContext) => Promise<ExitCodeValue | void>;
