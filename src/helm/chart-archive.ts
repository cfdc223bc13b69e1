/**
 * The files of a chart, from a .tgz as `helm pull` writes it or from a chart directory: what
 * chart-reads.ts reads. A .tgz is gzip over ustar; only regular files and their names matter here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ChartFile } from './chart-reads.js';

const TEXT = /\.(ya?ml|tpl|txt|json)$/;

export function chartFiles(path: string): ChartFile[] {
  return statSync(path).isDirectory() ? dirFiles(path) : tarFiles(gunzipSync(readFileSync(path)));
}

function dirFiles(root: string): ChartFile[] {
  const out: ChartFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (TEXT.test(name))
        out.push({ path: join(basename(root), relative(root, p)), text: readFileSync(p, 'utf8') });
      else if (name.endsWith('.tgz')) {
        const sub = tarFiles(gunzipSync(readFileSync(p)));
        const at = relative(root, dir);
        out.push(...sub.map((f) => ({ ...f, path: join(basename(root), at, f.path) })));
      }
    }
  };
  walk(root);
  return out;
}

function tarFiles(tar: Buffer): ChartFile[] {
  const out: ChartFile[] = [];
  let longName: string | undefined;
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) =>
      header
        .subarray(start, start + len)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if ((type === '0' || type === '') && TEXT.test(name)) out.push({ path: name, text: body.toString('utf8') });
    else if ((type === '0' || type === '') && name.endsWith('.tgz')) {
      // A subchart kept packed inside the archive (charts/<name>-<v>.tgz).
      const dir = name.slice(0, name.lastIndexOf('/'));
      out.push(...tarFiles(gunzipSync(body)).map((f) => ({ ...f, path: `${dir}/${f.path}` })));
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** The version a local chart (directory or .tgz) says it is, from its Chart.yaml. */
export function localChartVersion(path: string): string | undefined {
  try {
    const text = statSync(path).isDirectory()
      ? readFileSync(join(path, 'Chart.yaml'), 'utf8')
      : chartFiles(path).find((f) => /^[^/]+\/Chart\.yaml$/.test(f.path))?.text;
    return text ? /^version:\s*["']?([^"'\s]+)/m.exec(text)?.[1] : undefined;
  } catch {
    return undefined;
  }
}
