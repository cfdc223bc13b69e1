import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, stat, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileSafely } from '../../src/io/write-file.js';
import { tempDir } from '../support/run-cli.js';

const now = new Date('2026-11-24T10:20:30.123Z');
const mode = async (p: string) => (await stat(p)).mode & 0o777;

test('a new file is written whole, 0644 without a secret', async () => {
  const dir = tempDir();
  const r = await writeFileSafely(join(dir, 'config.yaml'), 'a: 1\n', { secret: false, now });
  assert.equal(await readFile(r.path, 'utf8'), 'a: 1\n');
  assert.equal(r.backup, undefined);
  assert.equal(await mode(r.path), 0o644);
});

test('a file holding a password is 0600', async () => {
  const dir = tempDir();
  const r = await writeFileSafely(join(dir, 'config.yaml'), 'user:\n  password: s3cret\n', { secret: true, now });
  assert.equal(await mode(r.path), 0o600);
});

test('an existing file is backed up first, privately, with a timestamp', async () => {
  const dir = tempDir();
  const path = join(dir, 'config.yaml');
  await writeFile(path, 'old: true\n');
  await chmod(path, 0o644);
  const r = await writeFileSafely(path, 'new: true\n', { secret: false, now });
  assert.equal(r.backup, `${path}.20261124T102030Z.bak`);
  assert.equal(await readFile(r.backup!, 'utf8'), 'old: true\n');
  assert.equal(await mode(r.backup!), 0o600);
  assert.equal(await readFile(path, 'utf8'), 'new: true\n');
});

test('a second write in the same second keeps the first backup', async () => {
  const dir = tempDir();
  const path = join(dir, 'config.yaml');
  await writeFile(path, 'v1\n');
  const a = await writeFileSafely(path, 'v2\n', { secret: false, now });
  const b = await writeFileSafely(path, 'v3\n', { secret: false, now });
  assert.notEqual(a.backup, b.backup);
  assert.equal(await readFile(a.backup!, 'utf8'), 'v1\n');
  assert.equal(await readFile(b.backup!, 'utf8'), 'v2\n');
});

test('writing the same text again changes nothing and makes no backup', async () => {
  const dir = tempDir();
  const path = join(dir, 'config.yaml');
  await writeFileSafely(path, 'same\n', { secret: false, now });
  const r = await writeFileSafely(path, 'same\n', { secret: false, now });
  assert.equal(r.unchanged, true);
  assert.deepEqual(await readdir(dir), ['config.yaml']);
});

test('no temporary file is left behind', async () => {
  const dir = tempDir();
  const path = join(dir, 'config.yaml');
  await writeFile(path, 'x\n');
  await writeFileSafely(path, 'y\n', { secret: true, now });
  const names = await readdir(dir);
  assert.deepEqual(
    names.filter((n) => n.endsWith('.tmp')),
    [],
  );
});

test('the target is replaced by rename, never truncated in place', async () => {
  // A reader holding the old inode still sees the old content: proof of rename rather than rewrite.
  const dir = tempDir();
  const path = join(dir, 'config.yaml');
  await writeFile(path, 'old\n');
  const before = (await stat(path)).ino;
  await writeFileSafely(path, 'new\n', { secret: false, now });
  assert.notEqual((await stat(path)).ino, before);
});
