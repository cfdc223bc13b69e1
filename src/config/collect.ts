/**
 * The layers a run was given on its command line: preset (or auto), -f files, --set, --set-string.
 */
import type { Args } from '../cli/args.js';
import { loadPreset } from '../model/presets.js';
import { readValuesFile, setLayers, type Layer } from './layers.js';

export interface Suggestion {
  preset: string;
  values: Layer['values'];
  reasons: { field: string; value: unknown; reason: string }[];
}

/**
 * `suggest` is called only for `--preset auto`; it probes the cluster (injected, so the probe and
 * its client load only when asked for).
 */
export async function collectLayers(
  args: Args,
  cwd: string,
  suggest?: () => Promise<Suggestion>,
): Promise<{ layers: Layer[]; suggestion?: Suggestion }> {
  const layers: Layer[] = [];
  let suggestion: Suggestion | undefined;
  if (args.preset === 'auto') {
    if (!suggest) throw new Error('--preset auto needs a cluster probe');
    suggestion = await suggest();
    const preset = await loadPreset(suggestion.preset);
    layers.push({ source: `preset ${preset.name} (picked by the probe)`, values: preset.values });
    layers.push({ source: 'the cluster probe', values: suggestion.values });
  } else if (args.preset) {
    const preset = await loadPreset(args.preset);
    layers.push({ source: `preset ${preset.name}`, values: preset.values });
  }
  if (args.namespace !== 'polyaxon') layers.push({ source: '--namespace', values: { namespace: args.namespace } });
  for (const f of args.values) layers.push(await readValuesFile(f, cwd));
  layers.push(...setLayers(args.set, args.setString));
  return { layers, suggestion };
}
