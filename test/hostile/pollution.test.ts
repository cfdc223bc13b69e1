/** Keys named like Object's own members are data: never known keys, never a prototype. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setLayers, checkLayers } from '../../src/model/layers.js';
import { mergeValues } from '../../src/model/merge.js';
import { ExitCode } from '../../src/errors.js';
import { runCli, tempDir } from '../support/run-cli.js';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

test('--set __proto__.x never reaches Object.prototype, and is an unknown key', () => {
  const [layer] = setLayers(['__proto__.user=0,__proto__.polluted=1'], []);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).user, undefined);
  assert.ok(Object.hasOwn(layer.values, '__proto__'));
  const problems = checkLayers([layer]);
  assert.ok(
    problems.some((p) => p.field.startsWith('__proto__') && /not a key/.test(p.message)),
    JSON.stringify(problems),
  );
});

for (const name of NAMES) {
  test(`"${name}" is not a known key, at the top and nested`, () => {
    for (const expr of [`${name}=1`, `securityContext.${name}=1`, `ingress.${name}.x=1`]) {
      const problems = checkLayers(setLayers([expr], []));
      assert.ok(
        problems.some((p) => p.severity === 'error' && /not a key/.test(p.message)),
        `${expr}: ${JSON.stringify(problems)}`,
      );
    }
  });
}

test('merging a layer holding __proto__ keeps it as data', () => {
  const over = JSON.parse('{"__proto__": {"user": 0}, "a": 1}') as Record<string, unknown>;
  const merged = mergeValues({ b: 2 } as never, over as never) as Record<string, unknown>;
  assert.ok(Object.hasOwn(merged, '__proto__'));
  assert.equal((merged as { user?: unknown }).user, undefined);
});

for (const [what, args, file] of [
  ['--set __proto__.user=0', ['--set', '__proto__.user=0'], undefined],
  ['--set constructor=1', ['--set', 'constructor=1'], undefined],
  ['--set securityContext.toString=1', ['--set', 'securityContext.toString=1'], undefined],
  ['-f with hasOwnProperty', ['-f', 'v.yaml'], 'persistence:\n  hasOwnProperty: 1\n'],
  ['-f with __proto__', ['-f', 'v.yaml'], '__proto__:\n  user: 0\n'],
] as [string, string[], string | undefined][]) {
  test(`${what}: exit 3 naming the key, nothing written`, async () => {
    const dir = tempDir();
    if (file) writeFileSync(join(dir, 'v.yaml'), file);
    const r = await runCli(['-p', 'minikube', '-y', '--no-install', ...args], { cwd: dir });
    assert.equal(r.exitCode, ExitCode.InvalidConfig, r.stderr + r.stdout);
    assert.match(r.stderr, /is not a key/);
    assert.ok(
      !existsSync(join(dir, 'config.yaml')),
      existsSync(join(dir, 'config.yaml')) ? readFileSync(join(dir, 'config.yaml'), 'utf8') : '',
    );
  });
}
