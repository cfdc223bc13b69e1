/**
 * `--preset auto` from the built CLI: for each cluster the probe tests know, the preset picked and
 * the findings (DNS, GPU tolerations and paths, ingress class, storage) land in config.yaml.
 */
import { toChartLine } from '../../src/model/chart-line.js';
import type { Values } from '../../src/model/values.js';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ExitCode } from '../../src/errors.js';
import { fakeCluster, type Probed } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { fixture } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';

const open: Probed[] = [];
after(() => Promise.all(open.map((p) => p.cluster.close())));

/** Every leaf of `expected` is in `actual` (lists compared whole). */
function assertContains(actual: unknown, expected: unknown, path = ''): void {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual && typeof actual === 'object', `${path || 'config'} is missing`);
    for (const [k, v] of Object.entries(expected))
      assertContains((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

for (const [name, scenario] of Object.entries(SCENARIOS)) {
  test(`--preset auto on ${name}: preset ${scenario.expect.preset} and the findings in config.yaml`, async () => {
    const p = await fakeCluster(scenario);
    open.push(p);
    const cwd = tempDir();
    const r = await runCli(
      ['--preset', 'auto', '--yes', '--no-install', '--kubeconfig', p.kubeconfig, '--timeout', '20s'],
      { cwd, env: { HOME: cwd, KUBECONFIG: '' } },
    );
    assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`^The cluster looks like ${scenario.expect.preset}: using preset ${scenario.expect.preset}\\.$`, 'm'),
    );
    assert.match(r.stdout, /^Wrote config\.yaml for chart /m);
    const config = load(readFileSync(join(cwd, 'config.yaml'), 'utf8'));
    // The findings are in the spec's names; config.yaml holds them as the default line (2.x) reads them.
    assertContains(config, toChartLine(scenario.expect.values as Values, undefined).values);
  });
}

test('--preset auto with no cluster: exit 4 naming the problem, nothing written', async () => {
  const cwd = tempDir();
  const r = await runCli(['--preset', 'auto', '--yes', '--no-install', '--timeout', '3s'], {
    cwd,
    env: { HOME: cwd, KUBECONFIG: '' },
  });
  assert.equal(r.exitCode, ExitCode.ClusterUnreachable);
  assert.match(r.stderr, /^Error: No kubeconfig found/m);
  assert.equal(r.stdout, '');
  assert.throws(() => readFileSync(join(cwd, 'config.yaml')), { code: 'ENOENT' });
});

test('--preset auto --no-install with the release already installed: says so, with its revision, and prints the upgrade', async () => {
  const p = await fakeCluster({ ...SCENARIOS.minikube, releaseSecrets: [fixture('helm-release-secret.json')] });
  open.push(p);
  const cwd = tempDir();
  const r = await runCli(
    ['--preset', 'auto', '--yes', '--no-install', '--kubeconfig', p.kubeconfig, '--timeout', '20s'],
    { cwd, env: { HOME: cwd, KUBECONFIG: '' } },
  );
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  assert.match(
    r.stderr,
    /^Release polyaxon is already installed in namespace polyaxon \(revision 2, deployed, chart 2\.15\.1\): helm install would fail, so upgrade it\.$/m,
  );
  assert.match(
    r.stdout,
    /^To upgrade:\n {2}helm upgrade --namespace polyaxon -f config\.yaml --kubeconfig \S+ -- polyaxon polyaxon\/polyaxon\n {2}or: polyaxon-setup upgrade$/m,
  );
  assert.doesNotMatch(r.stdout, /helm install/);
});

test('--preset auto with serviceType LoadBalancer chosen on bare metal without an implementation: warned', async () => {
  const p = await fakeCluster(SCENARIOS['bare metal, no ingress controller, no LoadBalancer implementation']);
  open.push(p);
  const cwd = tempDir();
  const r = await runCli(
    [
      '--preset',
      'auto',
      '--yes',
      '--no-install',
      '--set',
      'serviceType=LoadBalancer',
      '--kubeconfig',
      p.kubeconfig,
      '--timeout',
      '20s',
    ],
    { cwd, env: { HOME: cwd, KUBECONFIG: '' } },
  );
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  assert.match(
    r.stderr,
    /^ {2}! PXS1002 serviceType LoadBalancer: nothing on this cluster gives a LoadBalancer Service an address, so it\n {4}would stay <pending>\./m,
  );
  // The namespace exists on the fake cluster: the printed install leaves --create-namespace out.
  assert.match(
    r.stdout,
    /^ {2}helm install --namespace polyaxon -f config\.yaml --version 2\.15\.1 --kubeconfig \S+ -- polyaxon polyaxon\/polyaxon$/m,
  );
});
