/**
 * A failed install explained: the pod state or helm message that tells what went wrong, mapped to
 * the wizard step whose answer caused it, and the commands to look closer or start over.
 */
export interface PodRow {
  name: string;
  /** Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** Ready containers, e.g. "1/2". */
  ready?: string;
  restarts?: number;
  /** The waiting or scheduling reason: ImagePullBackOff, CrashLoopBackOff, Unschedulable, ... */
  reason?: string;
  /** The event or condition message, e.g. "0/3 nodes are available: 3 Insufficient nvidia.com/gpu." */
  message?: string;
}

export interface FailureExplanation {
  /** What went wrong, in one sentence. */
  cause?: string;
  /** The wizard step whose answers to revisit, and why. */
  step?: { id: string; title: string; why: string };
  /** Commands and actions, most useful first. */
  nextSteps: string[];
}

interface Rule {
  test: RegExp;
  cause: (pod: string) => string;
  step?: { id: string; title: string; why: string };
  next?: (pod: string, ns: string) => string[];
}

const RULES: Rule[] = [
  {
    test: /Insufficient nvidia\.com\/gpu/i,
    cause: (p) => `${p} asks for a GPU and no node has one free.`,
    step: { id: 'gpu', title: 'NVIDIA GPU', why: 'GPU settings on a cluster without free GPUs' },
  },
  {
    test: /unbound (immediate )?PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found/i,
    cause: (p) => `${p} waits for a claim that does not exist or is not bound.`,
    step: { id: 'persistence', title: 'Persistence', why: 'an existingClaim that is missing or unbound' },
    next: (_p, ns) => [`kubectl get pvc -n ${ns}`],
  },
  {
    test: /ImagePullBackOff|ErrImagePull/,
    cause: (p) => `${p} cannot pull its image.`,
    step: { id: 'deployment', title: 'Deployment', why: 'the Polyaxon or chart version, or registry access' },
  },
  {
    test: /CrashLoopBackOff/,
    cause: (p) => `${p} keeps crashing.`,
    next: (p, ns) => [`kubectl logs ${p} -n ${ns} --previous`],
  },
  {
    test: /secret "[^"]+" not found|couldn't find key .* in Secret/i,
    cause: (p) => `${p} needs a secret that is not in the namespace.`,
    step: { id: 'access', title: 'Access', why: 'a TLS or SSL secret name (or a bucket secret in data and outputs)' },
    next: (_p, ns) => [`kubectl get secrets -n ${ns}`],
  },
  {
    test: /didn't match Pod's node affinity|node\(s\) didn't match node selector|untolerated taint|had taint/i,
    cause: (p) => `No node accepts ${p}.`,
    step: { id: 'scheduling', title: 'Scheduling', why: 'a node selector, toleration or affinity no node satisfies' },
  },
  {
    test: /hostPath|MountVolume\.SetUp failed/i,
    cause: (p) => `${p} cannot mount one of its volumes.`,
    step: { id: 'volumes', title: 'Persistence', why: 'a host path or claim the nodes do not have' },
  },
];

const HELM_RULES: { test: RegExp; cause: string; next: (release: string, ns: string) => string[] }[] = [
  {
    test: /another operation \(install\/upgrade\/rollback\) is in progress/,
    cause: 'An earlier helm operation on this release never finished.',
    next: (r, ns) => [`helm history ${r} -n ${ns}`, `helm rollback ${r} -n ${ns}   (to the last deployed revision)`],
  },
  {
    test: /cannot re-use a name that is still in use/,
    cause: 'A release of this name already exists.',
    next: () => ['npx polyaxon-setup upgrade   (to change it)'],
  },
];

function unhealthy(p: PodRow): boolean {
  if (p.phase === 'Failed') return true;
  if (p.reason && p.reason !== 'ContainerCreating' && p.reason !== 'PodInitializing') return true;
  return p.phase === 'Pending' && Boolean(p.message);
}

export function explainFailure(input: {
  pods: PodRow[];
  lines: string[];
  error?: string;
  release: string;
  namespace: string;
}): FailureExplanation {
  const { release, namespace: ns } = input;
  const d: FailureExplanation = { nextSteps: [] };
  const text = [input.error ?? '', ...input.lines].join('\n');
  const helm = HELM_RULES.find((r) => r.test.test(text));
  if (helm) {
    d.cause = helm.cause;
    d.nextSteps.push(...helm.next(release, ns));
  }
  const bad = input.pods.find(unhealthy);
  if (bad) {
    const evidence = `${bad.reason ?? ''} ${bad.message ?? ''}`;
    const rule = RULES.find((r) => r.test.test(evidence));
    d.cause ??= rule
      ? rule.cause(bad.name)
      : `${bad.name} is ${bad.reason ?? bad.phase}${bad.message ? `: ${bad.message}` : ''}.`;
    if (rule?.step) d.step = rule.step;
    d.nextSteps.push(...(rule?.next?.(bad.name, ns) ?? []), `kubectl describe pod ${bad.name} -n ${ns}`);
  }
  d.nextSteps.push(
    `kubectl get pods -n ${ns}`,
    `helm status ${release} -n ${ns}`,
    // The spec: failed hooks leave their Jobs behind, and a broken release's pre-delete hooks fail too.
    `kubectl get jobs -n ${ns}   (hook jobs of a failed install are not deleted: kubectl delete job NAME -n ${ns})`,
    `helm uninstall ${release} -n ${ns} --no-hooks   (to start over; the hooks of a broken release usually fail)`,
  );
  return d;
}
