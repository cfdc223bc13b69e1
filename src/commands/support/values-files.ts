/**
 * The files around an upgrade: a private, timestamped copy of the values deployed before, and a
 * temporary values file for dry runs and `template`.
 */
import { constants } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { toYaml } from '../../model/serialize.js';

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * The values deployed before the upgrade, beside config.yaml: `<release>-r<revision>.<UTC>.values.yaml`,
 * created 0600 (they may hold the root password) and never overwriting an older copy.
 */
export async function backupDeployedValues(
  configPath: string,
  release: string,
  revision: number,
  deployed: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const dir = dirname(configPath);
  await mkdir(dir, { recursive: true });
  const text = `# The values of release ${release} at revision ${revision}, saved by polyaxon-setup before an upgrade.\n${toYaml(deployed)}`;
  for (let i = 0; ; i++) {
    const path = join(dir, `${release}-r${revision}.${stamp(now)}${i ? `-${i}` : ''}.values.yaml`);
    try {
      const fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        await fh.writeFile(text, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      // The umask may have taken bits away, never added them; be explicit anyway.
      await chmod(path, 0o600);
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** A values file for a dry run or `template`, in a private temporary folder the caller removes. */
export async function tempValuesFile(
  values: Record<string, unknown>,
): Promise<{ path: string; remove(): Promise<void> }> {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'polyaxon-setup-'));
  const path = join(dir, 'values.yaml');
  await writeFile(path, toYaml(values), { mode: 0o600 });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
