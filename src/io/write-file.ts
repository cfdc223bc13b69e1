/**
 * Writing config.yaml so that nothing is ever lost: the new text goes to a temporary file in the
 * same folder and is renamed over the old one (atomic on POSIX), the old file is first copied to
 * a timestamped backup, and a file holding a password is created 0600 from the start.
 */
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface WriteResult {
  path: string;
  /** Where the previous file was copied, when there was one that differed. */
  backup?: string;
  unchanged: boolean;
}

export async function writeFileSafely(
  path: string,
  text: string,
  opts: { secret: boolean; now: Date; backup?: boolean },
): Promise<WriteResult> {
  await mkdir(dirname(path), { recursive: true });
  const previous = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  const mode = opts.secret ? 0o600 : 0o644;
  if (previous === text) {
    if (opts.secret) await tightenMode(path, 0o600);
    return { path, unchanged: true };
  }
  let backup: string | undefined;
  if (previous !== undefined && opts.backup !== false) {
    backup = `${path}.${stamp(opts.now)}.bak`;
    // COPYFILE_EXCL: never overwrite an older backup taken in the same second.
    await copyFile(path, backup, constants.COPYFILE_EXCL).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      backup = `${path}.${stamp(opts.now)}-${randomBytes(3).toString('hex')}.bak`;
      await copyFile(path, backup, constants.COPYFILE_EXCL);
    });
    // A backup may hold an old password: private, whatever the original's mode was.
    await tightenMode(backup!, 0o600);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  await rename(tmp, path);
  return { path, backup, unchanged: false };
}

async function tightenMode(path: string, mode: number): Promise<void> {
  await chmod(path, mode);
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
