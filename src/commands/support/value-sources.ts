/**
 * The layers a run was given, lowest first: config.yaml when it is a base (upgrade), the preset
 * (or what the probe suggests for `auto`), -f files in order, --set, --set-string.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Args } from '../../cli/args.js';
import type { Suggestion } from '../../cluster/suggest.js';
import { ConfigError } from '../../errors.js';
import { describeFileProblem, FileError, readRegularFile } from '../../io/files.js';
import { parseValuesText, setLayers, type Layer } from '../../model/layers.js';
import { loadPreset } from '../../model/presets.js';

/** What the command line says about values. */
export interface ValueSources {
  preset?: string;
  /** -f files, relative to the working directory. */
  files: readonly string[];
  set: readonly string[];
  setString: readonly string[];
  /** The namespace flag: a layer only when given and not the default. */
  namespace?: string;
}

/** The values the flags give. */
export function valueSourcesOf(args: Args): ValueSources {
  return {
    preset: args.preset,
    files: args.values,
    set: args.set,
    setString: args.setString,
    namespace: args.namespace,
  };
}

/** No values but config.yaml's: an upgrade with what the person just wrote, nothing else over it. */
export const CONFIG_ONLY: ValueSources = { files: [], set: [], setString: [] };

export async function readValuesFile(path: string, cwd: string): Promise<Layer> {
  const full = resolve(cwd, path);
  const source = `-f ${path}`;
  let text: string;
  try {
    text = await readRegularFile(full, { what: 'Values file', display: path });
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    const [message, fix] = describeFileProblem(e.code, 'Values file');
    throw new ConfigError(`Cannot read values file ${path || "''"}.`, [
      { field: source, message, fix: `${fix} (the path given to -f/--values)`, severity: 'error' },
    ]);
  }
  return { source, values: parseValuesText(text, source, full) };
}

/**
 * `suggest` is called only for `--preset auto`; it probes the cluster (injected, so the probe and
 * its client load only when asked for).
 */
export async function collectLayers(
  src: ValueSources,
  cwd: string,
  suggest?: () => Promise<Suggestion>,
): Promise<{ layers: Layer[]; suggestion?: Suggestion }> {
  const layers: Layer[] = [];
  let suggestion: Suggestion | undefined;
  if (src.preset === 'auto') {
    if (!suggest) throw new Error('--preset auto needs a cluster probe');
    suggestion = await suggest();
    const preset = await loadPreset(suggestion.preset);
    layers.push({ source: `preset ${preset.name} (picked by the probe)`, values: preset.values });
    layers.push({ source: 'the cluster probe', values: suggestion.values });
  } else if (src.preset) {
    const preset = await loadPreset(src.preset);
    layers.push({ source: `preset ${preset.name}`, values: preset.values });
  }
  if (src.namespace !== undefined && src.namespace !== 'polyaxon')
    layers.push({ source: '--namespace', values: { namespace: src.namespace } });
  for (const f of src.files) layers.push(await readValuesFile(f, cwd));
  layers.push(...setLayers([...src.set], [...src.setString]));
  return { layers, suggestion };
}

/** config.yaml (when it exists and is not already a -f) under the layers the flags give. */
export async function upgradeLayers(
  src: ValueSources,
  cwd: string,
  configPath: string,
  suggest?: () => Promise<Suggestion>,
): Promise<Layer[]> {
  const layers: Layer[] = [];
  const given = src.files.map((f) => resolve(cwd, f));
  if (existsSync(configPath) && !given.includes(configPath)) {
    const l = await readValuesFile(configPath, cwd);
    layers.push({ ...l, source: basename(configPath), saved: true });
  }
  const { layers: rest } = await collectLayers(src, cwd, src.preset === 'auto' ? suggest : undefined);
  return [...layers, ...rest];
}
