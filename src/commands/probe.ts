/**
 * The probe as the commands use it: the same options from the same flags everywhere, and the
 * Kubernetes client loaded only when a command actually asks the cluster something.
 */
import type { CommandContext } from '../cli/command.js';
import type { ProbeOptions, ProbeResult } from '../cluster/index.js';
import type { Suggestion } from '../config/collect.js';
import { ClusterError } from '../errors.js';
import type { ClusterFacts } from '../wizard/facts.js';

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

export async function probe(ctx: CommandContext): Promise<ProbeResult> {
  const { probeCluster } = await import('../cluster/index.js');
  return probeCluster(probeOptions(ctx));
}

/** `--preset auto`: the preset and values the findings point to. */
export async function probeSuggestion(ctx: CommandContext): Promise<Suggestion> {
  const [result, { suggestValues }] = await Promise.all([probe(ctx), import('../cluster/suggest.js')]);
  return suggestValues(result);
}

/**
 * What the wizard knows about the cluster. A cluster that cannot be read is not fatal here: the
 * person may be writing config.yaml for a cluster this machine cannot reach, so the reason
 * becomes a warning on the review screen instead.
 */
export async function wizardFacts(ctx: CommandContext): Promise<ClusterFacts> {
  const [{ suggestValues }, { factsFromProbe }, { emptyFacts }, { loadPreset }] = await Promise.all([
    import('../cluster/suggest.js'),
    import('../wizard/probe-facts.js'),
    import('../wizard/facts.js'),
    import('../model/presets.js'),
  ]);
  let result: ProbeResult;
  try {
    result = await probe(ctx);
  } catch (e) {
    if (!(e instanceof ClusterError)) throw e;
    return { ...emptyFacts(), warnings: [`no cluster facts: ${e.message}${e.hint ? ` ${e.hint}` : ''}`] };
  }
  const suggestion = suggestValues(result);
  const preset = await loadPreset(suggestion.preset);
  return factsFromProbe(result, suggestion, preset.values);
}
