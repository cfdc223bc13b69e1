/**
 * Writing config.yaml so that nothing is ever lost: the new text goes to a temporary file in the
 * same folder and is renamed over the old one (atomic on POSIX), the old file is first copied to
 * a timestamped backup, and a file holding a password is created 0600 from the start.
 */
import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { asFileError, FileError, MAX_INPUT_BYTES, readRegularFile, writableTarget } from './files.js';
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
  opts: { secret: boolean; now: Date; backup?: boolean; what?: string; display?: string },
): Promise<WriteResult> {
  const what = opts.what ?? 'Cannot write';
  try {
    return await writeChecked(path, text, opts);
  } catch (e) {
    return asFileError(e, opts.display ?? path, what);
  }
}

/** How long a writer waits for another one on the same file before it says so. */
const LOCK_WAIT_MS = 15_000;

/**
 * One writer at a time per target, so that two runs racing on config.yaml each back up what the
 * other wrote instead of one replacing it unseen. The lock file names its owner's pid: a lock
 * left by a killed run is taken over at once.
 */
async function lock(path: string, display: string, what: string): Promise<() => Promise<void>> {
  const lockPath = join(dirname(path), `.${basename(path)}.lock`);
  const until = Date.now() + LOCK_WAIT_MS;
  // The lock appears whole, pid included (a hard link of a file already written), or not at all.
  const mine = join(dirname(path), tempName(`${basename(path)}.lock`, process.pid));
  await writeFile(mine, String(process.pid), { mode: 0o600, flag: 'wx' });
  try {
    return await takeLock(lockPath, mine, until, display, what);
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

async function takeLock(
  lockPath: string,
  mine: string,
  until: number,
  display: string,
  what: string,
): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await link(mine, lockPath);
      return () => unlink(lockPath).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
    if (!Number.isInteger(owner) || owner <= 0 || !alive(owner)) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > until) throw new FileError(display, 'ELOCKED', what);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function writeChecked(
  path: string,
  text: string,
  opts: { secret: boolean; now: Date; backup?: boolean; what?: string; display?: string },
): Promise<WriteResult> {
  const what = opts.what ?? 'Cannot write';
  // Only a regular file (or nothing) is replaced: never a directory, a device or a FIFO.
  await writableTarget(path, what);
  await mkdir(dirname(path), { recursive: true });
  const release = await lock(path, opts.display ?? path, what);
  try {
    return await writeLocked(path, text, opts, what);
  } finally {
    await release();
  }
}

async function writeLocked(
  path: string,
  text: string,
  opts: { secret: boolean; now: Date; backup?: boolean },
  what: string,
): Promise<WriteResult> {
  // Under the lock, and before the unchanged case returns: a leftover may hold an old password.
  await removeStaleTemps(path);
  // Read again under the lock: another writer may have replaced the file meanwhile.
  const existing = await writableTarget(path, what);
  const previous =
    existing && existing.size <= MAX_INPUT_BYTES
      ? await readRegularFile(path, { what }).catch((e: unknown) => {
          if (e instanceof FileError && e.code === 'ENOENT') return undefined;
          throw e;
        })
      : existing
        ? ''
        : undefined;
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
  const tmp = join(dirname(path), tempName(basename(path), process.pid));
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
  await rename(tmp, path).catch(async (e: unknown) => {
    await unlink(tmp).catch(() => undefined);
    throw e;
  });
  return { path, backup, unchanged: false };
}

/** `.config.yaml.<pid>.<random>.tmp`: the pid says whether the run that made it is still alive. */
function tempName(base: string, pid: number): string {
  return `.${base}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temp files of this target left by a run that was killed (kill -9 between write and rename, or
 * while it held the lock's temp file): they may hold the password, so they are removed when their
 * process is gone.
 */
export async function removeStaleTemps(path: string): Promise<string[]> {
  const base = basename(path);
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  const prefix = `.${base}.`;
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    // `<pid>.<hex>.tmp` is a config.yaml being written, `lock.<pid>.<hex>.tmp` a lock being taken.
    const m = /^(?:lock\.)?(\d+)\.[0-9a-f]{8}\.tmp$/.exec(n.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && alive(pid)) continue;
    if (pid === process.pid) continue;
    await unlink(join(dir, n)).then(
      () => removed.push(n),
      () => undefined,
    );
  }
  return removed;
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
