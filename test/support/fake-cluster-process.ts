/**
 * `npm run fake-cluster` as a contributor starts it: a separate process serving the in-memory
 * API, with the kubeconfig it writes. Tests use it to drive the built CLI exactly as by hand.
 */
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { repoRoot } from './paths.js';

const fakeClusterCli = join(repoRoot, 'dist', 'test', 'support', 'fake-cluster-cli.js');

export interface ServedCluster {
  kubeconfig: string;
  stop(): Promise<void>;
}

export async function serveFakeCluster(dir: string, fixtures: string[], flags: string[] = []): Promise<ServedCluster> {
  const kubeconfig = join(dir, 'kubeconfig');
  const child: ResultPromise = execa(
    process.execPath,
    [fakeClusterCli, '--kubeconfig', kubeconfig, ...flags, ...fixtures],
    { reject: false, buffer: false },
  );
  await new Promise<void>((ready, fail) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('kubeconfig:')) ready();
    });
    child.on('exit', () => fail(new Error(`fake-cluster exited early: ${seen}`)));
  });
  return {
    kubeconfig,
    async stop() {
      child.kill('SIGTERM');
      await child;
    },
  };
}
