/**
 * The first `npx polyaxon-setup --version` after install, as a user meets it: the package as it
 * would be published (`npm pack` of this checkout), installed by npx into an empty cache each time,
 * offline, since a package with no runtime dependency needs nothing from the registry. Also
 * counts what the install put in node_modules (issue 14: once 172 packages and 105 MB).
 */
import { execa } from 'execa';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/run-cli.js';
import { stats, wall, type Stats } from './pairs.js';

export interface NpxResult {
  firstVersion: Stats;
  packages: number;
}

export async function benchNpx(env: Record<string, string>, runs: number): Promise<NpxResult> {
  const out = tempDir('polyaxon-setup-pack-');
  const packed = await execa('npm', ['pack', '--silent', '--pack-destination', out], { cwd: repoRoot });
  const tarball = join(out, packed.stdout.trim().split('\n').pop() as string);
  const times: number[] = [];
  let packages = 0;
  for (let i = 0; i < runs; i++) {
    const cache = tempDir('polyaxon-setup-npx-');
    const npx = ['--yes', '--offline', '--cache', cache, '--package', tarball, 'polyaxon-setup', '--version'];
    times.push(
      await wall(async () => {
        const r = await execa('npx', npx, { cwd: out, env, extendEnv: false, stdin: 'ignore', reject: false });
        if (r.exitCode !== 0) throw new Error(`npx polyaxon-setup --version failed: ${r.stderr}`);
      }),
    );
    const installs = join(cache, '_npx');
    for (const d of readdirSync(installs))
      packages = readdirSync(join(installs, d, 'node_modules')).filter((n) => !n.startsWith('.')).length;
  }
  return { firstVersion: stats(times), packages };
}
