/**
 * config.yaml on disk: the YAML with its schema line (for the spec's names only: the schema
 * describes them, not a chart line's), the schema beside it for editors, written safely. Install,
 * the wizard and upgrade all write through here.
 */
import { dirname, join } from 'node:path';
import { writeFileSafely, type WriteResult } from '../../io/write-file.js';
import { chartLineFor } from '../../model/chart-line.js';
import { VALUES_SCHEMA } from '../../model/schema.js';
import { holdsSecret, SCHEMA_FILE, toYaml } from '../../model/serialize.js';
import { packageVersion } from '../../paths.js';

export function configText(
  written: Record<string, unknown>,
  opts: { chartVersion?: string; generator: string },
): string {
  const header = [
    `Polyaxon chart values, written by ${opts.generator}${opts.chartVersion ? ` for chart ${opts.chartVersion}` : ''}.`,
    'Check it with: npx polyaxon-setup validate config.yaml',
  ].join('\n');
  const spec = chartLineFor(opts.chartVersion).id === 'spec';
  return toYaml(written, spec ? { schemaRef: `./${SCHEMA_FILE}`, header } : { header });
}

/** Writes config.yaml (backing up the old one) and, for the spec's names, its schema beside it. */
export async function writeConfigFile(
  path: string,
  written: Record<string, unknown>,
  opts: { chartVersion?: string; now: Date },
): Promise<WriteResult> {
  const text = configText(written, {
    chartVersion: opts.chartVersion,
    generator: `polyaxon-setup ${packageVersion()}`,
  });
  const schema = `${JSON.stringify(VALUES_SCHEMA, null, 2)}\n`;
  await writeFileSafely(join(dirname(path), SCHEMA_FILE), schema, { secret: false, now: opts.now, backup: false });
  return writeFileSafely(path, text, { secret: holdsSecret(written), now: opts.now });
}
