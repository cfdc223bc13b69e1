/** Deployment: what kind of cluster, where the release goes, which chart and Polyaxon versions. */
import { checks } from '../src/model/checks.js';
import { DEPLOYMENT_TYPES, type DeploymentType } from '../src/model/values.js';
import { hintFor } from './facts.js';
import { checked, hasAll, str } from './lib/answers.js';
import type { Field, Step, StepContext } from './types.js';

const TYPE_LABELS: Record<string, string> = {
  kubernetes: 'kubernetes: any cluster',
  minikube: 'minikube: a local single-node cluster',
  microk8s: 'microk8s: a single-node microk8s',
  'docker-compose': 'docker-compose: values only, not installed with helm',
};

/** helm's limit: release names become part of resource names (helm/helm#6006). */
const RELEASE_MAX = 53;

function validateChartVersion(s: string): string | undefined {
  if (s === '') return undefined;
  return /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(s)
    ? undefined
    : `"${s}" is not a chart version such as 0.6.1 (leave empty for the latest)`;
}

function fields(ctx: StepContext): Field[] {
  const { values, facts, meta, mode } = ctx;
  const out: Field[] = [
    {
      kind: 'select',
      id: 'deploymentType',
      givenBy: ['deploymentType'],
      label: 'What kind of cluster is this?',
      help: 'Polyaxon uses it to show the right instructions.',
      default: values.deploymentType ?? 'kubernetes',
      choices: DEPLOYMENT_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })),
      hint:
        hintFor(facts, 'deploymentType') ??
        (facts?.distribution ? `the cluster looks like ${facts.distribution}` : undefined),
    },
  ];
  // An upgrade keeps the release where it is: helm cannot move it.
  if (mode === 'install') {
    out.push(
      {
        kind: 'text',
        id: 'namespace',
        givenBy: ['namespace'],
        label: 'Namespace',
        help: 'Where the release goes and where Polyaxon creates its runs.',
        default: values.namespace ?? meta.namespace,
        validate: checked((s) => checks.dns1123Label(s)),
      },
      {
        kind: 'text',
        id: 'release',
        label: 'Release name',
        default: meta.release,
        validate: checked((s) => checks.dns1123Label(s, RELEASE_MAX)),
        hint: facts?.existingRelease
          ? `a release of this name is already ${facts.existingRelease.status ?? 'installed'}: use \`polyaxon-setup upgrade\` to change it`
          : undefined,
      },
    );
  }
  out.push(
    {
      kind: 'text',
      id: 'chartVersion',
      label: mode === 'upgrade' ? 'Helm chart version to upgrade to' : 'Helm chart version',
      help: 'What helm installs. Empty: the latest the repository serves. 0.6.x reads every key this wizard writes; later lines ignore some (you will be warned).',
      default: meta.chartVersion,
      validate: validateChartVersion,
    },
    {
      kind: 'text',
      id: 'deploymentVersion',
      givenBy: ['deploymentVersion'],
      label: 'Polyaxon version pinned for polyaxon-cli (deploymentVersion)',
      help: 'Not the chart: polyaxon-cli reads it so it never deploys another version by accident.',
      default: values.deploymentVersion ?? 'latest',
      validate: (s) => (s.trim() === '' ? 'is empty; use "latest" or a version such as 1.22.0' : undefined),
    },
  );
  return out;
}

export const deploymentStep: Step = {
  id: 'deployment',
  title: 'Deployment',
  isAnswered: (answered) => hasAll(answered, ['deploymentType', 'namespace']),
  fields,
  apply({ answers, meta, mode }) {
    return {
      deploymentType: str(answers.deploymentType) as DeploymentType,
      ...(mode === 'install' ? { namespace: str(answers.namespace, meta.namespace) } : {}),
      deploymentVersion: str(answers.deploymentVersion, 'latest'),
    };
  },
  meta({ answers, meta, mode }) {
    if (mode === 'upgrade') return { chartVersion: str(answers.chartVersion) };
    return {
      namespace: str(answers.namespace, meta.namespace),
      release: str(answers.release, meta.release),
      chartVersion: str(answers.chartVersion),
    };
  },
};
