/**
 * Start-up cost of the CLI as a ratio to a bare `node -e 0` started the same way, measured in the
 * same run so the machine's speed cancels out.
 */
import { execa } from 'execa';
import { cliPath } from '../support/run-cli.js';
import { tempDir } from '../support/run-cli.js';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
}

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function benchStartup(runs = 9): Promise<BenchLine[]> {
  const node = (args: string[], cwd?: string) => execa(process.execPath, args, { cwd, reject: false, env: { CI: 'true' }, stdin: 'ignore' });
  const dir = tempDir();
  const bare = await median(runs, () => node(['-e', '0']));
  const help = await median(runs, () => node([cliPath, '--help']));
  const preset = await median(runs, () => node([cliPath, '--preset', 'minikube', '--yes', '--no-install'], dir));
  return [
    { name: 'node -e 0', value: bare, unit: 'ms' },
    { name: 'polyaxon-setup --help', value: help, unit: 'ms' },
    { name: 'polyaxon-setup --help / node -e 0', value: help / bare, unit: 'x' },
    { name: 'polyaxon-setup --preset minikube --yes --no-install', value: preset, unit: 'ms' },
    { name: 'preset run / node -e 0', value: preset / bare, unit: 'x' },
  ];
}
