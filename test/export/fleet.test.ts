/**
 * `export --clusters`: three fake clusters with different DNS, storage and GPUs, each really
 * probed through one merged KUBECONFIG; a base values file and per-cluster overlays of only what
 * differs, with the probe's reasons; an ApplicationSet, HelmReleases per cluster, helmfile
 * releases per context, each object validated; a fourth cluster too old for the chart is named
 * and left out unless --force. No planted secret in any non-secret file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { fixture, repoRoot } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { objectsOf } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { checkObjects } from '../../src/model/export/check-objects.js';
import { filesUnder, objectsIn, PLANTED, secretsFile } from './support.js';

const FLEET = {
  'gke-t4': SCENARIOS['GKE with a T4 GPU node'],
  'k3s-edge': SCENARIOS.k3s,
  onprem: SCENARIOS.kubespray,
  legacy: { ...SCENARIOS.kubespray, version: { gitVersion: 'v1.18.20' } },
};
const clusters: FakeCluster[] = [];
let kubeconfigs = '';
const work = tempDir();

before(async () => {
  const paths: string[] = [];
  for (const [name, s] of Object.entries(FLEET)) {
    const c = await startFakeCluster({ objects: objectsOf(s), version: s.version ?? fixture('version-upstream.json') });
    clusters.push(c);
    const p = join(work, `${name}.kubeconfig`);
    await c.writeKubeconfig(p, { context: name });
    paths.push(p);
  }
  kubeconfigs = paths.join(':');
});
after(() => Promise.all(clusters.map((c) => c.close())));

async function fleetExport(target: string, contexts: string, extra: string[] = []) {
  const dir = tempDir();
  const f = secretsFile(dir, true);
  const r = await runCli(
    [
      'export',
      '--to',
      target,
      '--clusters',
      contexts,
      '-p',
      'kubernetes',
      '-f',
      f,
      '-o',
      'out',
      '--timeout',
      '20s',
      ...extra,
    ],
    { cwd: dir, env: { KUBECONFIG: kubeconfigs } },
  );
  return { r, out: join(dir, 'out') };
}

const THREE = 'gke-t4,k3s-edge,onprem';
const read = (out: string, p: string) => yaml.load(readFileSync(join(out, p), 'utf8')) as any;

test('argocd: an ApplicationSet with a list generator, the base and an overlay per cluster of only what differs', async () => {
  const { r, out } = await fleetExport('argocd', THREE);
  assert.equal(r.exitCode, 0, r.stderr);
  // The installer makes the GKE cluster's outputs claim before helm; the export says it does not.
  assert.match(r.stderr, /GITOPS303: cluster gke-t4: the artifacts store is the claim polyaxon-pvc-outputs/);
  assert.match(r.stderr, /kind: PersistentVolumeClaim/);
  assert.doesNotMatch(r.stderr, /GITOPS303: cluster (k3s-edge|onprem)/);
  assert.deepEqual(filesUnder(out), [
    'applicationset.yaml',
    'secret-values.yaml',
    'values/base.yaml',
    'values/gke-t4.yaml',
    'values/k3s-edge.yaml',
    'values/onprem.yaml',
  ]);
  const set = read(out, 'applicationset.yaml');
  assert.deepEqual(checkObjects([set]), []);
  // The probes found the namespace on every cluster: Argo CD need not create it.
  assert.deepEqual(set.spec.template.spec.syncPolicy.syncOptions, ['ServerSideApply=true']);
  const elements = set.spec.generators[0].list.elements;
  assert.deepEqual(
    elements.map((e: any) => e.cluster),
    ['gke-t4', 'k3s-edge', 'onprem'],
  );
  for (const [i, e] of elements.entries()) assert.equal(e.server, clusters[i].url);
  const [gke, k3s, onprem] = ['gke-t4', 'k3s-edge', 'onprem'].map((c) => read(out, `values/${c}.yaml`));
  // DNS: kube-dns on GKE and k3s, CoreDNS on kubespray.
  assert.equal(onprem.dns.backend, 'coredns');
  assert.equal(gke.dns?.backend ?? read(out, 'values/base.yaml').dns?.backend, 'kube-dns');
  // GPUs: the GKE cluster has an untainted pool, so the core pods keep off the GPU nodes (issue 11).
  const shared = read(out, 'values/base.yaml');
  for (const v of [gke, k3s, onprem]) assert.deepEqual(v.tolerations ?? shared.tolerations ?? [], []);
  // An empty map changes nothing in helm, so it is no difference.
  for (const o of [gke, k3s, onprem]) assert.equal(o.ingress.annotations, undefined);
  // Ingress class: traefik on k3s; kubespray has no ingress controller.
  assert.equal(k3s.ingress.className, 'traefik');
  assert.equal(onprem.ingress.enabled, false);
  // Storage: GKE's default class differs from the local-path clusters.
  assert.equal(gke.postgresql.global.storageClass, 'standard-rwo');
  assert.equal(k3s.postgresql.global.storageClass, 'local-path');
  // The base holds what all share, and no overlay repeats it.
  const base = read(out, 'values/base.yaml');
  assert.equal(base.deploymentType, 'kubernetes');
  for (const o of [gke, k3s, onprem]) assert.equal(o.deploymentType, undefined);
  // The table: each difference with the probe's reason.
  assert.match(r.stdout, /What differs per cluster:/);
  assert.match(r.stdout, /k3s-edge\s+ingress\.className\s+"traefik"\s+the default IngressClass/);
  assert.match(r.stdout, /onprem\s+dns\.backend\s+"coredns"\s+the cluster DNS Service is kube-system\/coredns/);
  assert.match(r.stdout, /gke-t4\s+artifactsStore\.kind\s+"volume_claim"\s+.*gives ReadWriteMany claims/);
  assert.match(r.stdout, /gke-t4\s+postgresql\.global\.storageClass\s+"standard-rwo"\s+the default StorageClass/);
  assert.match(r.stdout, /kubectl apply -n argocd -f out\/applicationset\.yaml/);
});

test('flux: one HelmRelease per cluster over the shared base ConfigMap, secrets valuesFrom a Secret', async () => {
  const { r, out } = await fleetExport('flux', THREE);
  assert.equal(r.exitCode, 0, r.stderr);
  for (const c of ['gke-t4', 'k3s-edge', 'onprem']) {
    const [rel] = objectsIn(readFileSync(join(out, 'clusters', c, 'helmrelease.yaml'), 'utf8')) as any[];
    assert.deepEqual(checkObjects([rel]), []);
    assert.equal(rel.spec.chart.spec.version, '2.15.1');
    assert.deepEqual(
      rel.spec.valuesFrom.map((v: any) => `${v.kind}/${v.name}`),
      ['ConfigMap/polyaxon-base-values', 'Secret/polyaxon-secret-values'],
    );
    assert.deepEqual(rel.spec.values, read(out, `values/${c}.yaml`));
  }
  const shared = objectsIn(readFileSync(join(out, 'base/helmrepository.yaml'), 'utf8'));
  assert.deepEqual(checkObjects(shared), []);
  assert.equal(statSync(join(out, 'base/secret-values.yaml')).mode & 0o777, 0o600);
});

test('helmfile: a release per kube context over values.yaml and its overlay', async () => {
  const { r, out } = await fleetExport('helmfile', THREE);
  assert.equal(r.exitCode, 0, r.stderr);
  const hf = read(out, 'helmfile.yaml');
  assert.deepEqual(
    hf.releases.map((x: any) => [x.kubeContext, x.values]),
    ['gke-t4', 'k3s-edge', 'onprem'].map((c) => [c, ['values.yaml', `clusters/${c}.yaml`, 'secret-values.yaml']]),
  );
});

test('no planted secret in any non-secret file of any fleet export', async () => {
  for (const t of ['argocd', 'flux', 'helmfile']) {
    const { r, out } = await fleetExport(t, THREE);
    assert.equal(r.exitCode, 0, r.stderr);
    for (const name of filesUnder(out)) {
      if (name.endsWith('secret-values.yaml')) continue;
      const text = readFileSync(join(out, name), 'utf8');
      for (const [k, v] of Object.entries(PLANTED)) assert.ok(!text.includes(v), `${t}: ${k} leaked into ${name}`);
    }
    assert.doesNotMatch(r.stdout + r.stderr, /Planted-/);
  }
});

test('a cluster too old for the chart version is named with the reason and left out, unless --force', async () => {
  const { r, out } = await fleetExport('argocd', `${THREE},legacy`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, /GITOPS301: cluster legacy is left out: chart 2\.x needs Kubernetes 1\.19 or newer/);
  const names = (s: any) => s.spec.generators[0].list.elements.map((e: any) => e.cluster);
  assert.deepEqual(names(read(out, 'applicationset.yaml')), ['gke-t4', 'k3s-edge', 'onprem']);
  const forced = await fleetExport('argocd', `${THREE},legacy`, ['--force']);
  assert.equal(forced.r.exitCode, 0, forced.r.stderr);
  assert.match(forced.r.stderr, /GITOPS302: cluster legacy is kept \(--force\)/);
  assert.deepEqual(names(read(forced.out, 'applicationset.yaml')), ['gke-t4', 'k3s-edge', 'onprem', 'legacy']);
  const none = await fleetExport('argocd', 'legacy');
  assert.notEqual(none.r.exitCode, 0);
  assert.match(
    none.r.stderr,
    /No cluster can take chart 2\.15\.1: legacy: chart 2\.x needs Kubernetes 1\.19 or newer \(it runs 1\.18\)/,
  );
});

test('the three-cluster fleet matches its golden files for every target (cluster URLs aside)', async () => {
  for (const t of ['argocd', 'flux', 'helmfile']) {
    const { r, out } = await fleetExport(t, THREE, ['--chart-version', '2.15.1']);
    assert.equal(r.exitCode, 0, r.stderr);
    const golden = join(repoRoot, 'test', 'golden', 'export', `fleet-${t}`);
    // Each fake cluster listens on a port of its own, different every run.
    const text = (name: string) =>
      clusters.reduce(
        (x, c, i) => x.split(c.url).join(`https://cluster-${i + 1}.example:6443`),
        readFileSync(join(out, name), 'utf8'),
      );
    const files = filesUnder(out);
    if (process.env.UPDATE_GOLDEN === '1')
      for (const name of files) {
        mkdirSync(join(golden, name, '..'), { recursive: true });
        writeFileSync(join(golden, name), text(name));
      }
    assert.deepEqual(files, filesUnder(golden), t);
    for (const name of files)
      assert.equal(
        text(name),
        readFileSync(join(golden, name), 'utf8'),
        `${t} ${name}: regenerate with UPDATE_GOLDEN=1 if intended`,
      );
  }
});
