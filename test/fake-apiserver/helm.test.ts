/**
 * Fidelity: the real helm 3.17 and 4.1 binaries install, upgrade, list, read values of and
 * uninstall a small chart (ConfigMap, Deployment, Service, post-install hook Job) against the
 * fake apiserver. Helm 3 exercises protobuf Secret writes, strategic merge patches and
 * list+watch; helm 4 server-side apply and WatchList (sendInitialEvents).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { helmBinary, helmEnv } from '../support/helm-binaries.js';

const CHART: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: smoke\nversion: 0.1.0\nappVersion: "1.0"\n',
  'values.yaml': 'replicas: 1\nmessage: hello\nannotate: true\nfailHook: false\n',
  'templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cfg
data:
  message: {{ .Values.message | quote }}
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels: {app: {{ .Release.Name }}-web}
  {{- if .Values.annotate }}
  annotations: {example.com/annotated: "yes"}
  {{- end }}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: {{ .Release.Name }}-web}}
  template:
    metadata: {labels: {app: {{ .Release.Name }}-web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env: [{name: MESSAGE, value: {{ .Values.message | quote }}}]
          ports: [{containerPort: 80}]
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector: {app: {{ .Release.Name }}-web}
  ports: [{port: 80, targetPort: 80}]
`,
  'templates/hook.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-post
  annotations:
    helm.sh/hook: post-install,post-upgrade
    helm.sh/hook-delete-policy: before-hook-creation
    {{- if .Values.failHook }}
    fake.test/fail: "true"
    {{- end }}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: post, image: busybox, command: ["true"]}]
`,
};

function writeChart(dir: string): void {
  for (const [name, text] of Object.entries(CHART)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

for (const major of [3, 4] as const) {
  describe(`helm ${major} against the fake apiserver`, () => {
    const ns = 'smoke-ns';
    let cluster: FakeCluster;
    let work: string;
    let helmPath: string;

    const helm = async (...args: string[]) => {
      const r = await execa(helmPath, [...args, '--kubeconfig', join(work, 'kubeconfig')], {
        reject: false,
        timeout: 60_000,
        extendEnv: false,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          ...helmEnv(work),
        },
      });
      return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    const ok = async (...args: string[]) => {
      const r = await helm(...args);
      assert.equal(r.code, 0, `helm ${args.join(' ')} failed:\n${r.stderr}\n${r.stdout}`);
      return r.stdout;
    };
    const releaseSecrets = () => cluster.store.list('secrets', ns).filter((s) => s.metadata.labels?.owner === 'helm');

    before(async () => {
      helmPath = await helmBinary(major);
      work = mkdtempSync(join(tmpdir(), `fake-apiserver-helm${major}-`));
      writeChart(join(work, 'chart'));
      cluster = await startFakeCluster({ failJob: (job) => job.metadata?.annotations?.['fake.test/fail'] === 'true' });
      await cluster.writeKubeconfig(join(work, 'kubeconfig'));
    });

    after(async () => {
      await cluster?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('installs into a new namespace and runs the post-install hook', async () => {
      await ok('install', 'smoke', join(work, 'chart'), '-n', ns, '--create-namespace', '--wait', '--timeout', '60s');
      assert.equal(cluster.store.get('ConfigMap', 'smoke-cfg', ns)?.data?.message, 'hello');
      assert.equal(cluster.store.get('Deployment', 'smoke-web', ns)?.status?.readyReplicas, 1);
      assert.match(cluster.store.get('Service', 'smoke-web', ns)?.spec?.clusterIP ?? '', /^10\.96\./);
      const hook = cluster.store.get('Job', 'smoke-post', ns);
      assert.ok(hook?.status?.conditions?.some((c: any) => c.type === 'Complete' && c.status === 'True'));
      assert.deepEqual(
        releaseSecrets().map((s) => [s.metadata.name, s.metadata.labels.status, s.type]),
        [['sh.helm.release.v1.smoke.v1', 'deployed', 'helm.sh/release.v1']],
      );
    });

    it('upgrades: changed values reach the objects and removed fields are removed', async () => {
      await ok(
        'upgrade',
        'smoke',
        join(work, 'chart'),
        '-n',
        ns,
        '--set',
        'message=bye,replicas=2,annotate=false',
        '--wait',
        '--timeout',
        '60s',
      );
      assert.equal(cluster.store.get('ConfigMap', 'smoke-cfg', ns)?.data?.message, 'bye');
      const dep = cluster.store.get('Deployment', 'smoke-web', ns);
      assert.deepEqual(dep.spec.template.spec.containers[0].env, [{ name: 'MESSAGE', value: 'bye' }]);
      assert.equal(dep.spec.replicas, 2);
      assert.equal(dep.metadata.annotations?.['example.com/annotated'], undefined);
      assert.equal(dep.status.readyReplicas, 2);
      const running = cluster.store
        .list('pods', ns)
        .filter((p) => p.metadata.labels?.app === 'smoke-web' && p.status.phase === 'Running');
      assert.equal(running.length, 2);
      assert.deepEqual(
        releaseSecrets()
          .map((s) => [s.metadata.name, s.metadata.labels.status])
          .sort(),
        [
          ['sh.helm.release.v1.smoke.v1', 'superseded'],
          ['sh.helm.release.v1.smoke.v2', 'deployed'],
        ],
      );
    });

    it('lists the release and reads its values back', async () => {
      const list = JSON.parse(await ok('list', '-n', ns, '-o', 'json'));
      assert.deepEqual(
        list.map((r: any) => [r.name, r.revision, r.status]),
        [['smoke', '2', 'deployed']],
      );
      const values = JSON.parse(await ok('get', 'values', 'smoke', '-n', ns, '-o', 'json'));
      assert.deepEqual(values, { annotate: false, message: 'bye', replicas: 2 });
    });

    it('fails the upgrade when the hook Job fails', async () => {
      const r = await helm(
        'upgrade',
        'smoke',
        join(work, 'chart'),
        '-n',
        ns,
        '--reuse-values',
        '--set',
        'failHook=true',
        '--timeout',
        '60s',
      );
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /smoke-post|BackoffLimitExceeded|failed/i);
      const v3 = releaseSecrets().find((s) => s.metadata.name === 'sh.helm.release.v1.smoke.v3');
      assert.equal(v3?.metadata.labels.status, 'failed');
    });

    it('uninstalls: workloads, their pods and the release records are gone', async () => {
      await ok('uninstall', 'smoke', '-n', ns, '--wait', '--timeout', '60s');
      assert.equal(cluster.store.get('ConfigMap', 'smoke-cfg', ns), undefined);
      assert.equal(cluster.store.get('Deployment', 'smoke-web', ns), undefined);
      assert.equal(cluster.store.get('Service', 'smoke-web', ns), undefined);
      assert.deepEqual(cluster.store.list('replicasets', ns), []);
      assert.deepEqual(cluster.store.list('pods', ns), []);
      assert.deepEqual(releaseSecrets(), []);
      assert.deepEqual(JSON.parse(await ok('list', '-n', ns, '-o', 'json')), []);
    });

    it('never hit a path the fake does not serve', () => {
      const unhandled = cluster.requests.filter((r) => r.unhandled).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(unhandled, []);
      assert.ok(
        cluster.requests.every((r) => r.status !== 500),
        'no internal errors',
      );
    });
  });
}
