/** Cluster facts and wizard options the wizard tests share. */
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import type { Values } from '../../src/model/values.js';
import { emptyFacts, type ClusterFacts } from '../../steps/facts.js';
import type { WizardOptions } from '../../src/ui/wizard-session.js';
import { tempDir } from '../support/run-cli.js';
import { join } from 'node:path';
import { fileJournal, RESUME_FILE } from '../../src/commands/support/resume.js';

export const PASSWORD = 'generated-password-for-tests';

export function minikubeFacts(extra: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    ...emptyFacts(),
    context: 'minikube',
    server: 'https://192.168.49.2:8443',
    distribution: 'minikube',
    suggested: { deploymentType: 'minikube', serviceType: 'NodePort', ingress: { enabled: false } },
    hints: { deploymentType: 'the cluster looks like minikube (node label minikube.k8s.io/name)' },
    ...extra,
  };
}

export function gkeFacts(extra: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    ...emptyFacts(),
    context: 'gke_acme_europe-west1_prod',
    server: 'https://34.76.0.1',
    distribution: 'gke',
    pvcs: ['polyaxon-pvc-logs', 'data-imagenet'],
    tlsSecrets: ['polyaxon-tls'],
    clusterIssuers: ['letsencrypt-prod'],
    ingressClasses: ['gce', 'nginx'],
    gpu: {
      summary: '2 nodes, 2 GPUs (Tesla T4)',
      taints: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      paths: {
        lib: '/home/kubernetes/bin/nvidia/lib64',
        bin: '/home/kubernetes/bin/nvidia/bin',
        libcuda: '/home/kubernetes/bin/nvidia/lib64/libcuda.so.1',
      },
      reason: 'GKE COS driver installer mounts /home/kubernetes/bin/nvidia',
    },
    suggested: { deploymentType: 'kubernetes', serviceType: 'NodePort', ingress: { enabled: true } },
    hints: { serviceType: "GKE's ingress needs a NodePort service" },
    ...extra,
  };
}

/** Options for an install wizard in a fresh folder, on the given fake terminal. */
export function wizardOptions(extra: Partial<WizardOptions> = {}): WizardOptions & { dir: string } {
  const dir = tempDir('polyaxon-wizard-');
  return {
    dir,
    initial: SPEC_DEFAULTS as Values,
    answered: new Set(),
    facts: Promise.resolve(undefined),
    plain: false,
    configPath: join(dir, 'config.yaml'),
    generatePassword: () => PASSWORD,
    color: false,
    inkDebug: true,
    journal: fileJournal(join(dir, RESUME_FILE), () => new Date('2026-01-02T03:04:05Z')),
    helmCommand: (_v, t) =>
      `helm install --namespace ${t.namespace} -f config.yaml${t.chartVersion ? ` --version ${t.chartVersion}` : ''} -- ${t.release} polyaxon/polyaxon`,
    ...extra,
  };
}
