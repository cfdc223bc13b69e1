/**
 * The published package starts with no runtime dependency: package.json declares none, and the
 * bundle in dist/bin imports nothing but Node's own modules (the Kubernetes client included).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const bin = join(repoRoot, 'dist', 'bin');

test('package.json declares no runtime dependency', () => {
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    assert.deepEqual(Object.keys(pkg[field] ?? {}), [], field);
});

test('the bundle imports only Node built-ins (ws optional speed-ups aside), and ships the notices', () => {
  const bare = new Set<string>();
  for (const f of readdirSync(bin).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(bin, f), 'utf8');
    // Static and dynamic imports and require calls; a specifier inside a string literal (ajv's
    // generated-code hints) is preceded by a quote and is no import.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|[^'"\w.]require\s*\(\s*)"([@\w.][\w@./:-]*)"/g))
      if (!m[1].startsWith('.') && !isBuiltin(m[1])) bare.add(m[1]);
  }
  assert.deepEqual([...bare].filter((s) => s !== 'bufferutil' && s !== 'utf-8-validate').sort(), []);
  const notices = readFileSync(join(bin, 'THIRD-PARTY-NOTICES'), 'utf8');
  assert.match(notices, /@kubernetes\/client-node@[\d.]+ \(Apache-2\.0\)/);
  assert.match(notices, /react@[\d.]+ \(MIT\)/);
  assert.ok(existsSync(join(bin, 'cli.js')));
});
