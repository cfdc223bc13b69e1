/**
 * Cluster commands against the in-memory cluster: `doctor` as a ratio to `helm list` on the same
 * cluster (helm is what people compare with), and `doctor` against a server that never answers as a
 * ratio to its --timeout.
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { helmBinary, helmEnv } from '../support/helm-binaries.js';
import { fakeCluster } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { interleaved, stats, wall, type PairOptions, type PairResult, type Stats } from './pairs.js';

export const HANG_TIMEOUT_MS = 2000;

export async function benchDoctor(
  cli: string,
  cwd: string,
  env: Record<string, string>,
  opts: PairOptions,
): Promise<{ doctor: PairResult; hang: Stats; hangMs: Stats }> {
  const healthy = await fakeCluster(SCENARIOS.minikube);
  const silent = await fakeCluster(SCENARIOS.minikube);
  silent.cluster.intercept(() => 'hang');
  try {
    const helm = await helmBinary(3);
    const homes = helmEnv(join(cwd, 'helm'));
    const run = (file: string, args: string[], extra: Record<string, string> = {}) =>
      wall(async () => {
        const r = await execa(file, args, {
          cwd,
          reject: false,
          env: { CI: 'true', ...env, ...extra },
          extendEnv: false,
          stdin: 'ignore',
        });
        if (r.exitCode !== 0 && !args.includes('--timeout')) throw new Error(`${file} ${args.join(' ')}: ${r.stderr}`);
      });
    const doctor = await interleaved(
      () => run(process.execPath, [cli, 'doctor', '--kubeconfig', healthy.kubeconfig]),
      () => run(helm, ['list', '-n', 'polyaxon', '--kubeconfig', healthy.kubeconfig], homes),
      opts,
    );
    const hangs: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil((opts.pairs ?? 7) / 2)); i++)
      hangs.push(
        await run(process.execPath, [
          cli,
          'doctor',
          '--kubeconfig',
          silent.kubeconfig,
          '--timeout',
          `${HANG_TIMEOUT_MS / 1000}s`,
        ]),
      );
    return { doctor, hang: stats(hangs.map((h) => h / HANG_TIMEOUT_MS)), hangMs: stats(hangs) };
  } finally {
    await Promise.all([healthy.cluster.close(), silent.cluster.close()]);
  }
}
