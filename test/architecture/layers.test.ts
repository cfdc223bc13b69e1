/**
 * The house rules, over the real sources: bin → main → commands → ui → wizard → steps → model;
 * commands alone use the cluster probe, the helm adapter and the flags; io and errors are the
 * ground floor; only ui draws; no circles. The checker itself is tested on small made-up graphs,
 * so a rule that stopped looking would fail here too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageRoot } from '../../src/paths.js';
import { checkLayers, findCycles, layerOf, parseSource, readSources, type SourceFile } from './import-graph.js';

const files = readSources(packageRoot, ['src', 'steps']);

test('the sources are read: every file has a layer, and imports are found', () => {
  assert.ok(files.length > 100, `read ${files.length} files`);
  assert.deepEqual(
    files.filter((f) => !layerOf(f.path)).map((f) => f.path),
    [],
  );
  const main = files.find((f) => f.path === 'src/main.ts');
  assert.ok(main?.imports.includes('src/commands/install.ts'), 'dynamic imports count');
});

test('every import goes down a floor, or stays on its own', () => {
  assert.deepEqual(checkLayers(files), []);
});

test('only the bin imports main, and only main imports the commands', () => {
  const importers = (prefix: string) =>
    files
      .filter((f) => f.imports.some((i) => i.startsWith(prefix)))
      .map((f) => f.path)
      .filter((p) => !p.startsWith(prefix));
  assert.deepEqual(importers('src/main.ts'), ['src/bin/cli.ts']);
  assert.deepEqual(importers('src/commands/'), ['src/main.ts']);
});

test('the helm adapter imports io and errors only; steps import the model only', () => {
  const outside = (dir: string, allowed: RegExp) =>
    files
      .filter((f) => f.path.startsWith(dir))
      .flatMap((f) => f.imports.filter((i) => !i.startsWith(dir) && !allowed.test(i)));
  assert.deepEqual(outside('src/helm/', /^src\/(io\/|errors\.ts$)/), []);
  assert.deepEqual(outside('steps/', /^src\/model\//), []);
});

test('nothing below the screens loads React or Ink', () => {
  const drawing = files.filter(
    (f) => !f.path.startsWith('src/ui/') && f.packages.some((p) => /^(react|ink)(\/|$)|^ink-/.test(p)),
  );
  assert.deepEqual(
    drawing.map((f) => f.path),
    [],
  );
});

test('no circles of imports', () => {
  assert.deepEqual(findCycles(files), []);
});

// The checker on graphs made to break each rule.
const graph = (edges: Record<string, string[]>, packages: Record<string, string[]> = {}): SourceFile[] =>
  Object.entries(edges).map(([path, imports]) => ({ path, imports, packages: packages[path] ?? [] }));

test('checker: an upward import, a stray package and a circle are each caught', () => {
  const up = graph({ 'src/helm/argv.ts': ['src/cli/args.ts'], 'src/cli/args.ts': [] });
  assert.match(checkLayers(up)[0]?.rule ?? '', /helm may not import cli/);
  const ink = graph({ 'src/wizard/flow.ts': [] }, { 'src/wizard/flow.ts': ['ink'] });
  assert.match(checkLayers(ink)[0]?.rule ?? '', /may not load ink/);
  const circle = graph({
    'src/model/a.ts': ['src/model/b.ts'],
    'src/model/b.ts': ['src/model/a.ts'],
    'src/model/c.ts': [],
  });
  assert.deepEqual(findCycles(circle), [['src/model/a.ts', 'src/model/b.ts']]);
});

test('checker: imports are read from static, type, re-export and dynamic forms, not from comments', () => {
  const src = [
    "import { a } from './a.js';",
    "import type { B } from '../model/b.js';",
    "export { c } from './c.js';",
    "const d = await import('../ui/D.js');",
    "// import { e } from './e.js';",
    "import yaml from 'js-yaml';",
    "import { readFile } from 'node:fs/promises';",
  ].join('\n');
  const f = parseSource('src/commands/x.ts', src);
  assert.deepEqual(f.imports, ['src/commands/a.ts', 'src/model/b.ts', 'src/commands/c.ts', 'src/ui/D.ts']);
  assert.deepEqual(f.packages, ['js-yaml']);
});
