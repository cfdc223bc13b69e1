/**
 * Running helm: every call through the injected Exec, argv arrays only, output streamed line by
 * line to whoever shows progress, and a non-zero exit turned into a classified HelmError.
 */
import { HelmError } from '../errors.js';
import { ExecStartError, type Exec, type ExecResult } from '../io/exec.js';
import { commandName, shellJoin } from './argv.js';
import type { HelmBinary } from './binary.js';
import { classifyHelmFailure, helmNotFound, type FailureFacts } from './classify.js';

export interface RunOptions {
  /** What the failure message may name (op defaults to the first argv word). */
  facts?: Partial<FailureFacts>;
  /** Each complete output line, as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Announce the command before running it (anything that changes something). */
  echo?: boolean;
  /** How long this command may run; the client's deadline for its kind of command otherwise. */
  timeoutMs?: number;
}

/** helm commands that only read: they get the short deadline. */
const QUERIES = new Set(['history', 'status', 'list', 'get', 'show', 'version', 'search', 'template', 'env', 'repo']);

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

  /**
   * Every helm run has a deadline: helm's Kubernetes client has no request timeout of its own, so
   * an API server that answers /version and nothing else would keep `helm history` waiting forever.
   * Queries get `queryMs`; installs, upgrades, uninstalls and rollbacks `changeMs` (their own --wait
   * time plus slack). openHelm sets both from --timeout and --wait.
   */
  deadlines = { queryMs: 60_000, changeMs: 15 * 60_000 };

  get major() {
    return this.bin.major;
  }

  /** Runs and returns the result whatever the exit code. */
  async attempt(argv: readonly string[], o: RunOptions = {}): Promise<ExecResult> {
    if (o.echo) this.say(`$ ${shellJoin(['helm', ...argv])}`);
    const out = o.onLine ? lineSplitter((l) => o.onLine!(l, 'stdout')) : undefined;
    const err = o.onLine ? lineSplitter((l) => o.onLine!(l, 'stderr')) : undefined;
    const op = argv[0] ?? '';
    const timeoutMs = o.timeoutMs ?? (QUERIES.has(op) ? this.deadlines.queryMs : this.deadlines.changeMs);
    try {
      const r = await this.exec(this.bin.path, argv, {
        env: this.env,
        cwd: this.cwd,
        timeoutMs,
        onOutput: o.onLine ? (chunk, stream) => (stream === 'stdout' ? out : err)!.push(chunk) : undefined,
      });
      out?.end();
      err?.end();
      if (r.exitCode === 124 && r.timedOut) throw this.timedOut(argv, timeoutMs);
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
        `${commandName(argv)} did not print JSON.\n  helm: ${r.stdout.trim().split('\n')[0] ?? ''}`,
        'Check the helm binary (--helm).',
      );
    }
  }

  private timedOut(argv: readonly string[], ms: number): HelmError {
    const what = commandName(argv);
    const at = this.base.context ? ` (context "${this.base.context}")` : '';
    return new HelmError(
      'cluster-unreachable',
      `${what} did not finish within ${Math.round(ms / 1000)} s: it was waiting for the Kubernetes API${at} to answer, and it did not; stopped.`,
      'Check that the API server answers (kubectl get ns); allow longer with --timeout or --wait.',
    );
  }

  classify(argv: readonly string[], r: ExecResult, o: RunOptions = {}): HelmError {
    return classifyHelmFailure(r.stderr || r.stdout, { ...this.base, op: argv[0] ?? 'helm', ...o.facts });
  }
}
