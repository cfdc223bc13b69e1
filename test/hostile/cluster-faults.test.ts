/**
 * Clusters that misbehave: a truncated answer, an API that answers /version and nothing else.
 * Every run ends, through the one exit site, with a documented code and a message naming what
 * it waited for.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
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

// Each of these waits out helm's query deadline (at least 30 s) doing nothing: side by side.
describe('an API answering /version and nothing else', { concurrency: true }, () => {
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
});

/**
 * A kubeconfig from before Kubernetes 1.26: its user runs `cmd-path` to get a token (the shape
 * gcloud wrote, quoted in helm/helm#11069).
 */
function withAuthProvider(kubeconfig: string, provider: string, dir: string): { file: string; marker: string } {
  const marker = join(dir, 'cmd-path-ran');
  const script = join(dir, 'gcloud');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nsleep 20\necho '{"token":"t"}'\n`, { mode: 0o755 });
  const doc = yaml.load(readFileSync(kubeconfig, 'utf8')) as { users: { user: Record<string, unknown> }[] };
  for (const u of doc.users)
    u.user = { 'auth-provider': { name: provider, config: { 'cmd-path': script, 'token-key': '{.token}' } } };
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, yaml.dump(doc));
  return { file, marker };
}

for (const [provider, fix] of [
  ['gcp', /gke-gcloud-auth-plugin/],
  ['azure', /kubelogin/],
] as const) {
  // uninstall goes to helm, which refuses the user itself: with both majors.
  for (const [major, args] of [
    [3, ['doctor']],
    [3, ['-p', 'auto', '-y', '--no-install']],
    [3, ['uninstall', '--yes']],
    [4, ['uninstall', '--yes']],
  ] as const) {
    test(`${args.join(' ')} (helm ${major}): a user on the removed ${provider} auth-provider is refused with the fix, its command never run`, async () => {
      const { kubeconfig } = await start(SCENARIOS.minikube);
      const dir = tempDir();
      const { file, marker } = withAuthProvider(kubeconfig, provider, dir);
      const helm = await helmBinary(major);
      const r = await runCli([...args, '--kubeconfig', file, '--timeout', '30s', '--helm', helm], {
        cwd: dir,
        env: { ...isolated(), ...helmEnv(dir) },
        timeoutMs: 90_000,
      });
      assert.equal(r.exitCode, ExitCode.ClusterUnreachable, r.stderr);
      assert.match(r.stderr, new RegExp(`${provider} auth-provider`), r.stderr);
      assert.match(r.stderr, fix);
      assert.equal(existsSync(marker), false, 'the auth-provider command was run');
    });
  }
}
