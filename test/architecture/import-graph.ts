/**
 * The project's import graph, read from the sources (not the build), and the layer rules it must
 * keep. Each file belongs to one layer; a layer may import only the layers listed for it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type Layer =
  | 'bin'
  | 'main'
  | 'commands'
  | 'cli'
  | 'ui'
  | 'wizard'
  | 'steps'
  | 'model'
  | 'cluster'
  | 'helm'
  | 'io'
  | 'errors'
  | 'paths';

/** What each layer may import, besides itself. io and errors are the ground floor: everything may use them. */
export const ALLOWED: Record<Layer, readonly Layer[]> = {
  bin: ['main', 'io'],
  main: ['cli', 'commands', 'io', 'errors', 'paths'],
  // The commands own their orchestration: they alone use the cluster probe and the helm adapter,
  // and they alone read the flags (cli/), so the flag bag never travels below them.
  commands: ['cli', 'ui', 'wizard', 'steps', 'model', 'cluster', 'helm', 'io', 'errors', 'paths'],
  cli: ['errors'],
  ui: ['wizard', 'steps', 'model', 'io', 'errors'],
  wizard: ['steps', 'model', 'io', 'errors'],
  steps: ['model'],
  model: ['io', 'errors', 'paths'],
  cluster: ['model', 'io', 'errors'],
  helm: ['io', 'errors'],
  io: ['errors'],
  errors: [],
  paths: [],
};

/** Only these layers may load React or Ink: nothing below the screens draws. */
export const DRAWING_LAYERS: readonly Layer[] = ['ui'];
const DRAWING_PACKAGES = /^(react|ink)(\/|$)|^ink-/;

export interface SourceFile {
  /** Path from the repository root, with `/`. */
  path: string;
  /** Project files it imports (repository paths), static or dynamic, types included. */
  imports: string[];
  /** Packages it imports (bare specifiers). */
  packages: string[];
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Every .ts/.tsx file under `dirs` of `root`, with what it imports. */
export function readSources(root: string, dirs: readonly string[]): SourceFile[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return files.map((f) => parseSource(relative(root, f).split('\\').join('/'), readFileSync(f, 'utf8')));
}

export function parseSource(path: string, text: string): SourceFile {
  const imports: string[] = [];
  const packages: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) {
      const target = resolve('/', dirname(path), spec).slice(1);
      imports.push(target.replace(/\.js$/, /\.tsx?$/.test(target) ? '' : '.ts'));
    } else if (!spec.startsWith('node:')) packages.push(spec);
  }
  return { path, imports, packages };
}

/** The layer of a repository path, or undefined for files outside the rules (tests, scripts). */
export function layerOf(path: string): Layer | undefined {
  const p = path.replace(/\.tsx$/, '.ts');
  if (p.startsWith('steps/')) return 'steps';
  if (p === 'src/main.ts') return 'main';
  if (p === 'src/errors.ts') return 'errors';
  if (p === 'src/paths.ts') return 'paths';
  const m = /^src\/([^/]+)\//.exec(p);
  const dir = m?.[1];
  const layers: Record<string, Layer> = {
    bin: 'bin',
    commands: 'commands',
    cli: 'cli',
    ui: 'ui',
    wizard: 'wizard',
    model: 'model',
    cluster: 'cluster',
    helm: 'helm',
    io: 'io',
  };
  return dir ? layers[dir] : undefined;
}

export interface Violation {
  file: string;
  rule: string;
}

/** `.tsx` sources are imported as `.js`: map an import to the file that exists. */
function resolveTarget(target: string, known: Set<string>): string {
  if (known.has(target)) return target;
  const tsx = target.replace(/\.ts$/, '.tsx');
  return known.has(tsx) ? tsx : target;
}

export function checkLayers(files: SourceFile[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const out: Violation[] = [];
  for (const f of files) {
    const from = layerOf(f.path);
    if (!from) continue;
    for (const raw of f.imports) {
      const target = resolveTarget(raw, known);
      const to = layerOf(target);
      if (!to) out.push({ file: f.path, rule: `imports ${target}, which belongs to no layer` });
      else if (to !== from && !ALLOWED[from].includes(to)) {
        out.push({ file: f.path, rule: `${from} may not import ${to} (${target})` });
      }
    }
    if (!DRAWING_LAYERS.includes(from)) {
      for (const p of f.packages.filter((x) => DRAWING_PACKAGES.test(x))) {
        out.push({ file: f.path, rule: `${from} may not load ${p}: only ${DRAWING_LAYERS.join(', ')} draws` });
      }
    }
  }
  return out;
}

/** Every circle of files (strongly connected components of more than one file, or a file importing itself). */
export function findCycles(files: SourceFile[]): string[][] {
  const known = new Set(files.map((f) => f.path));
  const edges = new Map(
    files.map((f) => [f.path, f.imports.map((i) => resolveTarget(i, known)).filter((i) => known.has(i))]),
  );
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const f of files) if (!idx.has(f.path)) visit(f.path);
  return cycles;
}
