/**
 * The only module that starts processes. Commands are argv arrays, never shell strings, so
 * values cannot be re-interpreted; callers get the exit code and output instead of an exception
 * and classify failures themselves (see src/helm/classify.ts).
 */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The run was stopped at its timeoutMs (exitCode is then 124). */
  timedOut?: boolean;
}

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Called with each chunk of output as it arrives (progress). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  timeoutMs?: number;
  input?: string;
}

export type Exec = (file: string, args: readonly string[], opts?: ExecOptions) => Promise<ExecResult>;

/** Thrown only when the program could not be started at all (not found, not executable). */
export class ExecStartError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`could not start ${file}: ${code}`);
  }
}

export const execProcess: Exec = async (file, args, opts = {}) => {
  const { execa } = await import('execa');
  const child = execa(file, [...args], {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: true,
    reject: false,
    timeout: opts.timeoutMs,
    input: opts.input,
    stdin: opts.input === undefined ? 'ignore' : undefined,
    stripFinalNewline: false,
  });
  if (opts.onOutput) {
    child.stdout?.on('data', (b: Buffer) => opts.onOutput!(b.toString('utf8'), 'stdout'));
    child.stderr?.on('data', (b: Buffer) => opts.onOutput!(b.toString('utf8'), 'stderr'));
  }
  const r = await child;
  const errno = (r as { code?: string }).code;
  if (r.failed && r.exitCode === undefined && errno && /^E[A-Z]+$/.test(errno)) throw new ExecStartError(file, errno);
  return {
    exitCode: r.exitCode ?? (r.timedOut ? 124 : 1),
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    ...(r.timedOut ? { timedOut: true } : {}),
  };
};
