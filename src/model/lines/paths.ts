/** Dotted paths over plain value maps, with `\.` for a dot inside a key (helm's --set spelling). */
import { getPath, isMap, put } from '../merge.js';

export function splitPath(p: string): string[] {
  return p.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
}

export function readPath(root: Record<string, unknown>, p: string): unknown {
  return getPath(root, splitPath(p));
}

/** Removes a key and the maps it leaves empty above it, which the person never wrote. */
export function removePath(root: Record<string, unknown>, path: string[]): void {
  const parent = getPath(root, path.slice(0, -1));
  if (!isMap(parent)) return;
  delete parent[path[path.length - 1]];
  if (path.length > 1 && Object.keys(parent).length === 0) removePath(root, path.slice(0, -1));
}

export function setPath(root: Record<string, unknown>, path: string[], v: unknown): void {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    if (!Object.hasOwn(cur, seg) || !isMap(cur[seg])) put(cur, seg, {});
    cur = cur[seg] as Record<string, unknown>;
  }
  put(cur, path[path.length - 1], v);
}
