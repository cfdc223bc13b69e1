/** `doctor` and `--preset auto` from the built CLI against `npm run fake-cluster` serving fixtures. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { serveFakeCluster, type ServedCluster } from '../support/fake-cluster-process.js';
import { runCli, tempDir } from '../support/run-cli.js';

describe('the built CLI against npm run fake-cluster (kubespray fixtures)', () => {
  let served: ServedCluster;
  before(async () => {
    served = await serveFakeCluster(tempDir(), [
      'kubespray-coredns-service.json',
      'kubespray-coredns-deployment.json',
      'kubespray-coredns-configmap.json',
      'storageclasses-mixed.json',
    ]);
  });
  after(() => served?.stop());

  test('doctor: the distribution, DNS and suggested values', async () => {
    const cwd = tempDir();
    const r = await runCli(['doctor', '--timeout', '20s'], { cwd, env: { KUBECONFIG: served.kubeconfig, HOME: cwd } });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^Cluster +context "fake" at https:\/\/127\.0\.0\.1:\d+/m);
    assert.match(r.stdout, /^Distribution +kubespray/m);
    assert.match(r.stdout, /^ {2}dns\.backend = coredns$/m);
  });

  test('--preset auto --yes --no-install: preset kubespray and dns.backend coredns in config.yaml', async () => {
    const cwd = tempDir();
    const r = await runCli(['--preset', 'auto', '--yes', '--no-install', '--timeout', '20s'], {
      cwd,
      env: { KUBECONFIG: served.kubeconfig, HOME: cwd },
    });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stderr, /using preset kubespray/);
    const config = load(readFileSync(join(cwd, 'config.yaml'), 'utf8')) as { dns: { backend: string } };
    assert.equal(config.dns.backend, 'coredns');
  });
});
