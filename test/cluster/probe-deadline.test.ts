/**
 * The probe's deadline measures the network: its clock starts with the first request, so the time
 * the machine takes to load the Kubernetes client (seconds at load 12) never counts against it.
 * Loading is made "slow" by a clock that jumps while the client loads; nothing sleeps.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterError, ExitCode } from '../../src/errors.js';
import { clusterPool, FINDINGS_TIMEOUT_MS } from './fake.js';
import { SCENARIOS } from './scenarios.js';

const start = clusterPool(after);

/** A clock, and a client loader that moves it on by `loadMs` as if loading had taken that long. */
function slowLoading(loadMs: number) {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    loadClient: async () => {
      const k8s = await import('@kubernetes/client-node');
      offset += loadMs;
      return k8s;
    },
  };
}

test('an instant cluster never times out because loading the client was slow', async () => {
  const { probe } = await start(SCENARIOS.minikube);
  // Loading takes ten times the whole timeout; the cluster itself answers at once.
  const r = await probe({ timeoutMs: FINDINGS_TIMEOUT_MS, ...slowLoading(10 * FINDINGS_TIMEOUT_MS) });
  assert.equal(r.version.gitVersion.length > 0, true);
  assert.equal(r.nodes.status, 'ok', 'nodes read, not timed out');
  assert.equal(r.storage.status, 'ok', 'storage read, not timed out');
  assert.ok(r.elapsedMs < 10 * FINDINGS_TIMEOUT_MS, `elapsed counts from the first request: ${r.elapsedMs} ms`);
});

test('after a slow load the deadline still holds for a server that never answers', async () => {
  const { cluster, probe } = await start(SCENARIOS.minikube);
  cluster.intercept(() => 'hang');
  await assert.rejects(
    probe({ timeoutMs: 200, ...slowLoading(60_000) }),
    (e: unknown) => e instanceof ClusterError && e.exitCode === ExitCode.ClusterUnreachable && /within/.test(e.message),
  );
});
