/**
 * Running helm: every call through the injected Exec, argv arrays only, output streamed line by
 * line to whoever shows progress, and a non-zero exit turned into a classified HelmError.
 */
import { HelmError } from '../errors.js';
import { ExecStartError, type Exec, type ExecResult } from '../io/exec.js';
import { shellJoin } from './argv.js';
import type { HelmBinary } from './binary.js';
import { classifyHelmFailure, helmNotFound, type FailureFacts } from './classify.js';

export interface RunOptions {
  /** What the failure message may name (op defaults to the first argv word). */
  facts?: Partial<FailureFacts>;
  /** Each complete output line, as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Announce the command before running it (anything that changes something). */
  echo?: boolean;
}

/**
 * Whether a line of helm's output is worth showing as it comes. helm's own `Error:` line (and helm
 * 4's `level=ERROR` echo of it) is not: the classified error that follows quotes it, with what to do.
 */
export function isStreamed(line: string): boolean {
  return line.trim() !== '' && !/^(Error: |level=ERROR )/.test(line);
}

/** Splits a chunked stream into lines, holding a partial last line until the next chunk or the end. */
export function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk).split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const p of parts) emit(p);
    },
    end() {
      if (rest) emit(rest);
      rest = '';
    },
  };
}

export class HelmClient {
  constructor(
    readonly bin: HelmBinary,
    private readonly exec: Exec,
    private readonly env: Record<string, string | undefined>,
    /** Relative paths given to us (--kubeconfig, -f) are relative to it. */
    private readonly cwd: string,
    /** Where announcements go (stderr). */
    private readonly say: (text: string) => void,
    /** Facts every failure may name: release, namespace, context. */
    private readonly base: FailureFacts,
  ) {}

  get major() {
    return this.bin.major;
  }

  /** Runs and returns the result whatever the exit code. */
  async attempt(argv: readonly string[], o: RunOptions = {}): Promise<ExecResult> {
    if (o.echo) this.say(`$ ${shellJoin(['helm', ...argv])}`);
    const out = o.onLine ? lineSplitter((l) => o.onLine!(l, 'stdout')) : undefined;
    const err = o.onLine ? lineSplitter((l) => o.onLine!(l, 'stderr')) : undefined;
    try {
      const r = await this.exec(this.bin.path, argv, {
        env: this.env,
        cwd: this.cwd,
        onOutput: o.onLine ? (chunk, stream) => (stream === 'stdout' ? out : err)!.push(chunk) : undefined,
      });
      out?.end();
      err?.end();
      return r;
    } catch (e) {
      if (e instanceof ExecStartError) throw helmNotFound(`${this.bin.path}: ${e.code}`);
      throw e;
    }
  }

  /** Runs; a non-zero exit throws the classified HelmError. */
  async run(argv: readonly string[], o: RunOptions = {}): Promise<ExecResult> {
    const r = await this.attempt(argv, o);
    if (r.exitCode !== 0) throw this.classify(argv, r, o);
    return r;
  }

  /** Runs a command with `-o json` output and parses it. */
  async json<T>(argv: readonly string[], o: RunOptions = {}): Promise<T> {
    const r = await this.run(argv, o);
    try {
      // `helm get values` prints `null` for a release installed without values.
      return JSON.parse(r.stdout.trim() || 'null') as T;
    } catch {
      throw new HelmError(
        'unknown',
        `helm ${argv.slice(0, 2).join(' ')} did not print JSON.\n  helm: ${r.stdout.trim().split('\n')[0] ?? ''}`,
        'Check the helm binary (--helm).',
      );
    }
  }

  classify(argv: readonly string[], r: ExecResult, o: RunOptions = {}): HelmError {
    return classifyHelmFailure(r.stderr || r.stdout, { ...this.base, op: argv[0] ?? 'helm', ...o.facts });
  }
}
