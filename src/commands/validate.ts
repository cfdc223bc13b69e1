import { buildConfig } from '../model/build.js';
import type { Command } from './support/context.js';
import { readValuesFile } from './support/value-sources.js';
import { formatProblems, problemsJson } from './support/problems-text.js';
import { ConfigError, ExitCode, UsageError } from '../errors.js';

/** `validate FILE`: every problem at once; a file written for a chart line is read back first. */
export const run: Command = async ({ args, io }) => {
  const [file, ...extra] = args.positionals;
  if (!file) throw new UsageError('validate needs a file.', 'Run: polyaxon-setup validate config.yaml');
  if (extra.length) throw new UsageError(`validate takes one file, got ${args.positionals.length}.`);
  const layer = await readValuesFile(file, io.cwd);
  try {
    const built = buildConfig([layer], { chartVersion: args.chartVersion });
    if (args.json) io.out(JSON.stringify({ ok: true, file, problems: problemsJson(built.warnings) }, null, 2));
    else {
      io.out(
        `✓ ${file} is valid${built.warnings.length ? `, with ${built.warnings.length} warning${built.warnings.length > 1 ? 's' : ''}:` : '.'}`,
      );
      if (built.warnings.length) io.out(formatProblems(built.warnings));
    }
    return ExitCode.Ok;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(
      `${file} has ${e.problems.filter((p) => p.severity === 'error').length} problem(s).`,
      e.problems,
      'Fix each field above, then run validate again.',
    );
  }
};
