/**
 * config.yaml on disk: the values as the chart line to be installed reads them, with a header
 * naming that line, written safely. Install, the wizard and upgrade all write through here. The
 * spec-named schema (`polyaxon-setup schema`) describes the tool's vocabulary, not this file, so
 * it is not written beside it.
 */
import { writeFileSafely, type WriteResult } from '../../io/write-file.js';
import { chartLabel } from '../../model/chart-line.js';
import { holdsSecret, toYaml } from '../../model/serialize.js';
import { packageVersion } from '../../paths.js';

export function configText(
  written: Record<string, unknown>,
  opts: { chartVersion?: string; versionFrom?: string; generator: string },
): string {
  const header = [
    `Polyaxon chart values, written by ${opts.generator} for ${chartLabel(opts.chartVersion, opts.versionFrom)}.`,
    'Check it with: npx polyaxon-setup validate config.yaml',
  ].join('\n');
  return toYaml(written, { header });
}

/** Writes config.yaml, backing up the old one. */
export async function writeConfigFile(
  path: string,
  written: Record<string, unknown>,
  opts: { chartVersion?: string; versionFrom?: string; now: Date },
): Promise<WriteResult> {
  const text = configText(written, {
    chartVersion: opts.chartVersion,
    versionFrom: opts.versionFrom,
    generator: `polyaxon-setup ${packageVersion()}`,
  });
  return writeFileSafely(path, text, { secret: holdsSecret(written), now: opts.now });
}
