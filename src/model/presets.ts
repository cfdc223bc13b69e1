/**
 * Presets are data (presets/*.yaml): a description and a values layer. Loading checks the file's
 * own shape and its values, so a broken preset is reported by name and field, never half-applied.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ConfigError, UsageError } from '../errors.js';
import { presetsDir } from '../paths.js';
import { checkShape } from './check-shape.js';
import { chartLineFor, fromChartLine, LINES } from './chart-line.js';
import { checkOwnKeys, splitOwnKeys } from './lines/own-keys.js';
import { isMap, leafPaths } from './merge.js';
import { validateValues } from './validate.js';
import type { Values } from './values.js';

export interface Preset {
  name: string;
  description: string;
  values: Values;
}

export async function listPresetNames(dir = presetsDir): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export async function listPresets(dir = presetsDir): Promise<Preset[]> {
  return Promise.all((await listPresetNames(dir)).map((n) => loadPreset(n, dir)));
}

export async function loadPreset(name: string, dir = presetsDir): Promise<Preset> {
  const names = await listPresetNames(dir);
  if (!names.includes(name)) {
    throw new UsageError(
      `Unknown preset "${name}".`,
      `Presets: ${names.join(', ')}, or auto (pick from the cluster). See \`polyaxon-setup presets\`.`,
    );
  }
  const file = join(dir, `${name}.yaml`);
  return parsePreset(name, await readFile(file, 'utf8'), file);
}

export function parsePreset(name: string, text: string, file: string): Preset {
  let doc: unknown;
  try {
    doc = yaml.load(text, { filename: file });
  } catch (e) {
    throw new ConfigError(`Preset ${name} (${file}) is not valid YAML.`, [
      { field: `preset ${name}`, message: (e as Error).message.split('\n')[0], severity: 'error' },
    ]);
  }
  const problems = [];
  if (!isMap(doc))
    problems.push({
      field: `preset ${name}`,
      message: 'must be a map with description and values',
      severity: 'error' as const,
    });
  else {
    if (typeof doc.description !== 'string' || doc.description === '') {
      problems.push({
        field: `preset ${name}.description`,
        message: 'is missing',
        fix: 'Add a one-line description.',
        severity: 'error' as const,
      });
    }
    if (!isMap(doc.values))
      problems.push({
        field: `preset ${name}.values`,
        message: 'must be a map of chart values',
        severity: 'error' as const,
      });
    else {
      // A chart line's own keys (`redis.enabled`, `rabbitmq-ha.enabled`, `externalServices`) are
      // checked against the line the run installs, when the layers are read for it (readLayersForLine);
      // here the spec's part, and the newest line's own keys against its values.yaml.
      const { spec, own } = splitForNewest(doc.values);
      const shape = checkShape(spec, { allowNull: true });
      problems.push(
        ...checkOwnKeys(own, chartLineFor(undefined)).map((p) => ({ ...p, field: `preset ${name}: ${p.field}` })),
      );
      problems.push(...shape.map((p) => ({ ...p, field: `preset ${name}: ${p.field}` })));
      // The rules the wizard and validate apply, to each value the preset sets (what it leaves
      // to other layers, such as a bucket's secret, is checked once they are merged).
      if (!shape.some((p) => p.severity === 'error')) {
        const set = new Set(leafPaths(spec));
        problems.push(
          ...validateValues(spec)
            .filter((p) => p.severity === 'error' && set.has(p.field))
            .map((p) => ({ ...p, field: `preset ${name}: ${p.field}` })),
        );
      }
    }
    for (const k of Object.keys(doc)) {
      if (k !== 'description' && k !== 'values')
        problems.push({
          field: `preset ${name}.${k}`,
          message: 'is not a preset key',
          fix: 'Use description and values.',
          severity: 'error' as const,
        });
    }
  }
  if (problems.length) throw new ConfigError(`Preset ${name} (${file}) is invalid.`, problems);
  const d = doc as { description: string; values: Values };
  return { name, description: d.description, values: d.values };
}

/** The keys the spec names, and the newest line's own; a key only another line reads is left to it. */
function splitForNewest(values: Record<string, unknown>): { spec: Values; own: Record<string, unknown> } {
  const line = chartLineFor(undefined);
  const split = splitOwnKeys(fromChartLine(values, line.example), line, LINES);
  return { spec: split.spec as Values, own: split.own };
}
