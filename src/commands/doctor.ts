/**
 * `doctor`: probe the cluster, then say what was found, what it means for config.yaml and what to
 * fix. A probe that cannot run at all (no kubeconfig, unreachable, 401/403, timeout) throws a
 * ClusterError, which main turns into one line and exit code 4 or 5.
 */
import type { Command } from './support/context.js';
import { diagnose } from '../cluster/diagnose.js';
import { formatReport, styleFor } from '../cluster/doctor-report.js';
import { suggestValues } from '../cluster/suggest.js';
import { ExitCode, UsageError } from '../errors.js';
import { probe } from './support/probe.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  if (args.positionals.length) throw new UsageError(`doctor takes no arguments, got ${args.positionals.join(' ')}.`);
  const result = await probe(ctx);
  const suggestion = suggestValues(result);
  const findings = diagnose(result, suggestion);
  const errors = findings.filter((f) => f.severity === 'error').length;
  // `problems` is the same list under its first name, for scripts written against it.
  if (args.json)
    io.out(JSON.stringify({ ok: errors === 0, probe: result, suggestion, findings, problems: findings }, null, 2));
  else io.out(formatReport(result, suggestion, findings, styleFor(io.color)));
  return errors ? ExitCode.Findings : ExitCode.Ok;
};
