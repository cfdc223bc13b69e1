/**
 * `doctor`: probe the cluster, then say what was found, what it means for config.yaml and what to
 * fix. A probe that cannot run at all (no kubeconfig, unreachable, 401/403, timeout) throws a
 * ClusterError, which main turns into one line and exit code 4 or 5.
 */
import type { Command } from '../cli/command.js';
import { diagnose } from '../cluster/diagnose.js';
import { probeCluster } from '../cluster/index.js';
import { formatReport, styleFor } from '../cluster/report.js';
import { suggestValues } from '../cluster/suggest.js';
import { ExitCode, UsageError } from '../errors.js';
import { probeOptions } from './probe.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  if (args.positionals.length) throw new UsageError(`doctor takes no arguments, got ${args.positionals.join(' ')}.`);
  const probe = await probeCluster(probeOptions(ctx));
  const suggestion = suggestValues(probe);
  const problems = diagnose(probe, suggestion);
  if (args.json) io.out(JSON.stringify({ ok: true, probe, suggestion, problems }, null, 2));
  else io.out(formatReport(probe, suggestion, problems, styleFor(io.color)));
  return ExitCode.Ok;
};
