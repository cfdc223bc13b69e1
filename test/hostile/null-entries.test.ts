/** Null list entries, as helm's --set pads them and as a file may hold them: an error, never a crash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/errors.js';
import { validateValues } from '../../src/model/validate.js';
import { setLayers } from '../../src/model/layers.js';
import { runCli, tempDir } from '../support/run-cli.js';

test('--set tolerations[1].key pads index 0 with null, as helm does', () => {
  const [l] = setLayers(['tolerations[1].key=a'], []);
  assert.deepEqual(JSON.parse(JSON.stringify(l.values)), { tolerations: [null, { key: 'a' }] });
});

test('validateValues names a null entry instead of throwing', () => {
  for (const v of [{ tolerations: [null] }, { ingress: { tls: [null] } }, { allowedHosts: [null] }]) {
    const problems = validateValues(v as never);
    assert.ok(
      problems.some((p) => p.severity === 'error' && /\[0\]$/.test(p.field) && /empty entry/.test(p.message)),
      JSON.stringify(problems),
    );
  }
});

const cases: [string, string[], string?][] = [
  ['--set tolerations[1].key=a', ['--set', 'tolerations[1].key=a']],
  ['--set resourcesDaemon.tolerations[2].key=a', ['--set', 'resourcesDaemon.tolerations[2].key=a']],
  ['tls: [null]', ['-f', 'v.yaml'], 'ingress:\n  tls: [null]\n'],
  ['tolerations: [null]', ['-f', 'v.yaml'], 'tolerations: [null]\n'],
  ['allowedHosts: [null]', ['-f', 'v.yaml'], 'allowedHosts: [null]\n'],
  ['tls hosts [null]', ['-f', 'v.yaml'], 'ingress:\n  tls:\n    - secretName: a\n      hosts: [null]\n'],
];
for (const [what, args, file] of cases) {
  for (const cmd of ['install', 'validate']) {
    test(`${cmd} ${what}: exit 3 naming the entry, nothing written`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'v.yaml'), file ?? 'tolerations: []\n');
      const argv =
        cmd === 'install'
          ? ['-p', 'minikube', '-y', '--no-install', ...args]
          : file
            ? ['validate', 'v.yaml']
            : ['validate', 'v.yaml', ...args];
      if (cmd === 'validate' && !file) return; // validate reads a file only
      const r = await runCli(argv, { cwd: dir });
      assert.equal(r.exitCode, ExitCode.InvalidConfig, r.stderr + r.stdout);
      assert.match(r.stderr, /empty entry/);
      assert.doesNotMatch(r.stderr, /Internal error/);
      assert.ok(!existsSync(join(dir, 'config.yaml')));
    });
  }
}
