import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS_WITH_INGRESS, suggestValues } from '../../src/cluster/suggest.js';
import { buildConfig } from '../../src/model/build.js';
import { listPresets, loadPreset } from '../../src/model/presets.js';
import { fixture } from '../support/paths.js';
import { composeResult, nodeWith } from './compose.js';
import { SCENARIOS } from './scenarios.js';

for (const [name, s] of Object.entries(SCENARIOS)) {
  test(`${name}: distribution, preset and values, each value with its reason`, async () => {
    const r = composeResult(s);
    assert.equal(r.distribution.name, s.expect.distribution);
    const sug = suggestValues(r);
    assert.equal(sug.preset, s.expect.preset);
    assert.ok(sug.presetReason.length > 0);
    assert.deepEqual(sug.values, s.expect.values);
    const fields = sug.reasons.map((x) => x.field);
    assert.equal(new Set(fields).size, fields.length, 'one reason per field');
    for (const x of sug.reasons) assert.ok(x.reason.length > 10, `${x.field} has a reason`);
    // The preset and the suggestion together are a valid config.
    const preset = await loadPreset(sug.preset);
    assert.doesNotThrow(() =>
      buildConfig([
        { source: `preset ${sug.preset}`, values: preset.values },
        { source: 'probe', values: sug.values },
      ]),
    );
  });
}

test('reasons name escaped fields and say where a value came from', () => {
  const sug = suggestValues(composeResult(SCENARIOS.k3s));
  const ingress = sug.reasons.find((x) => x.field === 'ingress.annotations.kubernetes\\.io/ingress\\.class');
  assert.equal(ingress?.value, 'traefik');
  assert.match(ingress?.reason ?? '', /the default IngressClass \(traefik\.io\/ingress-controller\)/);
  const gke = suggestValues(composeResult(SCENARIOS['GKE with a T4 GPU node']));
  assert.match(
    gke.reasons.find((x) => x.field === 'resourcesDaemon.tolerations')?.reason ?? '',
    /1 GPU node is tainted nvidia\.com\/gpu=present:NoSchedule/,
  );
  assert.match(
    gke.reasons.find((x) => x.field === 'dirs.nvidia')?.reason ?? '',
    /mounted by DaemonSet kube-system\/nvidia-gpu-device-plugin-small-cos/,
  );
});

test('a failed DNS part suggests no dns values rather than a guess', () => {
  const r = composeResult(SCENARIOS.kubespray, { dns: { status: 'forbidden', reason: 'services is forbidden' } });
  assert.equal(suggestValues(r).values.dns, undefined);
});

test('system taints on GPU nodes are not tolerated', () => {
  const r = composeResult(SCENARIOS['GPU nodes only, all tainted: the core pods must tolerate the taint']);
  if (r.gpu.status !== 'ok') throw new Error('gpu');
  r.gpu.data.taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', nodes: 1 });
  assert.deepEqual(suggestValues(r).values.tolerations, [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  ]);
});

test('an existing release does not change the suggested values; it is named, with its revision', () => {
  const withRelease = suggestValues(
    composeResult({ ...SCENARIOS.minikube, releaseSecrets: [fixture('helm-release-secret.json')] }),
  );
  const { release, ...rest } = withRelease;
  assert.deepEqual(rest, suggestValues(composeResult(SCENARIOS.minikube)));
  assert.deepEqual(release, {
    name: 'polyaxon',
    namespace: 'polyaxon',
    revision: 2,
    status: 'deployed',
    chartVersion: '2.15.1',
  });
});

test('PRESETS_WITH_INGRESS matches the presets that enable the Ingress', async () => {
  const enabled = (await listPresets()).filter((p) => p.values.ingress?.enabled === true).map((p) => p.name);
  assert.deepEqual([...PRESETS_WITH_INGRESS].sort(), enabled.sort());
});

test('GPU taints: core pods tolerate them only when no untainted node can run them', () => {
  const mixed = suggestValues(composeResult(SCENARIOS['GKE with a T4 GPU node']));
  assert.equal(mixed.values.tolerations, undefined, 'the default pool runs the core pods');
  assert.match(
    mixed.reasons.find((x) => x.field === 'resourcesDaemon.tolerations')?.reason ?? '',
    /GPU runs take their tolerations from their own environment/,
  );
  const only = suggestValues(
    composeResult(SCENARIOS['GPU nodes only, all tainted: the core pods must tolerate the taint']),
  );
  assert.match(
    only.reasons.find((x) => x.field === 'tolerations')?.reason ?? '',
    /no other node can run the core pods/,
  );
});

test('the DNS prefix reason says why a kube-system Service needs a prefix, never "outside kube-system"', () => {
  const sug = suggestValues(
    composeResult(SCENARIOS['RKE2 with a custom cluster domain (Corefile in the ConfigMap its DNS Deployment mounts)']),
  );
  const prefix = sug.reasons.find((x) => x.field === 'dns.prefix')?.reason ?? '';
  assert.doesNotMatch(prefix, /outside kube-system/);
  assert.match(prefix, /kube-system\/rke2-coredns-rke2-coredns, a name dns\.backend cannot give/);
  assert.match(
    sug.reasons.find((x) => x.field === 'dns.customCluster')?.reason ?? '',
    /corp\.internal \(from the Corefile \(ConfigMap kube-system\/rke2-coredns-rke2-coredns\)\)/,
  );
});

test('LoadBalancer: a cloud providerID or an implementation gives one, with the reason; bare metal gets NodePort', () => {
  const reason = (name: string) =>
    suggestValues(composeResult(SCENARIOS[name])).reasons.find((x) => x.field === 'serviceType')?.reason ?? '';
  assert.match(reason('DigitalOcean (DOKS) without an ingress controller'), /DigitalOcean load balancers/);
  assert.match(reason('bare metal with MetalLB, no ingress controller'), /MetalLB/);
  assert.match(reason('bare metal with Cilium LB IPAM (a pool), no ingress controller'), /Cilium LB IPAM/);
  assert.match(
    reason('bare metal, no ingress controller, no LoadBalancer implementation'),
    /nothing here gives a LoadBalancer an address \(no node has a cloud providerID; no MetalLB/,
  );
  const noPool = composeResult({
    ...SCENARIOS['bare metal with Cilium LB IPAM (a pool), no ingress controller'],
    ciliumPools: 0,
  });
  assert.equal(suggestValues(noPool).values.serviceType, 'NodePort', 'Cilium without an LB IPAM pool gives no address');
});

test('GPU Operator on OpenShift: the driver DaemonSet is matched by its name prefix and label', () => {
  const r = composeResult(
    SCENARIOS['OpenShift with the GPU Operator (driver DaemonSet named after the RHCOS version)'],
  );
  assert.equal(r.gpu.status, 'ok');
  if (r.gpu.status !== 'ok') return;
  assert.equal(r.gpu.data.operator, true);
  assert.equal(r.gpu.data.platform, 'gpu-operator');
  assert.deepEqual(
    r.gpu.data.components.map((c) => [c.kind, c.name]),
    [['driver-installer', 'nvidia-driver-daemonset-415.92.202406251950-0']],
  );
});

test('GKE Autopilot is not GKE Standard: no driver host paths, said why; Standard keeps them', () => {
  const r = composeResult(SCENARIOS['GKE Autopilot (gk3- nodes, auto.gke.io)']);
  assert.equal(r.distribution.variant, 'autopilot');
  assert.match(
    r.distribution.evidence[0],
    /GKE Autopilot: node name gk3-ml-autopilot-pool-2-\S+ on node \S+ \(2 of 2 nodes\), API group auto\.gke\.io/,
  );
  const sug = suggestValues(r);
  assert.match(sug.reasons.find((x) => x.field === 'dirs.nvidia')?.reason ?? '', /Autopilot refuses hostPath/);
  const standard = composeResult(SCENARIOS['GKE with a T4 GPU node']);
  assert.equal(standard.distribution.variant, undefined);
});

test('distribution evidence counts the nodes that carry the very label it names', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((name, i) =>
    nodeWith({
      name,
      kubeletVersion: 'v1.30.3-gke.1639000',
      labels: i < 2 ? { 'cloud.google.com/gke-nodepool': 'pool' } : {},
    }),
  );
  const r = composeResult({ nodes });
  assert.match(r.distribution.evidence[0], /^label cloud\.google\.com\/gke-nodepool on node a \(2 of 4 nodes\)$/);
});
