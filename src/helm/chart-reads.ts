/**
 * Which values a chart reads, from its templates and its subcharts' templates: `helm show values`
 * lists neither the keys templates read without a default (`hostName`, `allowedHosts`) nor the keys
 * a subchart reads under its name, and it lists keys no template reads (`namespace` on 1.x and 2.x).
 * So the drift guard and the tests ask the templates.
 *
 * This is a reader of Go templates good enough for charts, not a parser: it follows `.Values.a.b`,
 * `index .Values "a-b" "c"`, `$var := .Values.a` then `$var.b`, and `with .Values.a` blocks. A key
 * read whole (`toYaml .Values.nodeSelector`) covers everything under it.
 */

/** One file of a chart, its path inside the archive (`polyaxon/templates/x.yaml`). */
export interface ChartFile {
  path: string;
  text: string;
}

/** Dotted paths read by the templates, as arrays of segments. */
export type ReadPaths = string[][];

const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
const SEG = /^\.([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * The read paths of a whole chart (its root directory name is the first path segment). A named
 * template counts only when something renders it: 2.x defines `ssl.mount` and never includes it.
 */
export function chartReads(files: readonly ChartFile[]): ReadPaths {
  const top: ReadPaths = [];
  const roots: string[] = [];
  const defines = new Map<string, { reads: ReadPaths; includes: string[] }>();
  for (const f of files) {
    const parts = f.path.split('/');
    const t = parts.lastIndexOf('templates');
    if (t < 1 || !/\.(ya?ml|tpl|txt)$/.test(f.path)) continue;
    // charts/<name>/ between the root and templates/: each level prefixes the subchart's name.
    const prefix: string[] = [];
    for (let i = 1; i < t; i++) if (parts[i - 1] === 'charts') prefix.push(parts[i].replace(/\.tgz$/, ''));
    const scan = scanTemplate(f.text);
    top.push(...scan.top.map((p) => [...prefix, ...p]));
    roots.push(...scan.includes);
    for (const [name, d] of scan.defines) {
      const prev = defines.get(name) ?? { reads: [], includes: [] };
      prev.reads.push(...d.reads.map((p) => [...prefix, ...p]));
      prev.includes.push(...d.includes);
      defines.set(name, prev);
    }
  }
  const seen = new Set<string>();
  const out = [...top];
  for (let queue = roots; queue.length > 0;) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const d = defines.get(name);
    if (!d) continue;
    out.push(...d.reads);
    queue.push(...d.includes);
  }
  return dedupe(out);
}

interface Scan {
  top: ReadPaths;
  includes: string[];
  defines: Map<string, { reads: ReadPaths; includes: string[] }>;
}

function scanTemplate(text: string): Scan {
  const scan: Scan = { top: [], includes: [], defines: new Map() };
  const vars = new Map<string, string[]>();
  // The block stack: what `.` means inside each block (undefined: not a values path), and the
  // named template being defined, if any.
  const blocks: { dot: string[] | undefined; define?: string }[] = [];
  const dot = () => blocks[blocks.length - 1]?.dot;
  const current = () => [...blocks].reverse().find((b) => b.define)?.define;
  for (const m of text.matchAll(ACTION)) {
    const body = m[1].trim();
    if (body.startsWith('/*')) continue;
    if (body === 'end' || body.startsWith('end ')) {
      blocks.pop();
      continue;
    }
    const opener = /^(with|range|if|define|block|else\s+with|else\s+if|else)\b/.exec(body)?.[1];
    const inDefine = current();
    const sink = inDefine ? defineOf(scan, inDefine) : { reads: scan.top, includes: scan.includes };
    sink.reads.push(...references(body, vars, dot()).map((r) => r.path));
    for (const inc of body.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)) sink.includes.push(inc[1]);
    const assigned = /^\$([A-Za-z_]\w*)\s*:?=\s*(.*)$/s.exec(body);
    if (assigned) {
      const ref = references(assigned[2], vars, dot())[0];
      if (ref && ref.at === 0) vars.set(assigned[1], ref.path);
    }
    if (opener === 'with' || opener === 'range') {
      const expr = body.slice(opener.length).trim();
      const ranged = /^\$\w+\s*(?:,\s*\$\w+\s*)?:=\s*(.*)$/s.exec(expr);
      const ref = references(ranged ? ranged[1] : expr, vars, dot())[0];
      // A range's `.` is an element: the list itself counts as read, which `ref` already says.
      blocks.push({ dot: opener === 'with' && ref ? ref.path : undefined });
    } else if (opener === 'define' || opener === 'block') {
      const name = /^(?:define|block)\s+"([^"]+)"/.exec(body)?.[1];
      blocks.push({ dot: undefined, define: name });
      if (opener === 'block' && name) sink.includes.push(name);
    } else if (opener === 'if') {
      blocks.push({ dot: dot() });
    }
  }
  return scan;
}

function defineOf(scan: Scan, name: string) {
  let d = scan.defines.get(name);
  if (!d) scan.defines.set(name, (d = { reads: [], includes: [] }));
  return d;
}

interface Ref {
  path: string[];
  at: number;
}

/** The values paths named in one action, in order. */
function references(body: string, vars: Map<string, string[]>, dot: string[] | undefined): Ref[] {
  const out: Ref[] = [];
  // index .Values "a" "b" (and index $.Values ...)
  for (const m of body.matchAll(/\bindex\s+\$?[A-Za-z_]*\.Values((?:\.[A-Za-z_]\w*)*)((?:\s+"[^"]*")+)/g)) {
    const base = m[1].split('.').filter(Boolean);
    const keys = [...m[2].matchAll(/"([^"]*)"/g)].map((k) => k[1]);
    out.push({ path: [...base, ...keys], at: m.index });
  }
  for (const m of body.matchAll(/(\$?[A-Za-z_]*)\.Values((?:\.[A-Za-z_]\w*)*)/g)) {
    if (/index\s+$/.test(body.slice(0, m.index))) continue;
    out.push({ path: m[2].split('.').filter(Boolean), at: m.index });
  }
  for (const m of body.matchAll(/\$([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)/g)) {
    const base = vars.get(m[1]);
    if (base && !m[2].startsWith('.Values'))
      out.push({ path: [...base, ...m[2].split('.').filter(Boolean)], at: m.index });
  }
  if (dot) {
    // `.a.b` inside a `with`: a bare dot path, not part of `$x.a` or `.Values`.
    for (const m of body.matchAll(/(^|[\s(|])(\.[A-Za-z_][\w.]*)/g)) {
      const rest = m[2];
      if (rest.startsWith('.Values') || rest.startsWith('.Release') || rest.startsWith('.Chart')) continue;
      const segs: string[] = [];
      let s = rest;
      for (let seg = SEG.exec(s); seg; seg = SEG.exec(s)) {
        segs.push(seg[1]);
        s = s.slice(seg[0].length);
      }
      out.push({ path: [...dot, ...segs], at: m.index });
    }
    if (/(^|[\s(|])\.($|[\s)|])/.test(body)) out.push({ path: dot, at: body.length });
  }
  return out.sort((a, b) => a.at - b.at);
}

function dedupe(paths: ReadPaths): ReadPaths {
  const seen = new Map<string, string[]>();
  for (const p of paths) seen.set(p.join('\u0000'), p);
  return [...seen.values()];
}

/**
 * Whether a written leaf is read: some read path is a prefix of it (read whole) or equal to it.
 * A read path below it (the leaf is `{}` or a list the chart reads into) also counts.
 */
export function isRead(leaf: readonly string[], reads: ReadPaths): boolean {
  return reads.some((r) => {
    const n = Math.min(r.length, leaf.length);
    for (let i = 0; i < n; i++) if (r[i] !== leaf[i]) return false;
    return true;
  });
}
