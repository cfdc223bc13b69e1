/**
 * Outputs on a claim where the cluster calls for one: with --preset auto on a multi-node cluster
 * whose default class is ReadWriteMany (nfs-client), config.yaml puts the artifacts store on
 * polyaxon-pvc-outputs, and the install creates that claim on the class before helm installs what
 * mounts it (the real helm 4, the 2.x-like fixture chart, the fake cluster).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ExitCode } from '../../src/errors.js';
import { fakeCluster, type Probed } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { helmBinary } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { helmEnv } from '../helm/support.js';

const CHART_2X = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart-2x');
const NFS = SCENARIOS['a custom cluster domain'];
const open: Probed[] = [];
after(() => Promise.all(open.map((p) => p.cluster.close())));

test('--no-install: config.yaml puts the artifacts store on the claim, and the kubectl command to create it is printed', async () => {
  const p = await fakeCluster(NFS);
  open.push(p);
  const cwd = tempDir();
  const r = await runCli(
    ['--preset', 'auto', '--yes', '--no-install', '--kubeconfig', p.kubeconfig, '--timeout', '20s'],
    {
      cwd,
      env: { HOME: cwd, KUBECONFIG: '' },
    },
  );
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  const config = load(readFileSync(join(cwd, 'config.yaml'), 'utf8')) as Record<string, any>;
  assert.deepEqual(config.artifactsStore, {
    name: 'outputs',
    kind: 'volume_claim',
    schema: { volumeClaim: 'polyaxon-pvc-outputs', mountPath: '/outputs' },
  });
  assert.match(
    r.stderr,
    /persistence\.outputs = .*StorageClass nfs-client \(cluster\.local\/nfs-subdir-external-provisioner\) gives ReadWriteMany claims/,
  );
  assert.match(r.stdout, /^Before installing, create the claim the outputs go on:\nkubectl create -f - <<'EOF'\n/m);
  // --preset auto says what doctor says, with the codes.
  assert.match(r.stderr, /^Findings:\n(?:.*\n)*? {2}i PXS0506 The install creates the claim polyaxon-pvc-outputs/m);
  assert.match(r.stdout, /storageClassName: nfs-client/);
  assert.match(r.stdout, /- ReadWriteMany/);
});

test('install: the claim is created on the RWX class before helm installs the chart that mounts it', async () => {
  const p = await fakeCluster(NFS);
  open.push(p);
  const cwd = tempDir();
  const env = { ...helmEnv(cwd), KUBECONFIG: '' };
  const helm = await helmBinary(4);
  const r = await runCli(
    [
      '--preset',
      'auto',
      '--yes',
      '--kubeconfig',
      p.kubeconfig,
      '--timeout',
      '20s',
      '--helm',
      helm,
      '--chart',
      CHART_2X,
      '--wait',
      '0',
    ],
    { cwd, env },
  );
  assert.equal(r.exitCode, ExitCode.Ok, r.stderr);
  assert.match(
    r.stderr,
    /^Created claim polyaxon-pvc-outputs in polyaxon: 50Gi, ReadWriteMany, StorageClass nfs-client\.$/m,
  );
  const claim = p.cluster.store.get('PersistentVolumeClaim', 'polyaxon-pvc-outputs', 'polyaxon');
  assert.equal(claim?.spec.storageClassName, 'nfs-client');
  assert.deepEqual(claim?.spec.accessModes, ['ReadWriteMany']);
  // The claim came first: helm's release Secret was written after it.
  assert.ok(p.cluster.store.list('secrets', 'polyaxon').some((s) => s.metadata.labels?.owner === 'helm'));
  assert.match(r.stderr, /\$ helm install --namespace polyaxon -f .* -- polyaxon \S+polyaxon-chart-2x$/m);
});
