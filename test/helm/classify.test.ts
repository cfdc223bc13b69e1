/**
 * The failure table against helm's real words: each class provoked with the real helm 3.17 and
 * 4.1 against the fake cluster (or a chart repository on 127.0.0.1), then classified. Classes
 * no binary here can produce (helm 2, a missing helm) use recorded output.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { HelmError } from '../../src/errors.js';
import { classifyHelmFailure, helmErrorDetail, HELM_FAILURES, type FailureFacts } from '../../src/helm/classify.js';
import { KUBE_1_21, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { helmBinary } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/run-cli.js';
import { serveChartRepo, type ChartRepo } from './chart-repo.js';
import { helmEnv } from './support.js';

const CHART = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
const facts = (op: string, release = 'rel'): FailureFacts => ({ op, release, namespace: 'ns', context: 'fake' });

function kind(stderr: string, f: FailureFacts): string {
  const e = classifyHelmFailure(stderr, f);
  assert.ok(e instanceof HelmError);
  assert.ok(e.message.length > 0 && (e.hint ?? '').length > 0, `${e.kind} has a message and a next step`);
  return e.kind;
}

for (const major of [3, 4] as const) {
  describe(`helm ${major}'s failures, classified`, () => {
    let cluster: FakeCluster;
    let helm: string;
    let dir: string;
    let env: Record<string, string>;
    let repo: ChartRepo;
    const run = async (...args: string[]) => {
      const r = await execa(helm, args, { reject: false, env, extendEnv: false, timeout: 60_000 });
      return { code: r.exitCode ?? -1, stderr: String(r.stderr) };
    };
    const kc = () => join(dir, 'kubeconfig');
    const failing = async (...args: string[]) => {
      const r = await run(...args);
      assert.notEqual(r.code, 0, `helm ${args.join(' ')} should fail`);
      return r.stderr;
    };

    before(async () => {
      helm = await helmBinary(major);
      dir = tempDir(`helm-classify-${major}-`);
      env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...helmEnv(dir) };
      cluster = await startFakeCluster({
        version: KUBE_1_21,
        failJob: (j) => String(j.metadata?.name).endsWith('-pre-delete'),
      });
      await cluster.writeKubeconfig(kc(), { context: 'fake' });
      repo = await serveChartRepo(helm, [CHART], join(dir, 'repo'), env);
    });
    after(async () => {
      await repo?.close();
      await cluster?.close();
    });

    test('release exists, no deployed release, release not found', async () => {
      assert.equal(
        (await run('install', 'rel', CHART, '-n', 'ns', '--create-namespace', '--kubeconfig', kc())).code,
        0,
      );
      assert.equal(
        kind(await failing('install', 'rel', CHART, '-n', 'ns', '--kubeconfig', kc()), facts('install')),
        'release-exists',
      );
      assert.equal(
        kind(await failing('upgrade', 'ghost', CHART, '-n', 'ns', '--kubeconfig', kc()), facts('upgrade', 'ghost')),
        'no-deployed-release',
      );
      assert.equal(
        kind(
          await failing('history', 'ghost', '-n', 'ns', '-o', 'json', '--kubeconfig', kc()),
          facts('history', 'ghost'),
        ),
        'release-not-found',
      );
      assert.equal(
        kind(await failing('uninstall', 'ghost', '-n', 'ns', '--kubeconfig', kc()), facts('uninstall', 'ghost')),
        'release-not-found',
      );
    });

    test('a failing pre-delete hook', async () => {
      const stderr = await failing('uninstall', 'rel', '-n', 'ns', '--kubeconfig', kc());
      assert.equal(kind(stderr, facts('uninstall')), 'hook-failed');
      assert.match(classifyHelmFailure(stderr, facts('uninstall')).hint ?? '', /--no-hooks/);
      assert.equal((await run('uninstall', 'rel', '-n', 'ns', '--no-hooks', '--kubeconfig', kc())).code, 0);
    });

    test('forbidden, bad credentials, cluster unreachable', async () => {
      cluster.forbid({ resource: 'configmaps' });
      try {
        const stderr = await failing('install', 'f', CHART, '-n', 'ns', '--kubeconfig', kc());
        assert.equal(kind(stderr, facts('install', 'f')), 'forbidden');
        assert.match(
          classifyHelmFailure(stderr, facts('install', 'f')).message,
          /may not get configmaps in namespace ns/,
        );
      } finally {
        cluster.allowAll();
      }
      const bad = join(dir, 'kubeconfig-badtoken');
      await cluster.writeKubeconfig(bad, { token: 'wrong' });
      assert.equal(
        kind(await failing('install', 'u', CHART, '-n', 'ns', '--kubeconfig', bad), facts('install', 'u')),
        'unauthorized',
      );
      const down = join(dir, 'kubeconfig-down');
      writeFileSync(
        down,
        cluster.kubeconfigYaml().replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'),
      );
      assert.equal(
        kind(await failing('install', 'd', CHART, '-n', 'ns', '--kubeconfig', down), facts('install', 'd')),
        'cluster-unreachable',
      );
      assert.equal(
        kind(
          await failing('install', 'd', CHART, '-n', 'ns', '--kubeconfig', kc(), '--kube-context', 'nope'),
          facts('install', 'd'),
        ),
        'cluster-unreachable',
      );
    });

    test('chart or version not found, repository unreachable', async () => {
      assert.equal(
        kind(
          await failing('install', 'c', join(dir, 'no-chart'), '-n', 'ns', '--kubeconfig', kc()),
          facts('install', 'c'),
        ),
        'chart-not-found',
      );
      assert.equal(
        kind(
          await failing('install', 'c', 'polyaxon/polyaxon', '-n', 'ns', '--kubeconfig', kc()),
          facts('install', 'c'),
        ),
        'chart-not-found',
      );
      assert.equal(
        kind(await failing('repo', 'add', 'polyaxon', 'http://127.0.0.1:1'), facts('repo')),
        'repo-unreachable',
      );
      assert.equal((await run('repo', 'add', 'polyaxon', repo.url, '--force-update')).code, 0);
      const stderr = await failing('show', 'values', 'polyaxon/polyaxon', '--version', '9.9.9');
      assert.equal(kind(stderr, facts('show')), 'chart-version-not-found');
      assert.match(classifyHelmFailure(stderr, facts('show')).message, /The chart polyaxon has no version 9\.9\.9\./);
    });

    test('timeout, and another operation in progress', async () => {
      cluster.simulation.delayMs = 30_000;
      try {
        const stderr = await failing('install', 'slow', CHART, '-n', 'ns', '--timeout', '1s', '--kubeconfig', kc());
        assert.equal(kind(stderr, facts('install', 'slow')), 'timeout');
        const busy = execa(helm, ['install', 'busy', CHART, '-n', 'ns', '--timeout', '30s', '--kubeconfig', kc()], {
          reject: false,
          env,
          extendEnv: false,
        });
        const pending = () =>
          cluster.store
            .list('secrets', 'ns')
            .some((s) => s.metadata.labels?.name === 'busy' && s.metadata.labels?.status === 'pending-install');
        for (let i = 0; i < 100 && !pending(); i++) await new Promise((r) => setTimeout(r, 50));
        assert.ok(pending(), 'the first install is under way');
        assert.equal(
          kind(await failing('upgrade', 'busy', CHART, '-n', 'ns', '--kubeconfig', kc()), facts('upgrade', 'busy')),
          'operation-in-progress',
        );
        busy.kill();
        await busy;
      } finally {
        cluster.simulation.delayMs = 0;
      }
    });
  });
}

test('recorded output: helm 2, an unknown flag, bad values, anything else', () => {
  assert.equal(kind('Client: v2.17.0+ga690bad\nError: could not find tiller\n', facts('version')), 'helm-2');
  assert.equal(kind('Error: unknown flag: --hide-secret\n', facts('install')), 'helm-too-old');
  assert.equal(
    kind(
      "Error: INSTALLATION FAILED: values don't meet the specifications of the schema(s) in the following chart(s):\n",
      facts('install'),
    ),
    'invalid-values',
  );
  const other = classifyHelmFailure('Error: something new\n', facts('install'));
  assert.equal(other.kind, 'unknown');
  assert.match(other.message, /helm: something new/);
});

test("helm's error line is quoted without its prefixes", () => {
  assert.equal(
    helmErrorDetail('Error: INSTALLATION FAILED: 1 error occurred:\n\t* timed out waiting for the condition\n\n\n'),
    'timed out waiting for the condition',
  );
  assert.equal(
    helmErrorDetail('level=ERROR msg="x"\nError: UPGRADE FAILED: "r" has no deployed releases\n'),
    '"r" has no deployed releases',
  );
  assert.equal(helmErrorDetail('no error line here\n'), 'no error line here');
});

test('every kind in the table has a distinct name', () => {
  const kinds = HELM_FAILURES.map((r) => r.kind);
  assert.equal(new Set(kinds).size, kinds.length);
});

test("helm's 'failed to download openapi' is the cluster failing to serve its schema, not a missing chart", () => {
  // kubectl's validation words, as helm quotes them when the API server's /openapi/v2 fails.
  const stderr =
    'Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: error validating "": error validating data: failed to download openapi: unknown\n';
  const e = classifyHelmFailure(stderr, facts('install'));
  assert.equal(e.kind, 'openapi-unavailable');
  assert.doesNotMatch(e.message, /cannot be found/);
  assert.match(e.message, /^The cluster of context fake did not serve its OpenAPI schema, .* \(unknown\)\./);
  assert.match(e.hint ?? '', /kubectl get apiservices/);
  // Refused connections stay the unreachable cluster they are.
  assert.equal(
    kind(
      'Error: INSTALLATION FAILED: failed to download openapi: Get "https://127.0.0.1:6443/openapi/v2?timeout=32s": dial tcp 127.0.0.1:6443: connect: connection refused\n',
      facts('install'),
    ),
    'cluster-unreachable',
  );
});

test('recorded output: an API the cluster no longer serves, a template today’s helm cannot run', () => {
  const gone =
    'Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: resource mapping not found for name: "operations.core.polyaxon.com" namespace: "" from "": no matches for kind "CustomResourceDefinition" in version "apiextensions.k8s.io/v1beta1"\nensure CRDs are installed first\n';
  const e = classifyHelmFailure(gone, { ...facts('install'), chartVersion: '1.1.9' });
  assert.equal(e.kind, 'api-not-served');
  assert.match(e.message, /chart 1\.1\.9 makes a CustomResourceDefinition of apiextensions\.k8s\.io\/v1beta1/);
  assert.match(e.hint ?? '', /doctor/);
  const helm3 =
    'Error: template: polyaxon/templates/scheduler-deployment.yaml:7:24: executing "polyaxon/templates/scheduler-deployment.yaml" at <include (print $.Template.BasePath "/cm.yaml") .>: error calling include: template: polyaxon/templates/cm.yaml:133:8: executing "polyaxon/templates/cm.yaml" at <(.Values.broker) and eq .Values.broker "redis">: can\'t give argument to non-function .Values.broker\n';
  const helm4 =
    'Error: polyaxon/templates/scheduler-deployment.yaml:7:24\n  executing "polyaxon/templates/scheduler-deployment.yaml" at <include (print $.Template.BasePath "/cm.yaml") .>:\n    error calling include:\npolyaxon/templates/cm.yaml:133:8\n  executing "polyaxon/templates/cm.yaml" at <(.Values.broker) and eq .Values.broker "redis">:\n';
  for (const stderr of [helm3, helm4]) {
    const r = classifyHelmFailure(stderr, { ...facts('template'), chartVersion: '0.6.1' });
    assert.equal(r.kind, 'chart-unrenderable');
    assert.match(r.message, /its template polyaxon\/templates\/cm\.yaml:133 fails/);
  }
});
