/**
 * The one place that decides whether we may ask questions. Everything else asks `ctx.interactive`
 * or goes through the Prompter, which fails with the flag to use when it may not ask.
 */
export interface TerminalFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
}

export function decideInteractive(t: TerminalFacts): boolean {
  const ci = t.env.CI !== undefined && t.env.CI !== '' && t.env.CI !== 'false' && t.env.CI !== '0';
  return t.stdinIsTTY && t.stdoutIsTTY && !ci;
}

/** Line mode (@inquirer/prompts) instead of the Ink screens: asked for, or a terminal that cannot draw. */
export function decidePlain(plainFlag: boolean, env: Record<string, string | undefined>): boolean {
  return plainFlag || env.TERM === 'dumb';
}
