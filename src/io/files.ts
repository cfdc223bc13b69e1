/**
 * Reading and writing only regular files, of bounded size, with every failure turned into a
 * message that names the path and the fix. A FIFO, a device (/dev/zero, /dev/null), a directory
 * or a socket is refused before anything is read or written: opening a FIFO would hang, reading
 * /dev/zero never ends, and renaming over /dev/null would replace the device.
 */
import { constants, statSync, type Stats } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { ExitCode, SetupError, type ExitCodeValue } from '../errors.js';

/** Values files, answers files and kubeconfigs are small; anything bigger is not one. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** A file the person named that cannot be used: the path, what is wrong, and what to do. */
export class FileError extends SetupError {
  readonly path: string;
  readonly code: string;
  constructor(path: string, code: string, what: string, exitCode: ExitCodeValue = ExitCode.Usage) {
    const [why, fix] = describeFileProblem(code, what);
    super(`${what} ${path || "''"}: ${why}.`, { exitCode, hint: fix });
    this.path = path;
    this.code = code;
  }
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'EISDIR';
  if (s.isFIFO()) return 'EFIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'EDEVICE';
  if (s.isSocket()) return 'ESOCKET';
  return 'ENOTREG';
}

export function describeFileProblem(code: string, what: string): [string, string] {
  const file = what.toLowerCase().includes('kubeconfig') ? 'kubeconfig file' : 'file';
  switch (code) {
    case 'ENOENT':
      return ['no such file', 'Check the path.'];
    case 'EEMPTY':
      return ['is empty', 'Give a file name, e.g. config.yaml.'];
    case 'EISDIR':
      return ['is a directory', `Give the path of a ${file} (e.g. DIR/config.yaml), not a directory.`];
    case 'EFIFO':
      return ['is a FIFO (named pipe), not a regular file', `Give the path of a regular ${file}.`];
    case 'EDEVICE':
      return ['is a device, not a regular file', `Give the path of a regular ${file}.`];
    case 'ESOCKET':
    case 'ENOTREG':
      return ['is not a regular file', `Give the path of a regular ${file}.`];
    case 'EFBIG':
      return [
        `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`,
        `Give the ${file} itself; this is too big to be one.`,
      ];
    case 'ENOTDIR':
      return ['goes through a file as if it were a directory', 'Check each part of the path before the file name.'];
    case 'ELOOP':
      return ['is a symbolic link loop', 'Fix or remove the symbolic link.'];
    case 'ENAMETOOLONG':
      return ['has a name that is too long', 'Use a shorter file name.'];
    case 'EACCES':
    case 'EPERM':
      return ['permission denied', 'Pick a path you may read and write, or fix its permissions.'];
    case 'EROFS':
      return ['is on a read-only file system', 'Pick a path on a writable file system.'];
    case 'ELOCKED':
      return [
        'is being written by another polyaxon-setup run',
        'Wait for that run to finish (its pid is in the .lock file beside it), then run again.',
      ];
    case 'ENOSPC':
    case 'EDQUOT':
      return ['no space left on the device', 'Free some space, or pick another path.'];
    default:
      return [`cannot be used (${code})`, 'Check the path and its permissions.'];
  }
}

function codeOf(e: unknown): string | undefined {
  const c = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** Rethrows a filesystem error as a FileError naming the path; anything else as it is. */
export function asFileError(e: unknown, path: string, what: string, exitCode?: ExitCodeValue): never {
  if (e instanceof SetupError) throw e;
  const code = codeOf(e);
  if (code) throw new FileError(path, code, what, exitCode);
  throw e;
}

/**
 * A regular file's text, at most `max` bytes. The open does not block (a FIFO would), and what it
 * opened is checked before a byte is read.
 */
export async function readRegularFile(
  path: string,
  opts: { what: string; max?: number; exitCode?: ExitCodeValue; display?: string },
): Promise<string> {
  const max = opts.max ?? MAX_INPUT_BYTES;
  const shown = opts.display ?? path;
  if (path === '') throw new FileError('', 'EEMPTY', opts.what, opts.exitCode);
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    asFileError(e, shown, opts.what, opts.exitCode);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new FileError(shown, kindOf(st), opts.what, opts.exitCode);
    if (st.size > max) throw new FileError(shown, 'EFBIG', opts.what, opts.exitCode);
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    // Read what is there, bounded even if the file grows meanwhile.
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n >= buf.length) throw new FileError(shown, 'EFBIG', opts.what, opts.exitCode);
    }
    return buf.subarray(0, n).toString('utf8');
  } catch (e) {
    return asFileError(e, shown, opts.what, opts.exitCode);
  } finally {
    await fh.close();
  }
}

/** Synchronous check that a path is a regular file of bounded size (before a library reads it). */
export function assertRegularFileSync(path: string, what: string, exitCode?: ExitCodeValue): void {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    return asFileError(e, path, what, exitCode);
  }
  if (!st.isFile()) throw new FileError(path, kindOf(st), what, exitCode);
  if (st.size > MAX_INPUT_BYTES) throw new FileError(path, 'EFBIG', what, exitCode);
}

/**
 * What is at a path about to be written: nothing (undefined) or a regular file (its Stats).
 * Anything else is refused, and so is a symbolic link to anything but a regular file.
 */
export async function writableTarget(path: string, what: string, exitCode?: ExitCodeValue): Promise<Stats | undefined> {
  if (path === '') throw new FileError('', 'EEMPTY', what, exitCode);
  let l: Stats;
  try {
    l = await lstat(path);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    return asFileError(e, path, what, exitCode);
  }
  let st = l;
  if (l.isSymbolicLink()) {
    try {
      st = await stat(path);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return undefined;
      return asFileError(e, path, what, exitCode);
    }
  }
  if (!st.isFile()) throw new FileError(path, kindOf(st), what, exitCode);
  return st;
}
