/**
 * The side effects a command may have, passed in rather than imported, so tests can see and
 * steer every one of them (the argv handed to helm, the files written, the clock).
 */
import type { Exec } from './exec.js';

export interface Io {
  /** Machine-readable or primary output (config paths, --json documents). */
  out(text: string): void;
  /** Progress, warnings and errors: kept off stdout so `--json` output stays parseable. */
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  exec: Exec;
  now(): Date;
  /** Whether colour may be used on stderr (NO_COLOR, TERM=dumb and pipes turn it off). */
  color: boolean;
}

/** Whether colour may be used, from the environment (NO_COLOR, TERM=dumb). */
export function colorAllowed(env: Record<string, string | undefined>): boolean {
  return !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

export async function systemIo(): Promise<Io> {
  const { execProcess } = await import('./exec.js');
  const env = process.env;
  const color = colorAllowed(env) && Boolean(process.stderr.isTTY);
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env,
    cwd: process.cwd(),
    exec: execProcess,
    now: () => new Date(),
    color,
  };
}
