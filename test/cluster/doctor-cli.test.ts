import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ExitCode } from '../../src/errors.js';
import { fixture } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { clusterPool, timed } from './fake.js';
import { SCENARIOS } from './scenarios.js';

const start = clusterPool(after);

/** Nothing from the machine running the tests: no kubeconfig, no in-cluster service account. */
const isolated = () => ({ HOME: tempDir(), KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' });
/** Node start-up and module loading of the CLI process, on top of the probe's own --timeout. */
const PROCESS_SLACK_MS = 3000;

test('doctor: the report of a kubespray cluster, with the values it means and the problems', async () => {
  const { kubeconfig } = await start({ ...SCENARIOS.kubespray, releaseSecrets: [fixture('helm-release-secret.json')] });
  const r = await runCli(['doctor', '--kubeconfig', kubeconfig], { env: isolated() });
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Distribution +kubespray: DNS Service kube-system\/coredns annotated createdby: kubespray$/m);
  assert.match(r.stdout, /^DNS +CoreDNS behind Service kube-system\/coredns; domain cluster\.local/m);
  assert.match(r.stdout, /^Suggested config: preset kubespray/m);
  assert.match(r.stdout, /^ {2}dns\.backend = coredns$/m);
  assert.match(r.stdout, /^Release +polyaxon revision 2, deployed, chart polyaxon 2\.15\.1/m);
  assert.match(r.stdout, /^ {2}! PXS0503 Several nodes and no ReadWriteMany storage/m);
  assert.doesNotMatch(r.stdout, /\u001b\[/);
});

test('doctor --json: the probe, the suggestion and the problems as one JSON document', async () => {
  const { kubeconfig } = await start(SCENARIOS['GKE with a T4 GPU node']);
  const r = await runCli(['doctor', '--json', '--kubeconfig', kubeconfig, '--namespace', 'ml', '--release', 'px'], {
    env: isolated(),
  });
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.ok, true);
  assert.equal(doc.probe.namespace, 'ml');
  assert.equal(doc.probe.release, 'px');
  assert.equal(doc.probe.distribution.name, 'gke');
  assert.equal(doc.probe.gpu.status, 'ok');
  assert.equal(doc.probe.gpu.data.gpus, 1);
  assert.equal(doc.suggestion.preset, 'gke');
  assert.deepEqual(doc.suggestion.values.resourcesDaemon.tolerations, [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  assert.ok(Array.isArray(doc.problems));
});

test('doctor exits 9 on an error finding; --json gives the same findings, each with code, evidence and fix', async () => {
  const { cluster, kubeconfig } = await start(SCENARIOS.minikube);
  cluster.forbid({ verb: 'create', resource: 'namespaces' });
  const text = await runCli(['doctor', '--kubeconfig', kubeconfig, '--namespace', 'team'], { env: isolated() });
  assert.equal(text.exitCode, ExitCode.Findings, text.stderr);
  assert.match(text.stdout, /^ {2}✗ PXS0101 The namespace team does not exist and this account may not create it/m);
  assert.match(text.stdout, /^ {6}→ Ask a cluster administrator to run: kubectl create namespace team/m);
  const json = await runCli(['doctor', '--json', '--kubeconfig', kubeconfig, '--namespace', 'team'], {
    env: isolated(),
  });
  assert.equal(json.exitCode, ExitCode.Findings);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.ok, false);
  const f = doc.findings.find((x: { code: string }) => x.code === 'PXS0101');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.evidence, ['namespace team not found', 'SelfSubjectAccessReview create namespaces: denied']);
  assert.match(f.fix, /kubectl create namespace team/);
  assert.deepEqual(doc.problems, doc.findings);
  // The same namespace existing: a note, not an error, and exit 0.
  const exists = await runCli(['doctor', '--kubeconfig', kubeconfig], { env: isolated() });
  assert.equal(exists.exitCode, ExitCode.Ok, exists.stdout);
  assert.match(exists.stdout, /^ {2}i PXS0102 This account may not create namespaces; namespace polyaxon exists/m);
});

test('doctor --kube-context picks the context; KUBECONFIG is honoured', async () => {
  const { cluster } = await start(SCENARIOS.minikube);
  const file = join(tempDir(), 'config');
  await cluster.writeKubeconfig(file, { context: 'dev' });
  const r = await runCli(['doctor', '--json', '--kube-context', 'dev'], { env: { ...isolated(), KUBECONFIG: file } });
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  assert.equal(JSON.parse(r.stdout).probe.context, 'dev');
});

const failures: [string, () => Promise<{ args: string[]; env?: Record<string, string> }>, number, RegExp][] = [
  ['no kubeconfig', async () => ({ args: [] }), ExitCode.ClusterUnreachable, /^Error: No kubeconfig found/],
  [
    'an unreachable server',
    async () => {
      const p = await start(SCENARIOS.minikube);
      await p.cluster.close();
      return { args: ['--kubeconfig', p.kubeconfig] };
    },
    ExitCode.ClusterUnreachable,
    /^Error: Cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \(context "fake"\): connection refused\.$/m,
  ],
  [
    'an expired token',
    async () => {
      const p = await start(SCENARIOS.minikube);
      await p.cluster.writeKubeconfig(p.kubeconfig, { context: 'fake', token: 'expired' });
      return { args: ['--kubeconfig', p.kubeconfig] };
    },
    ExitCode.Forbidden,
    /^Error: The cluster at .* rejected the credentials \(401 Unauthorized\)\.$/m,
  ],
  [
    'an account refused everything',
    async () => {
      const p = await start(SCENARIOS.minikube);
      p.cluster.forbid({});
      return { args: ['--kubeconfig', p.kubeconfig] };
    },
    ExitCode.Forbidden,
    /^Error: The cluster at .* answered, but refused every read \(403 Forbidden\)/m,
  ],
  [
    'a server that never answers',
    async () => {
      const p = await start(SCENARIOS.minikube);
      p.cluster.intercept(() => 'hang');
      return { args: ['--kubeconfig', p.kubeconfig] };
    },
    ExitCode.ClusterUnreachable,
    /^Error: The cluster at .* did not answer within 3s\.$/m,
  ],
];

for (const [name, setup, exitCode, line] of failures) {
  test(`doctor with ${name}: one line and a hint on stderr, exit ${exitCode}, within the timeout`, async () => {
    const { args } = await setup();
    // Only silence should meet the deadline; answered failures get one far out of their way.
    const timeout = exitCode === ExitCode.ClusterUnreachable && /did not answer/.test(String(line)) ? '3s' : '15s';
    const { ms, value: r } = await timed(() => runCli(['doctor', '--timeout', timeout, ...args], { env: isolated() }));
    assert.ok(r);
    assert.equal(r.exitCode, exitCode, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0], line);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(ms < parseInt(timeout, 10) * 1000 + PROCESS_SLACK_MS, `took ${ms} ms`);
  });
}

test('doctor --json on a failure: the error as JSON on stdout', async () => {
  const r = await runCli(['doctor', '--json', '--timeout', '1s'], { env: isolated() });
  assert.equal(r.exitCode, ExitCode.ClusterUnreachable);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.error.kind, 'ClusterError');
  assert.match(doc.error.message, /^No kubeconfig found/);
  assert.match(doc.error.hint, /KUBECONFIG/);
});
