/** Writers racing on one config.yaml: each backs up what the one before it wrote, nothing is lost. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSafely } from '../../src/io/write-file.js';
import { tempDir } from '../support/run-cli.js';

test('twelve writers at once: every text is the file or one of its backups', async () => {
  const dir = tempDir('write-lock-');
  const path = join(dir, 'config.yaml');
  writeFileSync(path, 'first: 0\n');
  const texts = Array.from({ length: 12 }, (_, i) => `run: ${i + 1}\n`);
  const now = new Date('2026-12-03T08:00:00Z');
  await Promise.all(texts.map((t) => writeFileSafely(path, t, { secret: true, now })));
  const kept = readdirSync(dir)
    .filter((f) => f === 'config.yaml' || f.endsWith('.bak'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  for (const t of ['first: 0\n', ...texts]) assert.ok(kept.includes(t), `${JSON.stringify(t)} is kept`);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
    'no lock or temporary file is left',
  );
});

test('a lock left by a run that died is taken over at once', async () => {
  const dir = tempDir('write-lock-');
  const path = join(dir, 'config.yaml');
  // Not a pid any process has: the kernel's pid_max is far below it.
  writeFileSync(join(dir, '.config.yaml.lock'), '2147483646');
  const r = await writeFileSafely(path, 'a: 1\n', { secret: false, now: new Date() });
  assert.equal(r.unchanged, false);
  assert.equal(readFileSync(path, 'utf8'), 'a: 1\n');
  assert.equal(existsSync(join(dir, '.config.yaml.lock')), false);
});

test("a lock's temp file left by a run killed while taking the lock is removed by the next write", async () => {
  const dir = tempDir('write-lock-');
  const path = join(dir, 'config.yaml');
  const stale = '.config.yaml.lock.2147483646.0a1b2c3d.tmp';
  writeFileSync(join(dir, stale), '2147483646', { mode: 0o600 });
  await writeFileSafely(path, 'a: 1\n', { secret: false, now: new Date() });
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
  );
});

test('a write that changes nothing still removes what a killed run left', async () => {
  const dir = tempDir('write-lock-');
  const path = join(dir, 'config.yaml');
  writeFileSync(path, 'a: 1\n');
  writeFileSync(join(dir, '.config.yaml.2147483646.0a1b2c3d.tmp'), 'user:\n  password: old\n', { mode: 0o600 });
  const r = await writeFileSafely(path, 'a: 1\n', { secret: true, now: new Date() });
  assert.equal(r.unchanged, true);
  assert.deepEqual(readdirSync(dir).sort(), ['config.yaml']);
});
