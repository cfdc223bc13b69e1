import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS_WITH_INGRESS, suggestValues } from '../../src/cluster/suggest.js';
import { buildConfig } from '../../src/model/build.js';
import { listPresets, loadPreset } from '../../src/model/presets.js';
import { fixture } from '../support/paths.js';
import { composeResult } from './compose.js';
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
  const r = composeResult(SCENARIOS['GKE with a T4 GPU node']);
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
