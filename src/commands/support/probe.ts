/**
 * The probe as the commands use it: the same options from the same flags everywhere, and the
 * Kubernetes client loaded only when a command actually asks the cluster something.
 */
import type { ProbeOptions, ProbeResult } from '../../cluster/index.js';
import type { Suggestion } from '../../cluster/suggest.js';
import type { CommandContext } from './context.js';

function probeOptions({ args, io }: CommandContext): ProbeOptions {
  return {
    kubeconfig: args.kubeconfig,
    context: args.kubeContext,
    namespace: args.namespace,
    release: args.release,
    timeoutMs: args.timeoutMs,
    env: io.env,
  };
}

/** The wizard's probe: on a worker thread, so keys are answered while the client loads. */
export async function probeOffThread(ctx: CommandContext): Promise<ProbeResult> {
  const { probeClusterOffThread } = await import('../../cluster/probe-thread.js');
  return probeClusterOffThread(probeOptions(ctx));
}

export async function probe(ctx: CommandContext): Promise<ProbeResult> {
  const { probeCluster } = await import('../../cluster/index.js');
  return probeCluster(probeOptions(ctx));
}

/** `--preset auto`: the preset and values the findings point to. */
export async function probeSuggestion(ctx: CommandContext, onResult?: (r: ProbeResult) => void): Promise<Suggestion> {
  const [result, { suggestValues }, { diagnose }] = await Promise.all([
    probe(ctx),
    import('../../cluster/suggest.js'),
    import('../../cluster/diagnose.js'),
  ]);
  onResult?.(result);
  const suggestion = suggestValues(result);
  return { ...suggestion, findings: diagnose(result, suggestion) };
}
