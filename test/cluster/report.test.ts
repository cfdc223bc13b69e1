import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../src/cluster/diagnose.js';
import { formatReport, styleFor } from '../../src/cluster/doctor-report.js';
import { suggestValues } from '../../src/cluster/suggest.js';
import type { ProbeResult } from '../../src/cluster/types.js';
import { fixture } from '../support/paths.js';
import { composeResult, nodeWith, variant } from './compose.js';
import { SCENARIOS } from './scenarios.js';

const problemsOf = (r: ProbeResult) => diagnose(r, suggestValues(r));
const messages = (r: ProbeResult) => problemsOf(r).map((p) => `${p.severity} ${p.message}`);

test('a healthy minikube has no problems', () => {
  assert.deepEqual(problemsOf(composeResult(SCENARIOS.minikube)), []);
});

test('denied permissions are one error naming each; a missing namespace that cannot be created is another', () => {
  const r = composeResult({
    ...SCENARIOS.minikube,
    denied: ['create clusterroles', 'create namespaces'],
    namespaceExists: false,
  });
  const p = problemsOf(r);
  assert.deepEqual(
    p.map((x) => [x.severity, x.topic]),
    [
      ['error', 'permissions'],
      ['error', 'permissions'],
    ],
  );
  assert.match(p[0].message, /namespace polyaxon does not exist and this account may not create it/);
  assert.match(p[0].fix ?? '', /kubectl create namespace polyaxon/);
  assert.match(p[1].message, /may not do: create clusterroles\.rbac\.authorization\.k8s\.io\.$/);
});

test('create namespaces denied while the namespace exists: no problem, but said (the install leaves out --create-namespace)', () => {
  const r = composeResult({ ...SCENARIOS.minikube, denied: ['create namespaces'] });
  const p = problemsOf(r);
  assert.deepEqual(
    p.map((x) => [x.severity, x.topic]),
    [['info', 'permissions']],
  );
  assert.match(
    p[0].message,
    /may not create namespaces; namespace polyaxon exists, so the install runs helm without --create-namespace/,
  );
  const report = formatReport(r, suggestValues(r), p, styleFor(false));
  assert.match(report, /No problems found\./);
  assert.match(report, /Notes\n {2}i This account may not create namespaces/);
  assert.match(report, /Access +namespace polyaxon exists; 1 of \d+ denied: create namespaces/);
  assert.equal(suggestValues(r).namespace?.createNamespace, false);
});

test('storage: no default class; several nodes without ReadWriteMany storage', () => {
  const r = composeResult({ ...SCENARIOS.kubespray, storageClasses: [] });
  const m = messages(r);
  assert.ok(
    m.some((x) => /^warning No default StorageClass/.test(x)),
    m.join('\n'),
  );
  assert.ok(
    m.some((x) => /^warning Several nodes and no ReadWriteMany storage/.test(x)),
    m.join('\n'),
  );
});

test('a refused or failed part is a warning naming what to ask for', () => {
  const r = composeResult(SCENARIOS.minikube, {
    nodes: { status: 'forbidden', reason: 'nodes is forbidden: User "x" cannot list resource "nodes"' },
    gpu: { status: 'forbidden', reason: 'nodes cannot be listed' },
    ingress: { status: 'error', reason: 'no answer in time' },
  });
  const p = problemsOf(r);
  assert.equal(p.length, 2, 'the GPU part is not reported twice');
  assert.match(p[0].message, /^Nodes could not be read: nodes is forbidden/);
  assert.match(p[0].fix ?? '', /list nodes \(cluster-wide\)/);
  assert.match(p[1].fix ?? '', /--timeout 20s/);
});

test('a stuck release is an error with the rollback; a deployed dns that the cluster contradicts is a warning', () => {
  const r = composeResult({ ...SCENARIOS.minikube, releaseSecrets: [fixture('helm-release-secret.json')] });
  const m = messages(r);
  assert.deepEqual(m, ['warning The deployed release sets dns.backend=coredns, but this cluster needs kube-dns.']);
  if (r.existingRelease.status !== 'ok' || !r.existingRelease.data.latest) throw new Error('release');
  r.existingRelease.data.latest.status = 'pending-upgrade';
  const p = problemsOf(r).find((x) => x.severity === 'error');
  assert.match(p?.message ?? '', /stuck in pending-upgrade \(revision 2\)/);
  assert.match(p?.fix ?? '', /polyaxon-setup rollback/);
});

test('GPU nodes whose driver paths are only a guess: a warning with the guess', () => {
  const ubuntuGpu = variant('node-gke-t4.json', (n) => {
    n.metadata.labels = {};
    n.status.nodeInfo.osImage = 'Ubuntu 22.04.4 LTS';
  });
  const m = messages(composeResult({ ...SCENARIOS.minikube, nodes: [ubuntuGpu] }));
  assert.ok(
    m.some((x) => /dirs\.nvidia is left unset: .*a guess \(\/usr\/lib\/x86_64-linux-gnu/.test(x)),
    m.join('\n'),
  );
});

test('the report: every part on its line, the suggestion with reasons, problems with fixes; no colour unless asked', () => {
  const r = composeResult({
    ...SCENARIOS['GKE with a T4 GPU node'],
    releaseSecrets: [fixture('helm-release-secret.json')],
    denied: ['create clusterroles'],
  });
  const s = suggestValues(r);
  const text = formatReport(r, s, diagnose(r, s));
  for (const label of [
    'Cluster',
    'Distribution',
    'Nodes',
    'DNS',
    'GPUs',
    'Storage',
    'Ingress',
    'TLS secrets',
    'cert-manager',
    'Release',
    'Access',
  ]) {
    assert.match(text, new RegExp(`^${label} +\\S`, 'm'), label);
  }
  assert.match(text, /^GPUs +1 on 1 node \(nvidia-tesla-t4\); driver GKE-managed \(default\)$/m);
  assert.match(text, /^Release +polyaxon revision 2, deployed, chart polyaxon 2\.15\.1, 2025-03-14$/m);
  assert.match(text, /^Suggested config: preset gke/m);
  assert.match(text, /^ {2}dns\.backend = kube-dns\n {6}the cluster DNS Service is kube-system\/kube-dns/m);
  assert.match(text, /^ {2}✗ The install needs what this account may not do: create clusterroles/m);
  assert.match(text, /^ {6}→ Ask a cluster administrator/m);
  assert.doesNotMatch(text, /\u001b\[/);
  assert.match(formatReport(r, s, diagnose(r, s), styleFor(true)), /\u001b\[1mCluster/);
});

test('a failed part reads as not read, with its status and reason', () => {
  const r = composeResult(SCENARIOS.minikube, {
    storage: { status: 'forbidden', reason: 'storageclasses.storage.k8s.io is forbidden' },
  });
  assert.match(
    formatReport(r, suggestValues(r), []),
    /^Storage +not read \(forbidden\): storageclasses\.storage\.k8s\.io is forbidden$/m,
  );
  assert.match(formatReport(r, suggestValues(r), []), /^No problems found\.$/m);
});

test('a single node without marks, no ingress: minikube preset, plain kubernetes deployment type', () => {
  const s = suggestValues(composeResult({ nodes: [nodeWith({ name: 'docker-desktop' })] }));
  assert.equal(s.preset, 'minikube');
  assert.equal(s.values.deploymentType, 'kubernetes');
});

test('storage: an RWX default class on several nodes puts the outputs on a claim, and the report says so', () => {
  const r = composeResult(SCENARIOS['a custom cluster domain']);
  const s = suggestValues(r);
  const report = formatReport(r, s, diagnose(r, s), styleFor(false));
  assert.match(
    report,
    /persistence\.outputs = \{"default-outputs":null,"outputs":\{"existingClaim":"polyaxon-pvc-outputs"/,
  );
  assert.match(
    report,
    /StorageClass nfs-client \(cluster\.local\/nfs-subdir-external-provisioner\) gives ReadWriteMany claims/,
  );
  assert.match(
    report,
    /i The install creates the claim polyaxon-pvc-outputs \(50Gi, ReadWriteMany, StorageClass nfs-client\)/,
  );
});

test('storage: where hostPath is refused (Talos, Autopilot, OpenShift, Pod Security) a warning names why', () => {
  for (const [name, why] of [
    ['Talos, one node (Pod Security baseline by default)', /Talos enforces Pod Security baseline by default/],
    ['GKE Autopilot (gk3- nodes, auto.gke.io)', /GKE Autopilot allows hostPath only read-only under \/var\/log/],
    ['OpenShift', /restricted-v2 SCC/],
    [
      'kubeadm with CephFS, the namespace enforcing Pod Security baseline',
      /labelled pod-security\.kubernetes\.io\/enforce: baseline/,
    ],
  ] as const) {
    const m = messages(composeResult(SCENARIOS[name]));
    assert.ok(
      m.some((x) => /^warning Host path volumes are refused here: /.test(x) && why.test(x)),
      `${name}: ${m.join('\n')}`,
    );
  }
  const restricted = problemsOf(
    composeResult(SCENARIOS['kubeadm with Longhorn, the namespace enforcing Pod Security restricted']),
  );
  assert.ok(restricted.some((p) => p.severity === 'info' && /runs the core containers as non-root/.test(p.message)));
  // Talos with the namespace labelled privileged allows host paths.
  const privileged = composeResult({
    ...SCENARIOS['Talos, one node (Pod Security baseline by default)'],
    namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
  });
  assert.deepEqual(suggestValues(privileged).storage?.hostPathRefused, []);
});

test('storage: no default StorageClass names the classes and offers one to mark default', () => {
  const r = composeResult({
    ...SCENARIOS.kubespray,
    storageClasses: [
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'local-path' },
        provisioner: 'rancher.io/local-path',
      },
    ],
  });
  const p = problemsOf(r).find((x) => /^No default StorageClass/.test(x.message));
  assert.match(p?.message ?? '', /Classes here: local-path\./);
  assert.match(p?.fix ?? '', /kubectl patch storageclass local-path /);
});
