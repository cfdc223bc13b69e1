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
import { chartLabel } from '../model/chart-line.js';
import { lineFitWarning } from './support/chart-fit.js';
import { probe } from './support/probe.js';

export const run: Command = async (ctx) => {
  const { args, io } = ctx;
  if (args.positionals.length) throw new UsageError(`doctor takes no arguments, got ${args.positionals.join(' ')}.`);
  const result = await probe(ctx);
  const suggestion = suggestValues(result);
  const findings = diagnose(result, suggestion);
  const errors = findings.filter((f) => f.severity === 'error').length;
  // Whether the chart a run would install fits this Kubernetes, by the line table: doctor renders
  // nothing and asks no repository (install and upgrade render, and refuse).
  const misfit = lineFitWarning(args.chartVersion, result.version.gitVersion);
  const chart = chartLabel(args.chartVersion);
  const chartFit = misfit ? { chart, fits: false, reason: misfit.message, fix: misfit.fix } : { chart, fits: true };
  // `problems` is the same list as `findings` under its first name, for scripts written against it.
  if (args.json)
    io.out(
      JSON.stringify({ ok: errors === 0, probe: result, suggestion, findings, problems: findings, chartFit }, null, 2),
    );
  else {
    io.out(formatReport(result, suggestion, findings, styleFor(io.color)));
    io.out(chartFitText(chartFit, result.version.gitVersion));
  }
  return errors ? ExitCode.Findings : ExitCode.Ok;
};

function chartFitText(f: { chart: string; fits: boolean; reason?: string; fix?: string }, kube: string): string {
  return f.fits
    ? `\nChart fit\n  ✓ ${f.chart} installs on Kubernetes ${kube}`
    : `\nChart fit\n  ✗ ${f.reason}\n      → ${f.fix}`;
}
