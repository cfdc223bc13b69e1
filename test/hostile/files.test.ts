/**
 * Files that are not what they should be: each a clear error naming the path and the fix (exit
 * 2 for -o, 3 for -f and answers files, 4 for a kubeconfig), nothing written, nothing hanging.
 * Devices are ones this test makes itself (mknod in a temp dir), never /dev/null or /dev/full.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/errors.js';
import { readResume } from '../../src/commands/support/resume.js';
import { removeStaleTemps, writeFileSafely } from '../../src/io/write-file.js';
import { FileError } from '../../src/io/files.js';
import { runCli, tempDir } from '../support/run-cli.js';

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A character device like /dev/zero, in a folder of the test's own; undefined without the right to make one. */
function zeroDevice(dir: string): string | undefined {
  const p = join(dir, 'zero');
  try {
    execFileSync('mknod', [p, 'c', '1', '5'], { stdio: 'ignore' });
    return p;
  } catch {
    return undefined;
  }
}

function scene(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'adir'));
  writeFileSync(join(dir, 'afile'), 'x');
  symlinkSync('loop', join(dir, 'loop'));
  mkfifo(join(dir, 'fifo'));
  return dir;
}

const listing = (dir: string) => readdirSync(dir).sort();

const outputs: [string, string, RegExp][] = [
  ['a directory', 'adir', /is a directory/],
  ['.', '.', /not a file name/],
  ["''", '', /not a file name/],
  ['a path through a file', 'afile/config.yaml', /goes through a file/],
  ['a symlink loop', 'loop', /symbolic link loop/],
  ['a 300-character name', 'n'.repeat(300), /too long/],
  ['a FIFO', 'fifo', /FIFO/],
];
for (const [what, o, message] of outputs) {
  test(`-o ${what}: exit 2 naming the path, nothing written`, async () => {
    const dir = scene();
    const before = listing(dir);
    const r = await runCli(['-p', 'minikube', '-y', '--no-install', '-o', o], { cwd: dir, timeoutMs: 30_000 });
    assert.equal(r.exitCode, ExitCode.Usage, r.stderr);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /Internal error/);
    assert.deepEqual(listing(dir), before);
  });
}

const inputs: [string, string, RegExp][] = [
  ['a directory', 'adir', /is a directory/],
  ['a FIFO', 'fifo', /FIFO/],
  ['missing', 'nope.yaml', /no such file/],
  ['a symlink loop', 'loop', /symbolic link loop/],
];
for (const [what, f, message] of inputs) {
  test(`-f ${what}: exit 3 naming the path, no hang`, async () => {
    const dir = scene();
    const r = await runCli(['-p', 'minikube', '-y', '--no-install', '-f', f], { cwd: dir, timeoutMs: 30_000 });
    assert.equal(r.exitCode, ExitCode.InvalidConfig, r.stderr);
    assert.match(r.stderr, message);
    assert.match(r.stderr, new RegExp(`-f ${f}`));
    assert.ok(!listing(dir).includes('config.yaml'));
  });
}

test('-f, -o and KUBECONFIG on a device: refused, nothing read or replaced', async (t) => {
  const dir = scene();
  const dev = zeroDevice(dir);
  if (!dev) return t.skip('cannot make a device node here');
  const f = await runCli(['-p', 'minikube', '-y', '--no-install', '-f', dev], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(f.exitCode, ExitCode.InvalidConfig, f.stderr);
  assert.match(f.stderr, /is a device/);
  const o = await runCli(['-p', 'minikube', '-y', '--no-install', '-o', dev], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(o.exitCode, ExitCode.Usage, o.stderr);
  assert.match(o.stderr, /is a device/);
  const k = await runCli(['doctor'], { cwd: dir, env: { KUBECONFIG: dev, HOME: dir }, timeoutMs: 30_000 });
  assert.equal(k.exitCode, ExitCode.ClusterUnreachable, k.stderr);
  assert.match(k.stderr, /kubeconfig .*zero: is a device/);
});

test('KUBECONFIG and --kubeconfig on a FIFO: exit 4 at once, not a hang', async () => {
  const dir = scene();
  const env = { KUBECONFIG: join(dir, 'fifo'), HOME: dir };
  const a = await runCli(['doctor'], { cwd: dir, env, timeoutMs: 30_000 });
  assert.equal(a.exitCode, ExitCode.ClusterUnreachable, a.stderr);
  assert.match(a.stderr, /FIFO/);
  const b = await runCli(['doctor', '--kubeconfig', join(dir, 'fifo')], {
    cwd: dir,
    env: { HOME: dir },
    timeoutMs: 30_000,
  });
  assert.equal(b.exitCode, ExitCode.ClusterUnreachable, b.stderr);
});

test('a broken answers file under --resume is a ConfigError naming it and the fix', async () => {
  const dir = scene();
  for (const [name, make] of [
    ['a directory', (p: string) => mkdirSync(p)],
    ['a FIFO', (p: string) => mkfifo(p)],
    ['bad JSON', (p: string) => writeFileSync(p, '{bad')],
  ] as [string, (p: string) => void][]) {
    const p = join(dir, `answers-${name.replace(/ /g, '-')}.json`);
    make(p);
    await assert.rejects(readResume(p), (e: any) => {
      assert.equal(e.exitCode, ExitCode.InvalidConfig, name);
      assert.ok(e.message.includes(p), e.message);
      assert.match(e.problems[0].fix, /delete/i);
      return true;
    });
  }
});

test('writeFileSafely refuses what is not a regular file, with a FileError', async () => {
  const dir = scene();
  for (const p of ['adir', 'fifo', 'loop', 'afile/x']) {
    await assert.rejects(writeFileSafely(join(dir, p), 'a: 1\n', { secret: false, now: new Date() }), FileError);
  }
});

test('a temp file left by a killed run is removed by the next write to the same target', async () => {
  const dir = tempDir();
  // pid 2^22+ is above Linux's pid_max default range: no such process
  const stale = '.config.yaml.4194999.0a1b2c3d.tmp';
  writeFileSync(join(dir, stale), 'user:\n  password: old\n', { mode: 0o600 });
  writeFileSync(join(dir, '.other.yaml.4194999.0a1b2c3d.tmp'), 'x');
  await writeFileSafely(join(dir, 'config.yaml'), 'a: 1\n', { secret: true, now: new Date() });
  assert.deepEqual(listing(dir), ['.other.yaml.4194999.0a1b2c3d.tmp', 'config.yaml']);
  assert.deepEqual(await removeStaleTemps(join(dir, 'config.yaml')), []);
});

test('--release is validated: a flag-like, upper-case or too long name exits 2', async () => {
  for (const rel of ['--foo', '-x', 'Polyaxon', 'a'.repeat(54), 'a_b', '']) {
    const r = await runCli(['-p', 'minikube', '-y', '--no-install', `--release=${rel}`], { cwd: tempDir() });
    assert.equal(r.exitCode, ExitCode.Usage, `${rel}: ${r.stderr}`);
    assert.match(r.stderr, /--release/);
  }
  const ok = await runCli(['-p', 'minikube', '-y', '--no-install', '--release', 'px.ml-1'], { cwd: tempDir() });
  assert.equal(ok.exitCode, 0, ok.stderr);
});
