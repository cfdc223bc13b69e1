/**
 * A chart line's own keys: those it reads that the spec has no name for (`postgresql.enabled`,
 * `externalServices`, `gateway.replicas`...). A layer may give them; they are checked against the
 * types the line's values.yaml gives (keys-<line>.json, made from the published archive by
 * scripts/line-keys.mjs and checked against it by test/chart/line-keys.test.ts) and written as given.
 */
import type { Problem } from '../../errors.js';
import { checks, FIXES } from '../checks.js';
import { getPath, isMap, put } from '../merge.js';
import { schemaAt } from '../schema.js';
import { setPath, splitPath } from './paths.js';
import k06 from './keys-0.6.json' with { type: 'json' };
import k10 from './keys-1.0.json' with { type: 'json' };
import k112 from './keys-1.12.json' with { type: 'json' };
import k113 from './keys-1.13.json' with { type: 'json' };
import k2 from './keys-2.json' with { type: 'json' };
import type { Broker, ChartLine, LineId } from './table.js';

export type KeyType = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'any';
export type KeyTree = { [key: string]: KeyTree | KeyType };

/**
 * The bundle ships each table as its JSON text (scripts/bundle.mjs): a string compiles in a
 * fraction of the time the same table as an object literal does, and most runs only ever ask
 * for one line, so each is parsed the first time it is asked for.
 */
const RAW: Record<LineId, unknown> = { '0.6': k06, '1.0': k10, '1.12': k112, '1.13': k113, '2': k2 };
const TREES = new Map<LineId, KeyTree>();

export function keyTreeOf(line: ChartLine): KeyTree {
  let tree = TREES.get(line.id);
  if (!tree) {
    const raw = RAW[line.id];
    tree = (typeof raw === 'string' ? JSON.parse(raw) : raw) as KeyTree;
    TREES.set(line.id, tree);
  }
  return tree;
}

/**
 * Splits values into what the spec names (validated by the spec's rules) and the line's own keys.
 * A key neither knows stays with the spec's part, whose check names it as unknown.
 */
export interface SplitKeys {
  spec: Record<string, unknown>;
  own: Record<string, unknown>;
  /** Keys of another line this one does not read: not written, and said. */
  foreign: { path: string[]; line: ChartLine }[];
}

export function splitOwnKeys(values: Record<string, unknown>, line: ChartLine, lines: readonly ChartLine[]): SplitKeys {
  const out: SplitKeys = { spec: {}, own: {}, foreign: [] };
  // The newest line that has a key names it best: it is the one the person most likely read.
  const others = lines.filter((l) => l.id !== line.id).reverse();
  out.spec = split(values, [], line, out, others);
  return out;
}

/**
 * Where the line reads a spec path: the spec's names moved as the line's translations move them
 * (`rabbitmq.enabled` is `rabbitmq-ha.enabled` on chart 1.x), so a key given in the line's own
 * name, read back under the spec's, is found in the line's tree and kept under the line's name.
 */
export function linePathOf(line: ChartLine, path: readonly string[]): string[] {
  let out = [...path];
  for (const t of line.translations) {
    if (!('move' in t)) continue;
    const from = splitPath(t.move[0]);
    if (from.length <= out.length && from.every((seg, i) => seg === out[i]))
      out = [...splitPath(t.move[1]), ...out.slice(from.length)];
  }
  return out;
}

/** The reverse of linePathOf: a path under the line's names read back under the spec's. */
export function specPathOf(line: ChartLine, path: readonly string[]): string[] {
  let out = [...path];
  for (const t of [...line.translations].reverse()) {
    if (!('move' in t)) continue;
    const to = splitPath(t.move[1]);
    if (to.length <= out.length && to.every((seg, i) => seg === out[i]))
      out = [...splitPath(t.move[0]), ...out.slice(to.length)];
  }
  return out;
}

/**
 * Where `line` reads what `other` reads at `path` with `value` under it, leaf by leaf
 * (`rabbitmq-ha.enabled` of 1.x is 2.x's `rabbitmq.enabled`); undefined when some leaf has no such key.
 */
export function samePathsOn(
  line: ChartLine,
  other: ChartLine,
  path: readonly string[],
  value: unknown,
): string[][] | undefined {
  const leaves: string[][] = [];
  const walkLeaves = (v: unknown, p: string[]) => {
    if (isMap(v) && Object.keys(v).length) for (const [k, x] of Object.entries(v)) walkLeaves(x, [...p, k]);
    else leaves.push(p);
  };
  walkLeaves(value, [...path]);
  const out: string[][] = [];
  for (const leaf of leaves) {
    const spec = specPathOf(other, leaf);
    if (lineKeyType(line, spec) === undefined) return undefined;
    out.push(linePathOf(line, spec));
  }
  return out;
}

/** What the line's values.yaml says of a key it may read under another name. */
export function lineKeyType(line: ChartLine, specPath: readonly string[]): KeyTree | KeyType | undefined {
  return treeAt(keyTreeOf(line), linePathOf(line, specPath));
}

/**
 * Where the line turns a bundled broker on (`redis.enabled`, `rabbitmq-ha.enabled` on chart 1.x),
 * or undefined when the line has no such subchart (nothing is written for it then).
 */
export function brokerKey(line: ChartLine, broker: Broker): string[] | undefined {
  const spec = [broker, 'enabled'];
  if (!Object.hasOwn(line.bundled, broker) || lineKeyType(line, spec) !== 'boolean') return undefined;
  return linePathOf(line, spec);
}

function treeAt(tree: KeyTree, path: string[]): KeyTree | KeyType | undefined {
  let cur: KeyTree | KeyType | undefined = tree;
  for (const seg of path) {
    if (cur === 'any' || cur === 'map') return cur;
    if (!isMap(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

function split(
  values: Record<string, unknown>,
  path: string[],
  line: ChartLine,
  acc: SplitKeys,
  others: readonly ChartLine[],
): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const p = [...path, k];
    const specNode = schemaAt(p);
    if (specNode) {
      // A spec map the line also has: go down, the line may add keys inside it (ingress.className).
      if (isMap(v) && specNode.properties) {
        const inner = split(v, p, line, acc, others);
        if (Object.keys(inner).length || Object.keys(v).length === 0) put(spec, k, inner);
      } else put(spec, k, v);
    } else if (lineKeyType(line, p) !== undefined) setPath(acc.own, linePathOf(line, p), v);
    else {
      const other = others.find((l) => lineKeyType(l, p) !== undefined);
      if (other) acc.foreign.push({ path: p, line: other });
      else put(spec, k, v);
    }
  }
  return spec;
}

/**
 * Rules on own keys beyond their type, the same wherever they come from (-f, --set, validate,
 * the wizard's Database step): a value the chart would pass on unchecked to Polyaxon.
 */
export interface OwnRule {
  path: string[];
  check: keyof typeof FIXES;
  run: (v: unknown) => string | undefined;
}

export const OWN_RULES: readonly OwnRule[] = [
  {
    path: ['externalServices', 'postgresql', 'host'],
    check: 'hostOrIp',
    run: (v) => (typeof v === 'string' ? checks.hostOrIp(v) : `${String(v)} is not a host name`),
  },
  { path: ['externalServices', 'postgresql', 'port'], check: 'port', run: (v) => checks.port(v) },
];

/** Type problems of the line's own keys, named by path, then the rules of OWN_RULES. */
export function checkOwnKeys(own: Record<string, unknown>, line: ChartLine, source?: string): Problem[] {
  const out: Problem[] = [];
  walk(own, keyTreeOf(line), [], out, line, source);
  for (const r of OWN_RULES) {
    const v = getPath(own, r.path);
    if (v === undefined || v === null) continue;
    const message = r.run(v);
    if (message)
      out.push({
        field: `${r.path.join('.')}${source ? ` (from ${source})` : ''}`,
        message,
        fix: FIXES[r.check],
        severity: 'error',
      });
  }
  return out;
}

const TYPE_WORDS: Record<Exclude<KeyType, 'any'>, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  list: 'a list',
  map: 'a map',
};

function walk(v: unknown, node: KeyTree | KeyType, path: string[], out: Problem[], line: ChartLine, src?: string) {
  const field = `${path.join('.')}${src ? ` (from ${src})` : ''}`;
  const bad = (expected: string) =>
    out.push({
      field,
      message: `is ${describe(v)}; ${line.label} reads ${expected} here`,
      fix: `Give ${path.join('.')} ${expected}, as the chart's values.yaml does.`,
      severity: 'error',
    });
  if (v === null || node === 'any') return;
  if (node === 'string') {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') bad(TYPE_WORDS.string);
  } else if (node === 'number') {
    if (typeof v !== 'number') bad(TYPE_WORDS.number);
  } else if (node === 'boolean') {
    if (typeof v !== 'boolean') bad(TYPE_WORDS.boolean);
  } else if (node === 'list') {
    if (!Array.isArray(v)) bad(TYPE_WORDS.list);
  } else if (node === 'map') {
    if (!isMap(v)) bad(TYPE_WORDS.map);
  } else if (!isMap(v)) bad(TYPE_WORDS.map);
  else {
    for (const [k, x] of Object.entries(v)) {
      if (!Object.hasOwn(node, k)) {
        out.push({
          field: `${[...path, k].join('.')}${src ? ` (from ${src})` : ''}`,
          message: `is not a key ${line.label} reads`,
          fix: `Remove it, or check its spelling against the chart's values.yaml (${path.join('.')} has ${Object.keys(node).slice(0, 6).join(', ')}${Object.keys(node).length > 6 ? ', ...' : ''}).`,
          severity: 'error',
        });
      } else walk(x, node[k], [...path, k], out, line, src);
    }
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  return typeof v === 'string' ? 'text' : `${typeof v}`;
}
