/**
 * Start-up cost of the CLI's non-interactive runs as ratios to a bare `node -e 0` started the same
 * way, in interleaved pairs, so the machine's speed cancels out.
 */
import { execa } from 'execa';
import { interleaved, wall, type PairOptions, type PairResult } from './pairs.js';

export async function benchStartup(
  cli: string,
  cwd: string,
  env: Record<string, string>,
  opts: PairOptions,
): Promise<{ help: PairResult; version: PairResult; preset: PairResult }> {
  const node = (args: string[]) =>
    wall(() =>
      execa(process.execPath, args, {
        cwd,
        reject: false,
        env: { CI: 'true', ...env },
        extendEnv: false,
        stdin: 'ignore',
      }),
    );
  const bare = () => node(['-e', '0']);
  return {
    help: await interleaved(() => node([cli, '--help']), bare, opts),
    version: await interleaved(() => node([cli, '--version']), bare, opts),
    preset: await interleaved(() => node([cli, '--preset', 'minikube', '--yes', '--no-install']), bare, opts),
  };
}
