import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode } from '../../src/errors.js';
import { classifyHelmFailure } from '../../src/helm/classify.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KUBE_1_21, startFakeCluster } from '../support/fake-apiserver/index.js';
import { HELM_MAJORS, helmBinary, helmEnv } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';

const facts = { op: 'install', release: 'polyaxon', namespace: 'polyaxon', context: 'prod' };

test('helm failures exit with the codes the README gives: 4 unreachable, 5 refused, 6 the rest', () => {
  const code = (stderr: string) => classifyHelmFailure(stderr, facts).exitCode;
  assert.equal(
    code('Error: Kubernetes cluster unreachable: Get "https://10.0.0.1/version": dial tcp: connection refused'),
    ExitCode.ClusterUnreachable,
  );
  assert.equal(
    code(
      'Error: INSTALLATION FAILED: secrets is forbidden: User "dev" cannot list resource "secrets" in API group "" in the namespace "polyaxon"',
    ),
    ExitCode.Forbidden,
  );
  assert.equal(code('Error: Unauthorized'), ExitCode.Forbidden);
  assert.equal(code('Error: INSTALLATION FAILED: cannot re-use a name that is still in use'), ExitCode.HelmFailed);
  assert.equal(code('Error: something nobody has seen'), ExitCode.HelmFailed);
});

test('the built CLI: an install on a cluster that refuses the account exits 5, with helm 3 and helm 4', async () => {
  for (const major of HELM_MAJORS) {
    const cluster = await startFakeCluster({ version: KUBE_1_21 });
    try {
      const dir = tempDir(`exit-403-${major}-`);
      await cluster.writeKubeconfig(join(dir, 'kubeconfig'));
      cluster.forbid({});
      const r = await runCli(
        [
          ...['--preset', 'minikube', '--yes', '--chart', join(repoRoot, 'test', 'fixtures', 'polyaxon-chart')],
          ...['--helm', await helmBinary(major), '--kubeconfig', join(dir, 'kubeconfig')],
        ],
        { cwd: dir, env: helmEnv(dir) },
      );
      assert.equal(r.exitCode, ExitCode.Forbidden, r.stderr);
      assert.match(r.stderr, /The cluster refused/);
      assert.equal(existsSync(join(dir, 'config.yaml')), false, 'nothing is written');
    } finally {
      await cluster.close();
    }
  }
});
