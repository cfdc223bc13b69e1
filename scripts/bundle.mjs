// Bundles the compiled CLI (dist/src) into dist/bin, the package's bin. Node 20 spends most of the
// wizard's start-up resolving and linking the hundreds of small files Ink and React are made of;
// one set of chunks halves the time to the first frame. Lazy imports stay lazy (code splitting), and
// the Kubernetes client stays outside: it loads after the first frame, from node_modules.
import { build } from 'esbuild';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { narrowWidths } from './narrow-widths.mjs';

/** Licences whose terms a notice satisfies; anything else stops the build until someone looks. */
const PERMISSIVE = new Set([
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Python-2.0',
]);

/** The MIT terms, for packages that name the licence but ship no text of it. */
const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

// Built beside and swapped in, so a CLI started meanwhile (a test, a second terminal) finds a whole bin.
const target = 'dist/bin';
const outdir = `dist/bin.${process.pid}.partial`;
const result = await build({
  // The probe's worker thread (src/cluster/probe-thread.ts) is an entry of its own, beside cli.js.
  entryPoints: { cli: 'dist/src/bin/cli.js', 'probe-worker': 'dist/src/cluster/probe-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  // Keeps stack traces of POLYAXON_SETUP_DEBUG readable enough to report.
  keepNames: true,
  // Everything is bundled, so the published package has no runtime dependency: TypeBox (only its
  // type builders are imported) and the Kubernetes client too, which stays its own lazy chunk
  // (loaded when a command first talks to the cluster; the wizard's probe loads it on its worker
  // thread, beside the first frame). Bundled, it loads from a few files instead of 826.
  // Left out: ws's optional native speed-ups (it falls back to JS when they are missing).
  external: ['bufferutil', 'utf-8-validate'],
  metafile: true,
  // React's production build: the development one costs about a third of Ink's start-up and checks
  // nothing a user can act on. (Only the bundle sees this; tests run dist/src with React as it is.)
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS inside the bundle (React) calls require for Node's own modules.
  banner: {
    js: "import { createRequire as __polyaxonSetupRequire } from 'node:module'; const require = __polyaxonSetupRequire(import.meta.url);",
  },
  plugins: [
    narrowWidths,
    {
      // A chart line's key table as its JSON text, parsed when the line is first asked for
      // (src/model/lines/own-keys.ts): five tables as object literals cost about 9 ms to compile
      // on every run, as strings about 1 ms.
      name: 'key-tables-as-text',
      setup(b) {
        b.onLoad({ filter: /model[\\/]lines[\\/]keys-[\d.]+\.json$/ }, async (a) => {
          const text = JSON.stringify(JSON.parse(await readFile(a.path, 'utf8')));
          return { contents: `export default ${JSON.stringify(text)};`, loader: 'js' };
        });
      },
    },
    {
      // Ink connects to React DevTools only when DEV=true; the package is not a dependency.
      name: 'no-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
          contents: 'export default { connectToDevTools() {} };',
          loader: 'js',
        }));
      },
    },
    {
      // node-fetch 2 (the Kubernetes client's) takes Node's own URL and keeps whatwg-url only for
      // runtimes without one; its Unicode table alone is 260 KB to compile on every cluster command.
      name: 'node-fetch-with-node-url',
      setup(b) {
        b.onResolve({ filter: /^whatwg-url$/ }, (a) =>
          /[\\/]node-fetch[\\/]/.test(a.importer) ? { path: 'whatwg-url', namespace: 'node-url' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({
          contents: "module.exports = { URL: require('node:url').URL };",
          loader: 'js',
        }));
      },
    },
    {
      // Yoga's WebAssembly is inlined as a data: URL, which it decodes itself when there is no
      // `fetch`; with one, it fetches the data: URL, and that loads Node's whole HTTP client (about
      // 50 ms before the first frame). So the question is answered here: no fetch.
      name: 'yoga-without-fetch',
      setup(b) {
        b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, async (a) => {
          const source = await readFile(a.path, 'utf8');
          const contents = source.replaceAll('typeof fetch', '"undefined"');
          if (contents === source) throw new Error(`yoga-without-fetch: no \`typeof fetch\` in ${a.path} any more`);
          return { contents, loader: 'js' };
        });
      },
    },
  ],
  logLevel: 'warning',
});
await writeFile(join(outdir, 'THIRD-PARTY-NOTICES'), await notices(result.metafile));
await rm(`${target}.old`, { recursive: true, force: true });
await rename(target, `${target}.old`).catch((e) => {
  if (e.code !== 'ENOENT') throw e;
});
await rename(outdir, target);
await rm(`${target}.old`, { recursive: true, force: true });

/**
 * The packages whose code is in the bundle (from esbuild's metafile), each with its licence text:
 * the package ships them as THIRD-PARTY-NOTICES, since it ships their code.
 */
async function notices(metafile) {
  const roots = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) roots.add(m[1]);
  }
  const seen = new Map();
  for (const root of roots) {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) continue;
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.[0]?.type);
    const ids = String(license ?? '')
      .replace(/[()]/g, '')
      .split(/ OR | AND /);
    if (!ids.some((id) => PERMISSIVE.has(id.trim())))
      throw new Error(`bundle: ${key} is licensed "${license}", not a licence this bundle may ship with a notice`);
    const files = (await readdir(root)).filter((f) => /^(licen[cs]e|copying|notice)/i.test(f)).sort();
    const texts = await Promise.all(files.map((f) => readFile(join(root, f), 'utf8')));
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    const fallback = `${license} licence; the package ships no licence file.${author ? ` Copyright (c) ${author}.` : ''}${license === 'MIT' ? `\n\n${MIT}` : ''}`;
    seen.set(key, { license, text: texts.join('\n').trim() || fallback });
  }
  const parts = [...seen.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { license, text }]) => `${'-'.repeat(72)}\n${key} (${license})\n\n${text}\n`);
  return `polyaxon-setup bundles code from the packages below; their licences follow.\n\n${parts.join('\n')}`;
}
