/**
 * A real pseudo-terminal for end-to-end tests: the built CLI runs inside a detached tmux session
 * on a private socket, keys are sent with `send-keys` and the screen is read with `capture-pane`.
 */
import { execa } from 'execa';

export interface Pty {
  /** The visible screen, wrapped lines joined, trailing blank lines dropped. */
  screen(): Promise<string>;
  /** Everything the terminal showed, the scrolled-off lines too. */
  history(): Promise<string>;
  press(...keys: string[]): Promise<void>;
  /** Resizes the window, as a person dragging its corner does (the program gets SIGWINCH). */
  resize(cols: number, rows: number): Promise<void>;
  /** Writes `bytes` to the terminal in one go, as a fast typist or a paste does: one read for the CLI. */
  write(bytes: string): Promise<void>;
  /** Polls the screen until it matches; fails with the last screen after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function hasTmux(): Promise<boolean> {
  const r = await execa('tmux', ['-V'], { reject: false });
  return r.exitCode === 0;
}

let sessions = 0;

/** Runs `argv` in `cwd` with exactly `env` added (CI removed, so the CLI sees a person's terminal). */
export async function startPty(
  argv: string[],
  opts: { cwd: string; env: Record<string, string>; cols?: number; rows?: number },
): Promise<Pty> {
  const socket = `polyaxon-setup-test-${process.pid}-${++sessions}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, '-f', '/dev/null', ...args], { reject: false });
  const envArgs = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
  // `; sleep` keeps the pane (and its last screen) after the CLI exits, with the exit code shown.
  const shell = `${['env', '-u', 'CI', ...envArgs, ...argv].map(quote).join(' ')}; echo "[exit $?]"; sleep 600`;
  const started = await tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    String(opts.cols ?? 120),
    '-y',
    String(opts.rows ?? 40),
    '-c',
    opts.cwd,
    shell,
  );
  if (started.exitCode !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
  const screen = async () => (await tmux('capture-pane', '-p', '-J', '-t', 'main')).stdout.replace(/\s+$/, '');
  return {
    screen,
    async history() {
      return (await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main')).stdout;
    },
    async press(...keys) {
      await tmux('send-keys', '-t', 'main', ...keys);
    },
    async resize(cols, rows) {
      await tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
    },
    async write(bytes) {
      const hex = [...Buffer.from(bytes, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
      await tmux('send-keys', '-t', 'main', '-H', ...hex);
    },
    async waitFor(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = await screen();
        if (pattern.test(last)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the terminal never showed ${pattern}; last screen:\n${last}`);
    },
    async close() {
      await tmux('kill-server');
    },
  };
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CliTerminalOptions {
  kubeconfig?: string;
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
}

/**
 * The built CLI in one terminal at a time: `open` closes the last one and starts `cli ...args` in
 * `cwd` (also its HOME), against the kubeconfig given or the default one.
 */
export function cliTerminal(cliPath: string, defaultKubeconfig: () => string) {
  let pty: Pty | undefined;
  return {
    async open(cwd: string, args: string[], o: CliTerminalOptions = {}): Promise<Pty> {
      await pty?.close();
      const env = {
        KUBECONFIG: o.kubeconfig ?? defaultKubeconfig(),
        HOME: cwd,
        NO_COLOR: '1',
        TERM: 'xterm-256color',
        ...o.env,
      };
      pty = await startPty([process.execPath, cliPath, ...args], { cwd, cols: o.cols, rows: o.rows, env });
      return pty;
    },
    /** The terminal open now. */
    current: (): Pty | undefined => pty,
    close: async (): Promise<void> => {
      await pty?.close();
    },
  };
}
