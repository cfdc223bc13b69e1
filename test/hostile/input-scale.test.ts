/** Inputs that cost: alias bombs, self-referencing aliases, deep nesting, thousands of --set flags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/errors.js';
import { parseValuesText, setLayers } from '../../src/model/layers.js';
import { mergeLayerValues } from '../../src/model/sources.js';
import { runCli, tempDir } from '../support/run-cli.js';

/** 9 levels of 9 aliases: under 400 bytes, 9^9 strings expanded. */
function bomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let prev = 'a';
  for (const n of 'bcdefghi') {
    lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
    prev = n;
  }
  lines.push('ingress:\n  annotations:\n    x: *i');
  return `${lines.join('\n')}\n`;
}

test('an alias bomb is refused by the reader, before anything copies it', () => {
  const t0 = performance.now();
  assert.throws(() => parseValuesText(bomb(), '-f bomb.yaml'), /expands to more than/);
  assert.ok(performance.now() - t0 < 2000, 'refused at once');
});

test('an alias to a node that contains it is refused', () => {
  assert.throws(() => parseValuesText('ingress: &x\n  annotations:\n    y: *x\n', '-f self.yaml'), /contains it/);
});

test('aliases that expand to little are fine', () => {
  const v = parseValuesText('a: &t {key: x}\ntolerations: [*t, *t]\n', '-f ok.yaml') as any;
  assert.deepEqual(v.tolerations, [{ key: 'x' }, { key: 'x' }]);
});

for (const [name, text, word] of [
  ['alias bomb', bomb(), /expands to more than/],
  ['self alias', 'ingress: &x\n  annotations:\n    y: *x\n', /contains it/],
  ['deep nesting', `ingress:\n  annotations:\n    x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /nest|depth/i],
] as [string, string, RegExp][]) {
  test(`-f ${name}: exit 3, nothing written`, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'v.yaml'), text);
    const r = await runCli(['-p', 'minikube', '-y', '--no-install', '-f', 'v.yaml'], { cwd: dir, timeoutMs: 30_000 });
    assert.equal(r.exitCode, ExitCode.InvalidConfig, r.stderr);
    assert.match(r.stderr, word);
    assert.ok(!existsSync(join(dir, 'config.yaml')));
  });
}

test('--set nested 3,000 levels deep: exit 3, no stack overflow', async () => {
  const r = await runCli(['-p', 'minikube', '-y', '--no-install', '--set', `${'a.'.repeat(3000)}b=1`], {
    cwd: tempDir(),
  });
  assert.equal(r.exitCode, ExitCode.InvalidConfig, r.stderr);
  assert.match(r.stderr, /nested deeper than/);
  assert.ok(r.stderr.length < 2000, 'the message does not repeat the whole key');
});

test('merging --set layers is linear: 4x the flags, well under 16x the time', () => {
  const run = (n: number) => {
    const layers = setLayers(
      Array.from({ length: n }, (_, i) => `ingress.annotations.k${i}=v`),
      [],
    ).map((l) => l.values);
    const t0 = performance.now();
    mergeLayerValues(...layers);
    return performance.now() - t0;
  };
  run(500); // warm up
  const small = Math.max(run(1000), 1);
  const big = run(4000);
  assert.ok(big / small < 10, `1000 flags ${small.toFixed(0)} ms, 4000 flags ${big.toFixed(0)} ms`);
});
