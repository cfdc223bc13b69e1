// Bundles the compiled CLI (dist/src) into dist/bin, the package's bin. Node 20 spends most of the
// wizard's start-up resolving and linking the hundreds of small files Ink and React are made of;
// one set of chunks halves the time to the first frame. Lazy imports stay lazy (code splitting), and
// the Kubernetes client stays outside: it loads after the first frame, from node_modules.
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';

// Built beside and swapped in, so a CLI started meanwhile (a test, a second terminal) finds a whole bin.
const target = 'dist/bin';
const outdir = `dist/bin.${process.pid}.partial`;
await build({
  entryPoints: { cli: 'dist/src/bin/cli.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  // Keeps stack traces of POLYAXON_SETUP_DEBUG readable enough to report.
  keepNames: true,
  // Everything else is bundled, TypeBox included (pure JS; only its type builders are imported,
  // never its compiler or Value modules, so the values model costs a few kB at start-up).
  external: ['@kubernetes/client-node'],
  // React's production build: the development one costs about a third of Ink's start-up and checks
  // nothing a user can act on. (Only the bundle sees this; tests run dist/src with React as it is.)
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS inside the bundle (React) calls require for Node's own modules.
  banner: {
    js: "import { createRequire as __polyaxonSetupRequire } from 'node:module'; const require = __polyaxonSetupRequire(import.meta.url);",
  },
  plugins: [
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
await rm(`${target}.old`, { recursive: true, force: true });
await rename(target, `${target}.old`).catch((e) => {
  if (e.code !== 'ENOENT') throw e;
});
await rename(outdir, target);
await rm(`${target}.old`, { recursive: true, force: true });
