/**
 * The wizard on a real terminal (`script` gives a pseudo-terminal): time to its first frame as a
 * ratio to `node -e` printing one line started the same way, and how long a key pressed right after
 * that frame takes to show, while the probe of an in-memory cluster is still under way.
 */
import { execa } from 'execa';
import { interleaved, stats, type PairOptions, type PairResult, type Stats } from './pairs.js';

export const FIRST_QUESTION = 'What kind of cluster is this?';
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

interface Shown {
  ms: number;
  /** After the marker: milliseconds from writing `key` until the selection moved (the key took effect). */
  keyMs?: number;
}

/** Milliseconds from spawn until `marker` appears on the terminal; the process is then stopped. */
export async function untilShown(
  command: string,
  marker: string,
  cwd: string,
  env: Record<string, string>,
  key?: string,
): Promise<Shown> {
  const t0 = process.hrtime.bigint();
  const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
  // A fresh pty has no size, and Ink would wrap at one column: give it a normal terminal's.
  const child = execa('script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], {
    cwd,
    env,
    extendEnv: false,
    reject: false,
    buffer: false,
    stdin: 'pipe',
  });
  let seen = '';
  const result: Shown = { ms: 0 };
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`"${marker}" never shown by ${command}; saw: ${seen.slice(-400)}`)),
        60_000,
      );
      let keyAt: bigint | undefined;
      let selectedBefore = '';
      const selected = (s: string) => [...s.replace(ANSI, '').matchAll(/❯ ([^\r\n]+)/g)].pop()?.[1].trim() ?? '';
      child.stdout!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (!result.ms && seen.includes(marker)) {
          result.ms = since(t0);
          if (!key) {
            clearTimeout(timer);
            return done();
          }
          selectedBefore = selected(seen);
          seen = '';
          keyAt = process.hrtime.bigint();
          child.stdin!.write(key);
        } else if (keyAt !== undefined) {
          const now = selected(seen);
          if (now && now !== selectedBefore) {
            result.keyMs = since(keyAt);
            clearTimeout(timer);
            done();
          }
        }
      });
    });
  } finally {
    child.kill('SIGKILL');
    await child;
  }
  return result;
}

export interface FirstFrameResult {
  firstFrame: PairResult;
  keyMs: Stats;
}

/** `cli` runs with `env` (KUBECONFIG at an in-memory cluster, so the probe runs meanwhile). */
export async function benchFirstFrame(
  cli: string,
  cwd: string,
  env: Record<string, string>,
  opts: PairOptions,
): Promise<FirstFrameResult> {
  const node = process.execPath;
  const keys: number[] = [];
  const fullEnv = { TERM: 'xterm-256color', NO_COLOR: '1', ...env };
  const firstFrame = await interleaved(
    async () => {
      const r = await untilShown(`${node} ${cli} --no-install`, FIRST_QUESTION, cwd, fullEnv, '\x1b[B');
      if (r.keyMs !== undefined) keys.push(r.keyMs);
      return r.ms;
    },
    async () => (await untilShown(`${node} -e "console.log('ready')"`, 'ready', cwd, fullEnv)).ms,
    opts,
  );
  // The first run is the warm-up.
  return { firstFrame, keyMs: stats(keys.slice(opts.warmup ?? 1)) };
}
