/**
 * The one exit site: parse, decide interactivity, run the command, and turn any error into a
 * message and an exit code. Nothing below this file prints stack traces or exits the process.
 */
import { parseCliArgs, type Args, type CommandName } from './cli/args.js';
import { decideInteractive, decidePlain } from './cli/interactive.js';
import type { Command } from './commands/support/context.js';
import { formatProblems, problemsJson } from './commands/support/problems-text.js';
import { ConfigError, ExitCode, SetupError, type ExitCodeValue } from './errors.js';
import { linePrompter, nonInteractivePrompter, type Prompter } from './io/prompter.js';
import type { Io } from './io/system.js';
import { packageVersion } from './paths.js';

/** Commands load lazily: `--help` must not pay for Ink, helm or the Kubernetes client. */
const COMMAND_MODULES: Record<CommandName, () => Promise<{ run: Command }>> = {
  install: () => import('./commands/install.js'),
  validate: () => import('./commands/validate.js'),
  presets: () => import('./commands/presets.js'),
  schema: () => import('./commands/schema.js'),
  doctor: () => import('./commands/doctor.js'),
  upgrade: () => import('./commands/upgrade.js'),
  uninstall: () => import('./commands/uninstall.js'),
  rollback: () => import('./commands/rollback.js'),
  template: () => import('./commands/template.js'),
  export: () => import('./commands/export.js'),
};

export interface MainDeps {
  io: Io;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** Overrides the prompter (tests); otherwise line prompts on a terminal. */
  prompt?: Prompter;
}

export async function main(argv: readonly string[], deps: MainDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  let args: Args | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      const { COMMAND_HELP, HELP } = await import('./cli/help.js');
      io.out(args.commandNamed ? COMMAND_HELP[args.command] : HELP);
      return ExitCode.Ok;
    }
    if (args.version) {
      io.out(packageVersion());
      return ExitCode.Ok;
    }
    const interactive = decideInteractive({ stdinIsTTY: deps.stdinIsTTY, stdoutIsTTY: deps.stdoutIsTTY, env: io.env });
    const prompt = deps.prompt ?? (interactive ? await terminalPrompter(io.env) : nonInteractivePrompter);
    const mod = await COMMAND_MODULES[args.command]();
    const plain = decidePlain(args.plain, io.env);
    return (await mod.run({ args, io, interactive, plain, prompt })) ?? ExitCode.Ok;
  } catch (e) {
    return report(e, io, args?.json ?? argv.includes('--json'));
  }
}

/** @inquirer/prompts draws menus with cursor codes; a terminal that cannot draw gets plain lines. */
async function terminalPrompter(env: Record<string, string | undefined>): Promise<Prompter> {
  if (env.TERM !== 'dumb') return linePrompter();
  const { dumbPrompter } = await import('./io/dumb-prompter.js');
  return dumbPrompter({ input: process.stdin, output: process.stdout });
}

function report(e: unknown, io: Io, json: boolean): ExitCodeValue {
  if (e instanceof SetupError) {
    if (json) {
      io.out(
        JSON.stringify(
          {
            ok: false,
            error: {
              kind: e.name,
              message: e.message,
              hint: e.hint,
              problems: e instanceof ConfigError ? problemsJson(e.problems) : undefined,
            },
          },
          null,
          2,
        ),
      );
    } else {
      io.err(`Error: ${e.message}`);
      if (e instanceof ConfigError && e.problems.length) io.err(formatProblems(e.problems));
      if (e.hint) io.err(e.hint);
    }
    return e.exitCode;
  }
  // A bug: say so plainly; the stack only when asked for.
  const msg = e instanceof Error ? e.message : String(e);
  io.err(`Internal error: ${msg}`);
  if (io.env.POLYAXON_SETUP_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
  else io.err('This is a bug in polyaxon-setup. Re-run with POLYAXON_SETUP_DEBUG=1 for details and report it.');
  return ExitCode.Internal;
}
