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

/** The median of `runs` measurements taken one after another. */
export async function medianOf(runs: number, measure: () => Promise<number>): Promise<number> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure());
  all.sort((a, b) => a - b);
  return all[Math.floor(all.length / 2)];
}

/** The median wall time of `f`, in ms. */
function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  return medianOf(runs, async () => {
    const t0 = process.hrtime.bigint();
    await f();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
}

export async function benchStartup(runs = 9): Promise<BenchLine[]> {
  const node = (args: string[], cwd?: string) =>
    execa(process.execPath, args, { cwd, reject: false, env: { CI: 'true' }, stdin: 'ignore' });
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
