import type { Command } from './support/context.js';
import { listPresets } from '../model/presets.js';

export const run: Command = async ({ args, io }) => {
  const presets = await listPresets();
  if (args.json) {
    io.out(
      JSON.stringify(
        presets.map((p) => ({ name: p.name, description: p.description, values: p.values })),
        null,
        2,
      ),
    );
    return;
  }
  const width = Math.max(...presets.map((p) => p.name.length), 'auto'.length);
  for (const p of presets) io.out(`${p.name.padEnd(width)}  ${p.description}`);
  io.out(
    `${'auto'.padEnd(width)}  Probe the cluster and pick one of the above, with what it finds (DNS, GPUs, ingress class).`,
  );
};
