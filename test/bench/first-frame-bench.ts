/**
 * Time to the wizard's first frame on a real terminal, as a ratio to `node -e` printing one line
 * started the same way (`script` gives both a pseudo-terminal). The probe has no cluster to find
 * here on purpose: the first frame must never wait for it, nor load the Kubernetes client.
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { cliPath, tempDir } from '../support/run-cli.js';
import { medianOf as median, type BenchLine } from './startup-bench.js';

/** Milliseconds from spawn until `marker` appears on the terminal; the process is then stopped. */
async function untilShown(command: string, marker: string, cwd: string, env: Record<string, string>): Promise<number> {
  const t0 = process.hrtime.bigint();
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
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`"${marker}" never shown by ${command}; saw: ${seen.slice(-400)}`)),
      30_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(marker)) {
        clearTimeout(timer);
        done();
      }
    });
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  child.kill('SIGKILL');
  await child;
  return ms;
}

export async function benchFirstFrame(runs = 7): Promise<BenchLine[]> {
  const cwd = tempDir();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: cwd,
    TERM: 'xterm-256color',
    NO_COLOR: '1',
    KUBECONFIG: join(cwd, 'no-kubeconfig'),
  };
  const node = process.execPath;
  const bare = await median(runs, () => untilShown(`${node} -e "console.log('ready')"`, 'ready', cwd, env));
  const wizard = await median(runs, () =>
    untilShown(`${node} ${cliPath} --no-install`, 'What kind of cluster is this?', cwd, env),
  );
  return [
    { name: 'node -e console.log, on a terminal', value: bare, unit: 'ms' },
    { name: 'wizard first frame, on a terminal', value: wizard, unit: 'ms' },
    { name: 'wizard first frame / node -e (target < 3)', value: wizard / bare, unit: 'x' },
  ];
}
