/**
 * Clusters that misbehave: a truncated answer, an API that answers /version and nothing else.
 * Every run ends, through the one exit site, with a documented code and a message naming what
 * it waited for.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode } from '../../src/errors.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { clusterPool } from '../cluster/fake.js';
import { helmBinary, helmEnv } from '../support/helm-binaries.js';
import { SCENARIOS } from '../cluster/scenarios.js';

const start = clusterPool(after);
const isolated = () => ({ HOME: tempDir(), KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' });
const DOCUMENTED = new Set<number>(Object.values(ExitCode));

for (const args of [['doctor'], ['-p', 'auto', '-y', '--no-install']]) {
  test(`${args.join(' ')}: a truncated API answer ends with a message and a documented code`, async () => {
    const { cluster, kubeconfig } = await start(SCENARIOS.minikube);
    cluster.intercept((r) => (r.path === '/version' ? undefined : 'truncate'));
    const r = await runCli([...args, '--kubeconfig', kubeconfig, '--timeout', '3s'], {
      cwd: tempDir(),
      env: isolated(),
      timeoutMs: 60_000,
    });
    assert.ok(DOCUMENTED.has(r.exitCode), `exit ${r.exitCode}: ${r.stderr}`);
    assert.notEqual(r.exitCode, ExitCode.Internal, r.stderr);
    if (r.exitCode !== 0) assert.match(r.stderr, /^Error: /m);
    assert.match(r.stderr, /no answer in time|did not answer/);
  });
}

for (const args of [
  ['uninstall', '--yes'],
  ['rollback', '--yes'],
  ['-p', 'minikube', '-y'],
]) {
  test(`${args.join(' ')}: an API answering /version and nothing else ends, naming what it waited for`, async () => {
    const { cluster, kubeconfig } = await start(SCENARIOS.minikube);
    cluster.intercept((r) => (r.path === '/version' ? undefined : 'hang'));
    const dir = tempDir();
    const helm = await helmBinary(3);
    const t0 = Date.now();
    const r = await runCli([...args, '--kubeconfig', kubeconfig, '--timeout', '3s', '--helm', helm], {
      cwd: dir,
      env: { ...isolated(), ...helmEnv(dir) },
      timeoutMs: 90_000,
    });
    const s = (Date.now() - t0) / 1000;
    assert.ok(r.exitCode !== -1, `still running after 90 s: ${r.stderr}`);
    assert.ok(DOCUMENTED.has(r.exitCode), `exit ${r.exitCode}: ${r.stderr}`);
    assert.notEqual(r.exitCode, 0, r.stdout);
    assert.match(r.stderr, /^Error: /m);
    assert.match(
      r.stderr,
      /did not finish within \d+ s: it was waiting for the Kubernetes API|no answer in time/,
      r.stderr,
    );
    assert.ok(s < 60, `took ${s} s`);
  });
}
