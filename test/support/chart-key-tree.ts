/**
 * The keys a chart accepts, with the type its values give: its values.yaml, its subcharts' under
 * their names, and the keys only its templates read (`hostName`), typed "any". The tool checks a
 * chart line's own keys against src/model/lines/keys-*.json, which scripts/line-keys.mjs makes
 * from this and test/chart/line-keys.test.ts holds to the published archives.
 */
import yaml from 'js-yaml';
import { chartReads, type ChartFile } from '../../src/helm/chart-reads.js';
import type { KeyTree, KeyType } from '../../src/model/lines/own-keys.js';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_DEPTH = 6;

export function chartKeyTree(files: readonly ChartFile[]): KeyTree {
  const root = files.find((f) => /^[^/]+\/values\.yaml$/.test(f.path));
  const tree = typed(root ? yaml.load(root.text) : {}, 0) as KeyTree;
  for (const f of files) {
    const m = /^[^/]+\/charts\/([^/]+)\/values\.yaml$/.exec(f.path);
    if (!m) continue;
    const sub = typed(yaml.load(f.text), 1);
    const name = m[1];
    tree[name] = isMap(tree[name]) && isMap(sub) ? mergeTrees(sub, tree[name] as KeyTree) : (tree[name] ?? sub);
  }
  for (const path of chartReads(files)) insert(tree, path);
  return tree;
}

function typed(v: unknown, depth: number): KeyTree | KeyType {
  if (v === null || v === undefined) return 'any';
  if (Array.isArray(v)) return 'list';
  if (isMap(v)) {
    if (Object.keys(v).length === 0) return 'map';
    if (depth >= MAX_DEPTH) return 'any';
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typed(x, depth + 1)]));
  }
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
}

function mergeTrees(low: KeyTree, high: KeyTree): KeyTree {
  const out: KeyTree = { ...low };
  for (const [k, v] of Object.entries(high)) {
    const l = out[k];
    out[k] = isMap(l) && isMap(v) ? mergeTrees(l, v) : v === 'any' && l !== undefined ? l : v;
  }
  return out;
}

function insert(tree: KeyTree, path: readonly string[]): void {
  let cur: KeyTree = tree;
  for (const [i, seg] of path.entries()) {
    if (i >= MAX_DEPTH) return;
    const next = cur[seg];
    if (next === undefined) {
      cur[seg] = i === path.length - 1 ? 'any' : {};
    } else if (!isMap(next)) {
      // A typed leaf the template reads deeper into is a map after all, unless it is free-form.
      if (next !== 'any' && next !== 'map' && i < path.length - 1 && next !== 'list') cur[seg] = {};
      else return;
    }
    cur = cur[seg] as KeyTree;
  }
}
