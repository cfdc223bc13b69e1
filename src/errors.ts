/**
 * One typed error hierarchy. Code below the entry point throws these; only `src/main.ts`
 * turns them into a message and an exit code, so nothing deep in the code calls process.exit.
 */
export const ExitCode = {
  Ok: 0,
  /** Unexpected failure (a bug): the message says to report it. */
  Internal: 1,
  /** Bad flags or arguments. */
  Usage: 2,
  /** config.yaml, a preset, a --set or an answer is invalid. */
  InvalidConfig: 3,
  /** The cluster cannot be reached, or the kubeconfig is missing or broken. */
  ClusterUnreachable: 4,
  /** The cluster refused us (401/403). */
  Forbidden: 5,
  /** helm failed, or is missing or too old. */
  HelmFailed: 6,
  /** An answer is needed but there is no terminal to ask on. */
  NotInteractive: 7,
  /** The person said no at a confirmation. */
  Declined: 8,
  /** `doctor` found an error: a finding of severity error (README "Findings"). */
  Findings: 9,
  /** Ctrl-C. */
  Cancelled: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface Problem {
  /** Dotted path of the field, e.g. `persistence.data.data1.bucket`. */
  field: string;
  message: string;
  /** What to do about it. */
  fix?: string;
  severity: 'error' | 'warning';
}

export class SetupError extends Error {
  readonly exitCode: ExitCodeValue;
  /** The next step for the person, printed under the message. */
  readonly hint?: string;
  constructor(message: string, opts: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = opts.exitCode ?? ExitCode.Internal;
    this.hint = opts.hint;
  }
}

export class UsageError extends SetupError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.Usage, hint: hint ?? 'Run `polyaxon-setup --help` for the flags.' });
  }
}

/** Invalid values: carries every problem found, not just the first. */
export class ConfigError extends SetupError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[], hint?: string) {
    super(message, { exitCode: ExitCode.InvalidConfig, hint });
    this.problems = problems;
  }
}

export class ClusterError extends SetupError {
  constructor(message: string, opts: { hint?: string; forbidden?: boolean; cause?: unknown } = {}) {
    super(message, {
      exitCode: opts.forbidden ? ExitCode.Forbidden : ExitCode.ClusterUnreachable,
      hint: opts.hint,
      cause: opts.cause,
    });
  }
}

/**
 * The exit code of a helm failure: the cluster's own refusals and silences keep the codes they
 * have everywhere else (4, 5), so scripts can branch on them whether the probe or helm met them.
 */
const HELM_KIND_EXIT: Record<string, ExitCodeValue> = {
  'cluster-unreachable': ExitCode.ClusterUnreachable,
  'auth-plugin-removed': ExitCode.ClusterUnreachable,
  'records-unreadable': ExitCode.ClusterUnreachable,
  unauthorized: ExitCode.Forbidden,
  forbidden: ExitCode.Forbidden,
  'records-forbidden': ExitCode.Forbidden,
};

export class HelmError extends SetupError {
  /** A stable name for the failure class, e.g. `release-exists`, so callers and tests can branch on it. */
  readonly kind: string;
  constructor(kind: string, message: string, hint?: string, cause?: unknown) {
    super(message, { exitCode: HELM_KIND_EXIT[kind] ?? ExitCode.HelmFailed, hint, cause });
    this.kind = kind;
  }
}

export class NotInteractiveError extends SetupError {
  constructor(question: string, flags: string[]) {
    super(`${question}: no terminal to ask on.`, {
      exitCode: ExitCode.NotInteractive,
      hint: `Answer it with ${flags.join(' or ')}.`,
    });
  }
}

export class DeclinedError extends SetupError {
  constructor(what: string, hint?: string) {
    super(`${what}: not confirmed, nothing was changed.`, { exitCode: ExitCode.Declined, hint });
  }
}

/** The person left the wizard at its review: nothing written, the answers kept for --resume. */
export class QuitError extends SetupError {
  constructor(kept?: string) {
    super('Quit at the review: config.yaml was not written, and nothing on the cluster changed.', {
      exitCode: ExitCode.Declined,
      hint: kept
        ? `Your answers are kept in ${kept}; continue with: npx polyaxon-setup --resume`
        : 'Run polyaxon-setup again to start over.',
    });
  }
}

export class CancelledError extends SetupError {
  constructor() {
    super('Cancelled.', { exitCode: ExitCode.Cancelled });
  }
}

/** The same error, with one more line of what to do under its hint. */
export function withHint<E extends SetupError>(e: E, line: string): E {
  const copy = Object.create(Object.getPrototypeOf(e) as object) as E;
  Object.assign(copy, e, { hint: [e.hint, line].filter(Boolean).join('\n') });
  Object.defineProperty(copy, 'message', { value: e.message, enumerable: false, writable: true, configurable: true });
  return copy;
}
