/**
 * Where values come from, lowest first: the spec's defaults, the preset (or what the probe
 * suggests), -f files in order, then --set and --set-string as helm applies them. Each layer is
 * checked on its own so an error names the file or flag it came from. Pure: reading the files is
 * the commands' part (src/commands/support/layers.ts).
 */
import yaml from 'js-yaml';
import { ConfigError, type Problem } from '../errors.js';
import { checkShape } from './check-shape.js';
import { chartLineFor, fromChartLine, LINES } from './chart-line.js';
import { checkOwnKeys, samePathsOn, splitOwnKeys } from './lines/own-keys.js';
import { getPath, isMap, mergeValues } from './merge.js';
import { applySet, describeSet } from './set-parser.js';
import type { Values } from './values.js';

export interface Layer {
  /** Where it came from, for messages: "preset minikube", "-f prod.yaml", "--set". */
  source: string;
  /** config.yaml from an earlier run: a base to start from, not answers given for this one. */
  saved?: boolean;
  values: Values;
}

export function parseValuesText(text: string, source: string, filename?: string): Values {
  let doc: unknown;
  try {
    doc = yaml.load(text, { filename });
  } catch (thrown) {
    const e =
      thrown instanceof RangeError ? { message: `it is nested too deeply to read (${thrown.message})` } : thrown;
    const err = e as { mark?: { line: number; column: number }; reason?: string; message: string };
    const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    throw new ConfigError(`${source} is not valid YAML${where}.`, [
      {
        field: source,
        message: `${err.reason ?? err.message.split('\n')[0]}${where}`,
        fix: 'Fix the YAML syntax (indentation, quotes, a missing ":").',
        severity: 'error',
      },
    ]);
  }
  if (doc === undefined || doc === null) return {};
  const tooBig = expansionProblem(doc);
  if (tooBig)
    throw new ConfigError(`${source} is refused: ${tooBig}.`, [
      {
        field: source,
        message: tooBig,
        fix: 'Write the values out without YAML aliases (*name) that repeat large parts; a values file is small.',
        severity: 'error',
      },
    ]);
  const odd = nonFinitePath(doc);
  if (odd)
    throw new ConfigError(`${source} holds a number helm cannot pass on.`, [
      {
        field: odd.path,
        message: `is ${odd.text}, which no chart value can be (helm cannot write it as JSON)`,
        fix: 'Use a whole number such as 2222, or quote it if a string was meant.',
        severity: 'error',
      },
    ]);
  if (!isMap(doc)) {
    throw new ConfigError(`${source} must be a map of chart values.`, [
      {
        field: source,
        message: 'is not a map of key: value lines',
        fix: 'Start the file with top-level keys such as "ingress:".',
        severity: 'error',
      },
    ]);
  }
  return doc as Values;
}

/** Values, with aliases expanded, hold at most this many nodes (the biggest preset has a few hundred). */
export const MAX_NODES = 100_000;
export const MAX_NESTING = 64;

/**
 * js-yaml shares an aliased node instead of copying it, so a 400-byte "billion laughs" file loads
 * fast but expands when copied or written. Counting the nodes as they would be expanded, and
 * stopping at the bound, refuses such a file at once; an alias that contains itself is refused too.
 */
export function expansionProblem(doc: unknown): string | undefined {
  let nodes = 0;
  const onPath = new Set<object>();
  const visit = (v: unknown, depth: number): string | undefined => {
    if (++nodes > MAX_NODES)
      return `it expands to more than ${MAX_NODES.toLocaleString('en')} values (YAML aliases repeating each other)`;
    if (v === null || typeof v !== 'object') return undefined;
    if (depth > MAX_NESTING) return `it is nested deeper than ${MAX_NESTING} levels`;
    if (onPath.has(v)) return 'a YAML alias refers to a node that contains it';
    onPath.add(v);
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      const why = visit(x, depth + 1);
      if (why) return why;
    }
    onPath.delete(v);
    return undefined;
  };
  return visit(doc, 0);
}

/** The first .nan, .inf or -.inf in a document (already bounded by expansionProblem), with its dotted path. */
function nonFinitePath(doc: unknown): { path: string; text: string } | undefined {
  const visit = (v: unknown, path: string): { path: string; text: string } | undefined => {
    if (typeof v === 'number' && !Number.isFinite(v))
      return { path, text: Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf' };
    if (v === null || typeof v !== 'object') return undefined;
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [`${path}[${i}]`, x])
      : Object.entries(v).map(([k, x]) => [path ? `${path}.${k}` : k, x]);
    for (const [p, x] of entries) {
      const found = visit(x, p);
      if (found) return found;
    }
    return undefined;
  };
  return visit(doc, '');
}

export function setLayers(set: string[], setString: string[]): Layer[] {
  const layers: Layer[] = [];
  for (const expr of set)
    layers.push({
      source: `--set ${describeSet(expr)}`,
      values: applySet(Object.create(null), expr, { string: false }) as Values,
    });
  for (const expr of setString)
    layers.push({
      source: `--set-string ${describeSet(expr)}`,
      values: applySet(Object.create(null), expr, { string: true }) as Values,
    });
  return layers;
}

/** Unknown keys and wrong types, named with the layer they came from. */
export function checkLayers(layers: Layer[]): Problem[] {
  return layers.flatMap((l) =>
    checkShape(l.values, { allowNull: true }).map((p) => ({
      ...p,
      field: `${p.field} (from ${l.source})`,
      // --set types 1 and true as a number and a boolean, as helm does; text needs --set-string.
      fix:
        l.source.startsWith('--set ') && p.message.endsWith('expected string')
          ? `Use --set-string ${p.field}=... to pass it as text.`
          : p.fix,
    })),
  );
}

/** The layers' problems; any error stops the run before anything is written. */
export function assertValidLayers(layers: Layer[]): Problem[] {
  const problems = checkLayers(layers);
  if (problems.some((p) => p.severity === 'error')) throw new ConfigError('The values given are invalid.', problems);
  return problems;
}

/** Layers read for a chart line: the spec's part of each, and the line's own keys merged. */
export interface LineLayers {
  layers: Layer[];
  own: Record<string, unknown>;
  /** What the reading had to say: keys of another line left out. */
  warnings: Problem[];
}

/**
 * A layer may speak the line's names (`gateway.service.type`, `artifactsStore`): those are read
 * back under the spec's names, so its rules apply; keys only the line has are kept apart and
 * checked against the line's values. Every problem of every layer at once, before anything runs.
 */
export function readLayersForLine(layers: Layer[], chartVersion: string | undefined): LineLayers {
  const line = chartLineFor(chartVersion);
  const problems: Problem[] = [];
  const out: Layer[] = [];
  const owns: Record<string, unknown>[] = [];
  const notes: Problem[] = [];
  for (const l of layers) {
    const read = fromChartLine(l.values as Record<string, unknown>, chartVersion);
    const { spec, own, foreign } = splitOwnKeys(read, line, LINES);
    out.push({ ...l, values: spec as Values });
    owns.push(own);
    problems.push(...checkOwnKeys(own, line, l.source));
    for (const f of foreign) {
      const here = samePathsOn(line, f.line, f.path, getPath(read, f.path));
      notes.push({
        field: `${f.path.join('.')} (from ${l.source})`,
        message: `is a key of ${f.line.label} that ${line.label} does not read: helm would ignore it, so it is not written`,
        fix: here
          ? `${line.label} reads it as ${here.map((p) => p.join('.')).join(', ')}: give that instead.`
          : 'Remove it, or pick a --chart-version of the line that reads it.',
        severity: 'warning',
      });
    }
  }
  problems.push(...checkLayers(out));
  if (problems.some((p) => p.severity === 'error')) throw new ConfigError('The values given are invalid.', problems);
  return { layers: out, own: mergeValues(...(owns as Values[])) as Record<string, unknown>, warnings: notes };
}
