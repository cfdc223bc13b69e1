/**
 * Helm's failures, named. A pure table from what helm writes on stderr to a stable kind, a
 * sentence a person understands and the next step; anything unknown is still a HelmError that
 * quotes helm. The patterns are helm 3.17's and 4.1's own words, provoked against the fake
 * cluster in test/helm/classify.test.ts. Order matters: the first match wins.
 */
import { HelmError } from '../errors.js';

export type HelmFailureKind =
  | 'helm-not-found'
  | 'helm-2'
  | 'helm-too-old'
  | 'unauthorized'
  | 'forbidden'
  | 'cluster-unreachable'
  | 'records-forbidden'
  | 'records-unreadable'
  | 'auth-plugin-removed'
  | 'operation-in-progress'
  | 'release-exists'
  | 'no-deployed-release'
  | 'release-not-found'
  | 'chart-version-not-found'
  | 'repo-unreachable'
  | 'chart-not-found'
  | 'hook-failed'
  | 'timeout'
  | 'invalid-values'
  | 'openapi-unavailable'
  | 'api-not-served'
  | 'chart-unrenderable'
  | 'chart-unfit'
  | 'unknown';

/** What the message may name. */
export interface FailureFacts {
  /** The helm subcommand: install, upgrade, uninstall, rollback, ... */
  op: string;
  release: string;
  namespace: string;
  context?: string;
  chart?: string;
  chartVersion?: string;
}

interface Rule {
  kind: HelmFailureKind;
  test: RegExp;
  message: (f: FailureFacts, m: RegExpMatchArray) => string;
  hint: (f: FailureFacts, m: RegExpMatchArray) => string;
}

const REMOVED_AUTH_PLUGIN_FIX = {
  gcp: 'Install gke-gcloud-auth-plugin, then run `gcloud container clusters get-credentials` again: it writes an exec credential plugin instead.',
  azure: 'Install kubelogin, then run `kubelogin convert-kubeconfig`: it writes an exec credential plugin instead.',
};

const where = (f: FailureFacts) => `namespace ${f.namespace}${f.context ? ` on context ${f.context}` : ''}`;
const nsFlag = (f: FailureFacts) => `-n ${f.namespace}`;

export const HELM_FAILURES: readonly Rule[] = [
  {
    kind: 'helm-2',
    test: /Client: v2\.|SemVer:"v2\.|could not find tiller|Tiller/,
    message: () => 'This is helm 2, which installs through Tiller and is no longer supported.',
    hint: () => 'Install helm 3.13 or newer, or helm 4 (https://helm.sh/docs/intro/install/), and point --helm at it.',
  },
  {
    kind: 'unauthorized',
    test: /the server has asked for the client to provide credentials|\bUnauthorized\b/,
    message: (f) => `The cluster rejected the credentials${f.context ? ` of context ${f.context}` : ''}.`,
    hint: () => 'Refresh them (e.g. gcloud auth login, aws sso login) or pick another context with --kube-context.',
  },
  {
    kind: 'forbidden',
    test: /is forbidden: User "([^"]*)" cannot (\S+) resource "([^"]+)"(?: in API group "[^"]*")?(?: in the namespace "([^"]+)"| at the cluster scope)?/,
    message: (f, m) =>
      `The cluster refused: user ${m[1]} may not ${m[2]} ${m[3]}${m[4] ? ` in namespace ${m[4]}` : m[0].includes('cluster scope') ? ' (cluster-wide)' : ''}.`,
    hint: (f, m) =>
      `Ask a cluster admin for that permission (check: kubectl auth can-i ${m[2]} ${m[3]}${m[4] ? ` -n ${m[4]}` : ''}), or use a context with more rights.`,
  },
  {
    // helm's first read is of its release records (Secrets labelled owner=helm): a 403 whose
    // message is not RBAC's own sentence (a webhook authorizer, a proxy) still is a refusal.
    kind: 'records-forbidden',
    test: /failed to query with labels: (?:\S+ )?(?:is )?forbidden\b/,
    message: (f) =>
      `The cluster${f.context ? ` of context ${f.context}` : ''} refused helm's read of its release records in namespace ${f.namespace} (403 Forbidden).`,
    hint: (f) =>
      `Ask a cluster admin for access to Secrets in namespace ${f.namespace} (check: kubectl auth can-i list secrets -n ${f.namespace}), or use a context with more rights.`,
  },
  {
    kind: 'repo-unreachable',
    test: /"([^"]+)" is not a valid chart repository or cannot be reached/,
    message: (_f, m) => `The chart repository ${m[1]} cannot be reached.`,
    hint: () => 'Check the network or proxy, use a mirror with --repo-url URL, or a local chart with --chart DIR|TGZ.',
  },
  {
    // client-go dropped its in-tree auth providers in Kubernetes 1.26 (kubernetes/client-go#1220).
    kind: 'auth-plugin-removed',
    test: /The (gcp|azure) auth plugin has been removed/,
    message: (f, m) =>
      `The user of ${f.context ? `context ${f.context}` : 'the kube context'} signs in with the ${m[1]} auth-provider, which helm no longer supports (removed in Kubernetes 1.26).`,
    hint: (_f, m) => REMOVED_AUTH_PLUGIN_FIX[m[1] as 'gcp' | 'azure'],
  },
  {
    kind: 'cluster-unreachable',
    test: /[Kk]ubernetes cluster unreachable|connection refused|no such host|i\/o timeout|x509:|tls: |network is unreachable/,
    message: (f) => `helm cannot reach the cluster${f.context ? ` of context ${f.context}` : ''}.`,
    hint: () => 'Check it with `kubectl cluster-info`, or choose the cluster with --kube-context / --kubeconfig.',
  },
  {
    // The API server answered /version, then failed helm's read of its release records: a server
    // error, a cut or unreadable answer. The cluster's fault, not helm's or the chart's.
    kind: 'records-unreadable',
    test: /failed to query with labels: /,
    message: (f) =>
      `helm cannot read its release records from the cluster${f.context ? ` of context ${f.context}` : ''}: the API server answered, but not with them.`,
    hint: () =>
      'The API server may be overloaded or restarting, or a proxy in front of it answers instead: check `kubectl get secrets -n NAMESPACE -l owner=helm`, then retry.',
  },
  {
    // helm validates the manifests against the API server's OpenAPI schema: this is the cluster
    // failing to serve it (often an aggregated API that is down), not a missing chart.
    kind: 'openapi-unavailable',
    // An answer in its place that is not the schema reads as wire-format data helm cannot parse
    // (Go's protobuf writes a non-breaking space after "proto:", on purpose).
    test: /failed to download openapi(?::\s*([^\n;]*))?|error validating data: proto:\s*cannot parse/,
    message: (f, m) =>
      `The cluster${f.context ? ` of context ${f.context}` : ''} did not serve its OpenAPI schema, which helm validates the chart's objects against${m[1] ? ` (${m[1].trim()})` : ''}.`,
    hint: () =>
      'Check that the API server answers it: kubectl get --raw /openapi/v2 | head -c 200; an aggregated API that is down breaks it (kubectl get apiservices | grep False). Then retry.',
  },
  {
    kind: 'operation-in-progress',
    test: /another operation \(install\/upgrade\/rollback\) is in progress/,
    message: (f) =>
      `Release ${f.release} is marked busy: an earlier helm operation on it never finished (interrupted, or still running).`,
    hint: (f) =>
      `If nothing else is running, see \`helm history ${f.release} ${nsFlag(f)}\` and roll back to the last deployed revision: polyaxon-setup rollback --release ${f.release} -n ${f.namespace}.`,
  },
  {
    kind: 'release-exists',
    test: /cannot re-?use a name that is still in use/,
    message: (f) => `A release named ${f.release} already exists in ${where(f)}.`,
    hint: (f) =>
      `Change it with \`polyaxon-setup upgrade${f.release === 'polyaxon' ? '' : ` --release ${f.release}`}\`, or install under another --release.`,
  },
  {
    kind: 'no-deployed-release',
    test: /has no deployed releases/,
    message: (f) =>
      `Release ${f.release} has nothing deployed to ${f.op}: it was never installed in ${where(f)}, or its every revision failed.`,
    hint: (f) =>
      `Install it (polyaxon-setup --yes), or remove the failed one first (polyaxon-setup uninstall --yes --no-hooks --release ${f.release} -n ${f.namespace}).`,
  },
  {
    kind: 'release-not-found',
    test: /release: not found|Release not loaded/,
    message: (f) => `There is no release ${f.release} in ${where(f)}.`,
    hint: () => 'Check --release and --namespace (`helm list -A` lists every release).',
  },
  {
    kind: 'api-not-served',
    test: /no matches for kind "([^"]+)" in version "([^"]+)"/,
    message: (f, m) =>
      `The chart${f.chartVersion ? ` ${f.chartVersion}` : ''} makes a ${m[1]} of ${m[2]}, which this cluster does not serve.`,
    hint: () =>
      'This chart was made for another Kubernetes: `polyaxon-setup doctor` says which chart version fits; pick it with --chart-version.',
  },
  {
    kind: 'chart-unrenderable',
    // helm 3: `template: a.yaml:7:24: executing ... template: cm.yaml:133:8: executing`; helm 4 breaks the lines.
    test: /parse error at \(([^)]+)\)|(\S+\.(?:yaml|tpl|txt):\d+):\d+:?\s+executing "/,
    message: (f, m) =>
      `helm cannot render the chart${f.chartVersion ? ` ${f.chartVersion}` : ''}: its template ${m[1] ?? innermostTemplate(m)} fails.`,
    hint: () => "Pick a chart version today's helm renders with --chart-version (chart 1.x and 2.x do).",
  },
  {
    kind: 'chart-version-not-found',
    test: /chart "([^"]+)" (?:matching|version) "?([^"\s]+)"? not found|no chart version found for (\S+)/,
    message: (f, m) =>
      `The chart ${m[1] ?? m[3] ?? f.chart} has no version ${m[2] ?? f.chartVersion ?? ''}.`.replace(/ \./, '.'),
    hint: () => '`helm search repo polyaxon/polyaxon --versions` lists the versions; pick one with --chart-version.',
  },
  {
    kind: 'chart-not-found',
    test: /repo (\S+) not found|path "([^"]+)" not found|chart "([^"]+)" not found|Chart\.yaml file is missing|no chart name found|failed to download|not a valid chart/,
    message: (f, m) => `The chart ${m[2] ?? m[3] ?? f.chart ?? ''} cannot be found.`.replace('  ', ' '),
    hint: () =>
      'Check --chart (a chart directory or .tgz), or let polyaxon-setup use the polyaxon repository (omit --chart).',
  },
  {
    kind: 'hook-failed',
    test: /job (\S+) failed|Job\/[^/\s]+\/(\S+) not ready\. status: Failed|BackoffLimitExceeded/,
    message: (f, m) => `The hook Job ${m[1] ?? m[2] ?? ''} of helm ${f.op} failed.`.replace('Job  of', 'Job of'),
    hint: (f, m) =>
      f.op === 'uninstall'
        ? `Broken releases usually fail their pre-delete hooks: uninstall without them (polyaxon-setup uninstall --no-hooks --yes).`
        : `See why: kubectl logs job/${m[1] ?? m[2] ?? 'NAME'} ${nsFlag(f)}; failed hook Jobs stay behind (kubectl get jobs ${nsFlag(f)}).`,
  },
  {
    kind: 'timeout',
    test: /timed out waiting for the condition|context deadline exceeded/,
    message: (f) => `helm ${f.op} timed out waiting for the cluster (usually a hook Job that never finished).`,
    hint: (f) =>
      `Look at what is stuck: kubectl get pods,jobs ${nsFlag(f)} (images still pulling, pods Pending for lack of resources).`,
  },
  {
    kind: 'helm-too-old',
    test: /unknown (?:shorthand )?flag:? '?(-{1,2}[\w-]+)/,
    message: (_f, m) => `This helm does not know the flag ${m[1]}.`,
    hint: () => 'Use helm 3.13 or newer, or helm 4 (https://helm.sh/docs/intro/install/).',
  },
  {
    kind: 'invalid-values',
    test: /values don't meet the specifications of the schema|YAML parse error|error converting YAML to JSON/,
    message: () => 'The chart rejected the values.',
    hint: () => 'Check them with `polyaxon-setup validate config.yaml`.',
  },
];

/** The last `file:line` of a template error chain: where the template itself is wrong. */
function innermostTemplate(m: RegExpMatchArray): string {
  const all = [...(m.input ?? '').matchAll(/(\S+\.(?:yaml|tpl|txt):\d+):\d+:?\s+executing "/g)];
  return (all.pop() ?? m)[1].replace(/^template: /, '');
}

/**
 * The part of helm's stderr worth quoting: its `Error:` line without the `INSTALLATION FAILED:`
 * prefixes, with helm 3's "1 error occurred: * x" list folded in; else the last line.
 */
export function helmErrorDetail(stderr: string): string {
  const lines = stderr.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('Error: '));
  if (start < 0)
    return (
      lines
        .filter((l) => l.trim())
        .pop()
        ?.trim() ?? ''
    );
  const rest = lines.slice(start);
  const text = rest
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/^Error: /, '')
    .replace(/^(INSTALLATION|UPGRADE|ROLLBACK) FAILED: /, '')
    .replace(/\d+ errors? occurred: \* /, '')
    .replace(/ \* /g, '; ');
  return text;
}

export function classifyHelmFailure(stderr: string, facts: FailureFacts): HelmError {
  const detail = helmErrorDetail(stderr);
  for (const rule of HELM_FAILURES) {
    const m = stderr.match(rule.test);
    if (m) return new HelmError(rule.kind, `${rule.message(facts, m)}\n  helm: ${detail}`, rule.hint(facts, m));
  }
  return new HelmError(
    'unknown',
    `helm ${facts.op} failed.\n  helm: ${detail || '(no output)'}`,
    'Run the helm command shown above yourself with --debug to see more.',
  );
}

/** helm is not where we looked. */
export function helmNotFound(looked: string): HelmError {
  return new HelmError(
    'helm-not-found',
    `helm was not found (${looked}).`,
    'Install helm 4 or helm 3.13+ (https://helm.sh/docs/intro/install/), or point --helm at it.',
  );
}
