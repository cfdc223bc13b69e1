/**
 * config.yaml on disk: the YAML with its schema line, the schema beside it for editors, written
 * safely (src/config/write.ts).
 */
import { dirname, join } from 'node:path';
import { VALUES_SCHEMA } from '../model/schema.js';
import { holdsSecret, SCHEMA_FILE, toYaml } from '../model/serialize.js';
import { writeFileSafely, type WriteResult } from './write.js';

export function configText(written: Record<string, unknown>, opts: { chartVersion?: string; generator: string }): string {
  const header = [
    `Polyaxon chart values, written by ${opts.generator}${opts.chartVersion ? ` for chart ${opts.chartVersion}` : ''}.`,
    'Check it with: npx polyaxon-setup validate config.yaml',
  ].join('\n');
  return toYaml(written, { schemaRef: `./${SCHEMA_FILE}`, header });
}

export async function emitConfig(path: string, text: string, written: Record<string, unknown>, now: Date): Promise<WriteResult> {
  await writeFileSafely(join(dirname(path), SCHEMA_FILE), `${JSON.stringify(VALUES_SCHEMA, null, 2)}\n`, { secret: false, now, backup: false });
  return writeFileSafely(path, text, { secret: holdsSecret(written), now });
}
