/**
 * The bundle's fast path for string-width (scripts/narrow-widths.mjs) measures every line as the
 * copy it stands in front of does: bundled with the plugin, each ESM copy Ink uses gives the same
 * widths as the copy itself, on the wizard's glyphs and on what the fast path must leave alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoRoot } from '../support/paths.js';

type StringWidth = (s: string, o?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** The copies Ink draws with: its own, and the one its wrap-ansi brings (they disagree on ✔). */
const ink = join(repoRoot, 'node_modules', 'ink');
const COPIES = [packageFrom(ink, 'string-width'), packageFrom(packageFrom(ink, 'wrap-ansi'), 'string-width')].map(
  (dir) => relative(repoRoot, dir),
);

function packageFrom(dir: string, name: string): string {
  return dirname(createRequire(join(dir, 'package.json')).resolve(name));
}

/** Lines like the wizard's, and lines the fast path must not answer: wide, combining, emoji, ANSI. */
const LINES = [
  '❯ Deployment type · platform',
  '✔ done … → next',
  '✗ persistence.logs: no storage class → add one',
  '⠋ installing ─│╭╮╰╯ ▸ ↳ ‹back›',
  '§ 3 × 2 – 1 — 0 « » •',
  '✔\uFE0F checked',
  '❤️ heart',
  '中文 namespace',
  'e\u0301 combining',
  '\u001B[1mbold\u001B[22m ✔',
  '\u001B[36m❯ Deployment type\u001B[39m · \u001B[2mplatform\u001B[22m',
  '\u001B[31m中文\u001B[39m',
  '👍🏽 ok',
  '1\uFE0F\u20E3 keycap',
  'a\u200Db zero width',
  '',
];

async function bundled(copy: string, dir: string): Promise<StringWidth> {
  const { narrowWidths } = await import(pathToFileURL(join(repoRoot, 'scripts', 'narrow-widths.mjs')).href);
  const out = join(dir, `${copy.replaceAll('/', '_')}.mjs`);
  await build({
    stdin: {
      contents: `export { default } from ${JSON.stringify(join(repoRoot, copy, 'index.js'))};`,
      resolveDir: repoRoot,
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    plugins: [narrowWidths],
    logLevel: 'silent',
  });
  assert.match(readFileSync(out, 'utf8'), /measuredStringWidth/, `${copy}: the plugin did not put its fast path in`);
  return (await import(pathToFileURL(out).href)).default;
}

/** Random lines from ASCII and the glyphs the wizard draws: widths add up, none joins another. */
function mixed(seed: number, n: number): string[] {
  const glyphs = [...'❯●○✔✗✓·…→↑↓↳‹›«»§×–—•─│╭╮╰╯┌┐└┘▸⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ abcXYZ09-_:./()[]{}'];
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const line = () => Array.from({ length: 1 + (next() % 60) }, () => glyphs[next() % glyphs.length]).join('');
  // A third of them styled, as Ink measures them.
  return Array.from({ length: n }, () => (next() % 3 === 0 ? `\u001B[36m${line()}\u001B[39m` : line()));
}

for (const copy of COPIES) {
  test(`${copy}: the fast path gives the widths the copy gives`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'narrow-widths-'));
    try {
      const original: StringWidth = (await import(pathToFileURL(join(repoRoot, copy, 'index.js')).href)).default;
      const fast = await bundled(copy, dir);
      for (const line of [...LINES, ...mixed(7, 400)]) {
        assert.equal(fast(line), original(line), `${copy}: width of ${JSON.stringify(line)}`);
        assert.equal(
          fast(line, { ambiguousIsNarrow: false }),
          original(line, { ambiguousIsNarrow: false }),
          `${copy}: width of ${JSON.stringify(line)} with ambiguous glyphs wide`,
        );
        assert.equal(
          fast(line, { countAnsiEscapeCodes: true }),
          original(line, { countAnsiEscapeCodes: true }),
          `${copy}: width of ${JSON.stringify(line)} counting escapes`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a copy of string-width with another shape is left as it is, not half patched', async () => {
  const { withNarrowPath } = await import(pathToFileURL(join(repoRoot, 'scripts', 'narrow-widths.mjs')).href);
  assert.equal(withNarrowPath('module.exports = function stringWidth(s) {}', '\\u00b7'), undefined);
});
