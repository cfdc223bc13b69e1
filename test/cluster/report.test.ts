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
  assert.match(report, /Notes\n {2}i PXS0102 This account may not create namespaces/);
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
  assert.match(text, /^ {2}✗ PXS0103 The install needs what this account may not do: create clusterroles/m);
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
  // Long lines are wrapped: read the text unwrapped.
  assert.match(
    report.replace(/\n +/g, ' '),
    /StorageClass nfs-client \(cluster\.local\/nfs-subdir-external-provisioner\) gives ReadWriteMany claims/,
  );
  assert.ok(
    report.split('\n').every((l) => l.length <= 130),
    'no report line is longer than a terminal is wide',
  );
  assert.match(
    report,
    /i PXS0506 The install creates the claim polyaxon-pvc-outputs \(50Gi, ReadWriteMany, StorageClass nfs-client\)/,
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

test('every finding has a stable code, a severity, evidence and, where it sets values, the change', () => {
  const seen = new Map<string, string>();
  for (const [name, sc] of Object.entries(SCENARIOS)) {
    for (const f of problemsOf(composeResult(sc))) {
      assert.match(f.code, /^PXS\d{4}$/, `${name}: ${f.message}`);
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(f.evidence.length > 0, `${name}: ${f.code} has evidence`);
      for (const c of f.change ?? []) assert.ok(c.field.length > 0);
      // One code, one kind of finding.
      const topic = seen.get(f.code);
      if (topic) assert.equal(topic, f.topic, f.code);
      seen.set(f.code, f.topic);
    }
  }
  assert.ok(seen.size >= 5, [...seen.keys()].join(' '));
});

test('the README lists every code the findings use', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { repoRoot } = await import('../support/paths.js');
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const source = readFileSync(join(repoRoot, 'src', 'cluster', 'diagnose.ts'), 'utf8');
  const codes = new Set(source.match(/PXS\d{4}/g));
  for (const code of codes) assert.match(readme, new RegExp(`\\| \`${code}\` \\|`), `${code} is in the README`);
});

test('the wizard review says what doctor says, with the same codes', async () => {
  const { factsFromProbe } = await import('../../src/commands/support/wizard-facts.js');
  const r = composeResult(SCENARIOS['kubeadm with CephFS, the namespace enforcing Pod Security baseline']);
  const s = suggestValues(r);
  const findings = diagnose(r, s);
  const facts = factsFromProbe(r, { ...s, findings });
  assert.deepEqual(
    facts.warnings.map((w) => w.split(' ')[0]),
    findings.map((f) => f.code),
  );
  assert.ok(
    facts.warnings.some((w) => /^PXS0504 Host path volumes are refused here: namespace polyaxon is labelled/.test(w)),
  );
});
