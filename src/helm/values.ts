/**
 * The values of an upgrade: what the release runs with (`helm get values`) as the base, config.yaml
 * and -f/--set over it, checked with the spec's rules; and the files around it: a private,
 * timestamped copy of the values deployed before, and config.yaml rewritten to what is deployed now.
 */
import { constants, existsSync } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Args } from '../cli/args.js';
import { collectLayers, type Suggestion } from '../config/collect.js';
import { configText, emitConfig } from '../config/emit.js';
import { checkLayers, readValuesFile, type Layer } from '../config/layers.js';
import type { WriteResult } from '../config/write.js';
import { ConfigError, type Problem } from '../errors.js';
import { chartLineFor } from '../model/chart-line.js';
import { SPEC_DEFAULTS } from '../model/defaults.js';
import { isMap, mergeValues } from '../model/merge.js';
import { schemaAt } from '../model/schema.js';
import { toYaml } from '../model/serialize.js';
import { validateValues } from '../model/validate.js';
import type { Values } from '../model/values.js';

/** config.yaml (when it exists and is not already a -f), then preset, -f files, --set, --set-string. */
export async function upgradeLayers(args: Args, cwd: string, configPath: string, suggest?: () => Promise<Suggestion>): Promise<Layer[]> {
  const layers: Layer[] = [];
  const given = args.values.map((f) => resolve(cwd, f));
  if (existsSync(configPath) && !given.includes(configPath)) {
    const l = await readValuesFile(configPath, cwd);
    layers.push({ ...l, source: basename(configPath), saved: true });
  }
  const { layers: rest } = await collectLayers(args, cwd, args.preset === 'auto' ? suggest : undefined);
  return [...layers, ...rest];
}

/** Splits values into what the spec's schema knows and the rest (keys of another chart line), recursively. */
export function splitKnown(values: Record<string, unknown>, path: string[] = []): { known: Record<string, unknown>; foreign: string[] } {
  const known: Record<string, unknown> = {};
  const foreign: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    const p = [...path, k];
    const s = schemaAt(p);
    if (!s) {
      foreign.push(p.join('.'));
      continue;
    }
    if (isMap(v) && s.properties) {
      const sub = splitKnown(v, p);
      known[k] = sub.known;
      foreign.push(...sub.foreign);
    } else known[k] = v;
  }
  return { known, foreign };
}

export interface UpgradeValues {
  /** What helm gets: deployed values with the layers over them (no spec defaults added: the chart has its own). */
  values: Record<string, unknown>;
  warnings: Problem[];
}

/**
 * Merges and checks. The layers are the person's and must be valid; the deployed values are the
 * release's, possibly of another chart line, so keys the spec does not know are passed on
 * untouched (the drift guard says whether the chart reads them) rather than refused.
 */
export function mergeUpgradeValues(deployed: Record<string, unknown>, layers: Layer[]): UpgradeValues {
  const layerProblems = checkLayers(layers);
  if (layerProblems.some((p) => p.severity === 'error')) throw new ConfigError('The values given are invalid.', layerProblems);
  const values = mergeValues(deployed as Values, ...layers.map((l) => l.values)) as Record<string, unknown>;
  const { known } = splitKnown(values);
  const problems = validateValues(mergeValues(SPEC_DEFAULTS, known as Values));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new ConfigError(`The upgraded values would be invalid (${errors.length} problem${errors.length > 1 ? 's' : ''}).`, problems);
  return { values, warnings: [...layerProblems, ...problems] };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * The values deployed before the upgrade, beside config.yaml: `<release>-r<revision>.<UTC>.values.yaml`,
 * created 0600 (they may hold the root password) and never overwriting an older copy.
 */
export async function backupDeployedValues(configPath: string, release: string, revision: number, deployed: Record<string, unknown>, now: Date): Promise<string> {
  const dir = dirname(configPath);
  await mkdir(dir, { recursive: true });
  const text = `# The values of release ${release} at revision ${revision}, saved by polyaxon-setup before an upgrade.\n${toYaml(deployed)}`;
  for (let i = 0; ; i++) {
    const path = join(dir, `${release}-r${revision}.${stamp(now)}${i ? `-${i}` : ''}.values.yaml`);
    try {
      const fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        await fh.writeFile(text, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      // The umask may have taken bits away, never added them; be explicit anyway.
      await chmod(path, 0o600);
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** config.yaml rewritten with the values now going to helm (the old one backed up by writeFileSafely). */
export async function writeUpgradedConfig(configPath: string, values: Record<string, unknown>, opts: { chartVersion?: string; generator: string; now: Date }): Promise<WriteResult> {
  const spec = chartLineFor(opts.chartVersion).id === 'spec';
  const text = configText(values, { chartVersion: opts.chartVersion, generator: opts.generator });
  return emitConfig(configPath, spec ? text : text.replace(/^# yaml-language-server.*\n/, ''), values, opts.now);
}

/** A values file for a dry run or `template`, in a private temporary folder the caller removes. */
export async function tempValuesFile(values: Record<string, unknown>): Promise<{ path: string; remove(): Promise<void> }> {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'polyaxon-setup-'));
  const path = join(dir, 'values.yaml');
  await writeFile(path, toYaml(values), { mode: 0o600 });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
