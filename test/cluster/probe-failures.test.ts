import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { probeCluster } from '../../src/cluster/index.js';
import { ClusterError, ExitCode } from '../../src/errors.js';
import { tempDir } from '../support/run-cli.js';
import { fakeCluster, timed, type Probed } from './fake.js';
import { SCENARIOS } from './scenarios.js';

const open: Probed[] = [];
after(() => Promise.all(open.map((p) => p.cluster.close())));
const start = async () => {
  const p = await fakeCluster(SCENARIOS.minikube);
  open.push(p);
  return p;
};

/** Module loading and TLS set-up on a busy CI machine; the deadline itself is what is measured. */
const SLACK_MS = 2500;
const TIMEOUT_MS = 1000;
/** Failures that are answers, not silence, must not depend on the deadline: it is kept out of their way. */
const ANSWERED_TIMEOUT_MS = 15_000;
/** One part hangs: the others must still answer inside this, even on a busy machine. */
const PART_TIMEOUT_MS = 3000;

async function expectClusterError(
  f: () => Promise<unknown>,
  exitCode: number,
  message: RegExp,
  hint?: RegExp,
): Promise<number> {
  const { ms, error } = await timed(f);
  assert.ok(error instanceof ClusterError, `expected a ClusterError, got ${String(error)}`);
  assert.equal(error.exitCode, exitCode);
  assert.match(error.message, message);
  assert.equal(error.message.includes('\n'), false, 'one line');
  assert.ok(error.hint, 'a hint');
  if (hint) assert.match(error.hint, hint);
  return ms;
}

test('a server that never answers: a timeout error within the timeout', async () => {
  const { cluster, probe } = await start();
  cluster.intercept(() => 'hang');
  // The deadline counts from the first request: loading the client (seconds at load 12) comes first.
  await import('@kubernetes/client-node');
  const ms = await expectClusterError(
    () => probe({ timeoutMs: TIMEOUT_MS }),
    ExitCode.ClusterUnreachable,
    /\(context "fake"\) did not answer within 1s\.$/,
    /--timeout/,
  );
  assert.ok(ms >= TIMEOUT_MS - 50 && ms < TIMEOUT_MS + SLACK_MS, `took ${ms} ms`);
});

test('an expired or wrong token (401): refused credentials, exit 5, at once', async () => {
  const { cluster, kubeconfig } = await start();
  await cluster.writeKubeconfig(kubeconfig, { context: 'fake', token: 'expired' });
  const ms = await expectClusterError(
    () =>
      probeCluster({ kubeconfig, namespace: 'polyaxon', release: 'polyaxon', timeoutMs: ANSWERED_TIMEOUT_MS, env: {} }),
    ExitCode.Forbidden,
    /rejected the credentials \(401 Unauthorized\)/,
    /expired/,
  );
  assert.ok(ms < ANSWERED_TIMEOUT_MS / 3, `took ${ms} ms`);
});

test('refused everywhere (403 on every read): exit 5, one line', async () => {
  const { cluster, probe } = await start();
  cluster.forbid({});
  const ms = await expectClusterError(
    () => probe({ timeoutMs: ANSWERED_TIMEOUT_MS }),
    ExitCode.Forbidden,
    /answered, but refused every read \(403 Forbidden\)/,
  );
  assert.ok(ms < ANSWERED_TIMEOUT_MS / 3, `took ${ms} ms`);
});

test('a refused connection: unreachable, at once', async () => {
  const { cluster, kubeconfig } = await start();
  const port = await freePort();
  writeFileSync(
    kubeconfig,
    cluster.kubeconfigYaml({ context: 'fake' }).replace(new URL(cluster.url).port, String(port)),
  );
  const ms = await expectClusterError(
    () =>
      probeCluster({ kubeconfig, namespace: 'polyaxon', release: 'polyaxon', timeoutMs: ANSWERED_TIMEOUT_MS, env: {} }),
    ExitCode.ClusterUnreachable,
    /^Cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \(context "fake"\): connection refused\.$/,
    /running/,
  );
  assert.ok(ms < ANSWERED_TIMEOUT_MS / 3, `took ${ms} ms`);
});

test('garbage instead of JSON: not an API server', async () => {
  const { cluster, probe } = await start();
  cluster.intercept(() => 'garbage');
  await expectClusterError(
    () => probe({ timeoutMs: ANSWERED_TIMEOUT_MS }),
    ExitCode.ClusterUnreachable,
    /did not answer like a Kubernetes API server/,
  );
});

test('a server that closes the connection', async () => {
  const { cluster, probe } = await start();
  cluster.intercept(() => 'close');
  await expectClusterError(
    () => probe({ timeoutMs: ANSWERED_TIMEOUT_MS }),
    ExitCode.ClusterUnreachable,
    /closed the connection without answering/,
  );
});

test('no kubeconfig anywhere: says so instead of trying localhost:8080', async () => {
  const home = tempDir();
  const ms = await expectClusterError(
    () =>
      probeCluster({ namespace: 'polyaxon', release: 'polyaxon', timeoutMs: ANSWERED_TIMEOUT_MS, env: { HOME: home } }),
    ExitCode.ClusterUnreachable,
    /^No kubeconfig found/,
    /KUBECONFIG/,
  );
  assert.ok(ms < ANSWERED_TIMEOUT_MS / 3, `took ${ms} ms`);
  await expectClusterError(
    () =>
      probeCluster({
        namespace: 'polyaxon',
        release: 'polyaxon',
        timeoutMs: ANSWERED_TIMEOUT_MS,
        env: { KUBECONFIG: join(home, 'missing') },
      }),
    ExitCode.ClusterUnreachable,
    /^KUBECONFIG names .*missing, which does not exist\.$/,
  );
  const empty = join(home, 'empty');
  writeFileSync(empty, '');
  await expectClusterError(
    () => probeCluster({ kubeconfig: empty, namespace: 'p', release: 'p', timeoutMs: ANSWERED_TIMEOUT_MS, env: {} }),
    ExitCode.ClusterUnreachable,
    /cannot be read: it is empty or not a kubeconfig/,
  );
});

test('kubeconfig from KUBECONFIG (merged, first wins) or ~/.kube/config; an unknown context lists the known ones', async () => {
  const { cluster } = await start();
  const dir = tempDir();
  const [a, b] = [join(dir, 'a'), join(dir, 'b')];
  await cluster.writeKubeconfig(a, { context: 'first' });
  await cluster.writeKubeconfig(b, { context: 'second', token: 'wrong' });
  const viaEnv = await probeCluster({
    namespace: 'polyaxon',
    release: 'polyaxon',
    timeoutMs: 5000,
    env: { KUBECONFIG: `${a}:${b}` },
  });
  assert.equal(viaEnv.context, 'first');
  await expectClusterError(
    () =>
      probeCluster({
        context: 'second',
        namespace: 'polyaxon',
        release: 'polyaxon',
        timeoutMs: 5000,
        env: { KUBECONFIG: `${a}:${b}` },
      }),
    ExitCode.Forbidden,
    /context "second"\) rejected the credentials/,
  );
  await expectClusterError(
    () =>
      probeCluster({
        context: 'nope',
        namespace: 'polyaxon',
        release: 'polyaxon',
        timeoutMs: 5000,
        env: { KUBECONFIG: a },
      }),
    ExitCode.ClusterUnreachable,
    /^Context "nope" is not in the kubeconfig/,
    /Contexts there: first\./,
  );
  const home = tempDir();
  await cluster.writeKubeconfig(join(home, '.kube', 'config'), { context: 'home' });
  assert.equal(
    (await probeCluster({ namespace: 'polyaxon', release: 'polyaxon', timeoutMs: 5000, env: { HOME: home } })).context,
    'home',
  );
});

test('a plain http:// server is refused before any request', async () => {
  const dir = tempDir();
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "http://127.0.0.1:8080"}}]',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n'),
  );
  await expectClusterError(
    () => probeCluster({ kubeconfig: file, namespace: 'p', release: 'p', timeoutMs: ANSWERED_TIMEOUT_MS, env: {} }),
    ExitCode.ClusterUnreachable,
    /is plain http:\/\/127\.0\.0\.1:8080/,
  );
});

test('one part that never answers: the rest is reported, that part is an error, all within the timeout', async () => {
  const { cluster, probe } = await start();
  cluster.intercept((req) => (req.path.endsWith('/ingressclasses') ? 'hang' : undefined));
  const { ms, value: r } = await timed(() => probe({ timeoutMs: PART_TIMEOUT_MS }));
  assert.ok(r, 'partial result');
  assert.ok(ms < PART_TIMEOUT_MS + SLACK_MS, `took ${ms} ms`);
  assert.equal(r.ingress.status, 'error');
  assert.match(r.ingress.status === 'error' ? r.ingress.reason : '', /no answer in time/);
  assert.equal(r.dns.status, 'ok');
  assert.equal(r.nodes.status, 'ok');
});

test('one part answering garbage, or a server error: that part is an error with the reason', async () => {
  const { cluster, probe } = await start();
  cluster.intercept((req) =>
    req.path.endsWith('/storageclasses')
      ? 'garbage'
      : req.path.endsWith('/ingressclasses')
        ? { status: 503, body: { kind: 'Status', message: 'etcd is down', code: 503 } }
        : undefined,
  );
  const r = await probe();
  assert.deepEqual(r.storage, { status: 'error', reason: 'the answer is not Kubernetes JSON' });
  assert.deepEqual(r.ingress, { status: 'error', reason: 'HTTP 503: etcd is down' });
  assert.equal(r.dns.status, 'ok');
});

test('an API the cluster does not serve is unavailable, not an error', async () => {
  const { cluster, probe } = await start();
  cluster.intercept((req) =>
    req.path.endsWith('/ingressclasses')
      ? {
          status: 404,
          body: {
            kind: 'Status',
            message: 'the server could not find the requested resource',
            reason: 'NotFound',
            code: 404,
          },
        }
      : undefined,
  );
  const r = await probe();
  assert.deepEqual(r.ingress, { status: 'unavailable', reason: 'the server could not find the requested resource' });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
