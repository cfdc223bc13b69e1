/**
 * Fidelity: the fake's discovery and REST paths follow its /version, as a real server's do. Beta
 * APIs removed in Kubernetes 1.22 and 1.25 are served below those versions and refused from them
 * on, so a real helm install of an old chart fails here exactly where it fails on a real cluster.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { DEFAULT_VERSION, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { rawRequest } from '../support/fake-apiserver/raw-client.js';
import { HELM_MAJORS, helmBinary, helmEnv } from '../support/helm-binaries.js';
import { archivePath, needsArchives } from '../support/published-charts.js';

const at = (minor: number) => ({ ...DEFAULT_VERSION, minor: String(minor), gitVersion: `v1.${minor}.4` });

async function groupVersions(cluster: FakeCluster): Promise<string[]> {
  const r = await rawRequest(cluster, 'GET', '/apis');
  return (r.json().groups as { versions: { groupVersion: string }[] }[]).flatMap((g) =>
    g.versions.map((v) => v.groupVersion),
  );
}

describe('discovery follows /version', () => {
  let cluster: FakeCluster;
  before(async () => {
    cluster = await startFakeCluster({ version: at(21) });
  });
  after(() => cluster.close());

  it('serves the beta APIs of 1.21 on 1.21 and drops them on 1.22', async () => {
    cluster.version = at(21);
    const old = await groupVersions(cluster);
    for (const gv of ['rbac.authorization.k8s.io/v1beta1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'])
      assert.ok(old.includes(gv), gv);
    assert.ok(!old.includes('autoscaling/v2'), 'autoscaling/v2 came with 1.23');

    cluster.version = at(22);
    const now = await groupVersions(cluster);
    for (const gv of ['rbac.authorization.k8s.io/v1beta1', 'networking.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1'])
      assert.ok(!now.includes(gv), gv);
    assert.ok(!now.some((gv) => gv.startsWith('extensions/')), 'no extensions group on 1.22');
    assert.ok(now.includes('policy/v1beta1'), 'policy/v1beta1 lasts until 1.25');
  });

  it('lists a kind under a version only while that version serves it', async () => {
    cluster.version = at(24);
    const batch = (await rawRequest(cluster, 'GET', '/apis/batch/v1beta1')).json();
    assert.deepEqual(
      batch.resources.filter((r: { name: string }) => !r.name.includes('/')).map((r: { kind: string }) => r.kind),
      ['CronJob'],
    );
    cluster.version = at(25);
    assert.equal((await rawRequest(cluster, 'GET', '/apis/batch/v1beta1')).status, 404);
  });

  it('refuses to create an object under an API it no longer serves', async () => {
    cluster.version = at(34);
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'Role', metadata: { name: 'r' }, rules: [] };
    const path = '/apis/rbac.authorization.k8s.io/v1beta1/namespaces/default/roles';
    assert.equal((await rawRequest(cluster, 'POST', path, { body: role })).status, 404);
    cluster.version = at(21);
    assert.equal((await rawRequest(cluster, 'POST', path, { body: role })).status, 201);
  });
});

describe('a real helm and a real 1.x chart on a new cluster', { skip: needsArchives() }, () => {
  let cluster: FakeCluster;
  let dir: string;
  before(async () => {
    cluster = await startFakeCluster({ version: at(34) });
    dir = mkdtempSync(join(tmpdir(), 'served-'));
    cluster.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  after(async () => {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const major of HELM_MAJORS) {
    it(`helm ${major} cannot install chart 1.1.9 on Kubernetes 1.34: its CRD API is gone`, async () => {
      const r = await execa(
        await helmBinary(major),
        ['install', `old${major}`, archivePath('1.1.9')!, '--namespace', 'polyaxon', '--create-namespace'],
        { env: { ...helmEnv(dir), KUBECONFIG: join(dir, 'kubeconfig') }, reject: false },
      );
      assert.notEqual(r.exitCode, 0);
      assert.match(r.stderr, /no matches for kind "\w+" in version "[\w./]+v1beta1"/);
    });
  }
});
