import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { probeClusterOffThread } from '../../src/cluster/probe-thread.js';
import { ClusterError, ExitCode } from '../../src/errors.js';
import { tempDir } from '../support/run-cli.js';
import { clusterPool, FINDINGS_TIMEOUT_MS } from './fake.js';
import { SCENARIOS } from './scenarios.js';

const start = clusterPool(after);
const options = (kubeconfig: string) => ({
  kubeconfig,
  namespace: 'polyaxon',
  release: 'polyaxon',
  timeoutMs: FINDINGS_TIMEOUT_MS,
  env: {},
});

test('the probe on a worker thread finds what the probe on this thread finds', async () => {
  const { kubeconfig, probe } = await start(SCENARIOS.kubespray);
  const [here, there] = await Promise.all([probe(), probeClusterOffThread(options(kubeconfig))]);
  assert.equal(there.distribution.name, 'kubespray');
  // Everything but the time it took.
  assert.deepEqual({ ...there, elapsedMs: 0 }, { ...here, elapsedMs: 0 });
});

test('refused credentials on the worker: the same ClusterError, exit code and hint', async () => {
  const { cluster, kubeconfig } = await start(SCENARIOS.minikube);
  await cluster.writeKubeconfig(kubeconfig, { context: 'fake', token: 'expired' });
  const error = await probeClusterOffThread(options(kubeconfig)).then(
    () => assert.fail('the probe succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ClusterError, `expected a ClusterError, got ${String(error)}`);
  assert.equal(error.exitCode, ExitCode.Forbidden);
  assert.match(error.message, /401|credentials|token/i);
  assert.ok(error.hint, 'a hint');
});

test('a kubeconfig that is not there: unreachable, with the hint, from the worker', async () => {
  const error = await probeClusterOffThread(options(join(tempDir(), 'missing'))).then(
    () => assert.fail('the probe succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ClusterError, `expected a ClusterError, got ${String(error)}`);
  assert.equal(error.exitCode, ExitCode.ClusterUnreachable);
  assert.ok(error.hint, 'a hint');
});

test('a failure that is not the cluster’s (the kubeconfig is a directory) comes back as what it was', async () => {
  const { probeCluster } = await import('../../src/cluster/index.js');
  const dir = tempDir();
  const caught = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail('the probe succeeded'),
      (e: unknown) => e as Error & { exitCode?: number; hint?: string },
    );
  const [here, there] = await Promise.all([
    caught(probeCluster(options(dir))),
    caught(probeClusterOffThread(options(dir))),
  ]);
  assert.ok(!(here instanceof ClusterError), `in this thread: ${here.name}`);
  // The wizard shows a ClusterError as "no probe" and goes on; anything else ends the run, here as there.
  assert.equal(there instanceof ClusterError, here instanceof ClusterError, `from the worker: ${there.name}`);
  assert.deepEqual(
    { name: there.name, message: there.message, exitCode: there.exitCode, hint: there.hint },
    { name: here.name, message: here.message, exitCode: here.exitCode, hint: here.hint },
  );
});
