import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execProcess, ExecStartError } from '../../src/io/exec.js';

test('exit code and both streams come back without throwing', async () => {
  const r = await execProcess('sh', ['-c', 'echo out; echo err >&2; exit 3']);
  assert.deepEqual(r, { exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
});

test('argv is passed as is: no shell re-reads a value', async () => {
  const r = await execProcess('printf', ['%s|', 'a b', '$(echo no)', '"q"']);
  assert.equal(r.stdout, 'a b|$(echo no)|"q"|');
});

test('a missing program is an ExecStartError naming it', async () => {
  await assert.rejects(
    execProcess('polyaxon-no-such-binary', []),
    (e: unknown) => e instanceof ExecStartError && e.code === 'ENOENT' && /polyaxon-no-such-binary/.test(e.message),
  );
});

test('a timeout ends the process', async () => {
  const t0 = Date.now();
  const r = await execProcess('sleep', ['10'], { timeoutMs: 200 });
  assert.notEqual(r.exitCode, 0);
  assert.ok(Date.now() - t0 < 5000);
});

test('output is streamed as it comes, and stdin can be fed', async () => {
  const chunks: string[] = [];
  const r = await execProcess('cat', [], { input: 'hello', onOutput: (c) => chunks.push(c) });
  assert.equal(r.stdout, 'hello');
  assert.equal(chunks.join(''), 'hello');
});
