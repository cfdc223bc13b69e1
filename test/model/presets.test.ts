import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tempDir } from '../support/run-cli.js';
import { join } from 'node:path';
import { buildConfig } from '../../src/model/build.js';
import { configText } from '../../src/commands/support/config-file.js';
import { listPresetNames, loadPreset } from '../../src/model/presets.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { packageRoot } from '../../src/paths.js';

const EXPECTED = [
  'docker-compose',
  'eks',
  'gke',
  'kubernetes',
  'kubespray',
  'microk8s',
  'minikube',
  'nfs',
  'openshift',
];

test('the presets the README promises exist', async () => {
  assert.deepEqual(await listPresetNames(), EXPECTED);
});

/** config.yaml text for a preset alone, as `--preset NAME --yes --no-install` writes it. */
async function presetConfig(name: string, chartVersion?: string): Promise<string> {
  const p = await loadPreset(name);
  const built = buildConfig([{ source: `preset ${name}`, values: p.values }], { chartVersion });
  return configText(built.written, { chartVersion, generator: 'polyaxon-setup (golden)' });
}

// The default line (what `helm install polyaxon/polyaxon` gets), and chart 0.6.1, which the
// hand-made fixture chart of test/chart stands in for.
for (const [dir, chartVersion] of [
  ['', undefined],
  ['line-0.6', '0.6.1'],
] as const) {
  for (const name of EXPECTED) {
    test(`preset ${name} validates and matches its golden config${dir ? ` (${dir})` : ''}`, async () => {
      const text = await presetConfig(name, chartVersion);
      const golden = join(packageRoot, 'test', 'golden', dir, `${name}.config.yaml`);
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, text);
      assert.equal(text, await readFile(golden, 'utf8'), `regenerate with UPDATE_GOLDEN=1 if the change is intended`);
    });
  }
}

test('preset specifics: kubespray uses the coredns backend, openshift its DNS prefix', async () => {
  assert.match(await presetConfig('kubespray'), /^dns:\n {2}backend: coredns$/m);
  assert.match(await presetConfig('openshift'), /^dns:\n {2}prefix: dns-default.openshift-dns$/m);
});

test('preset nfs puts logs, repos and upload on claims and removes the host paths', async () => {
  const p = await loadPreset('nfs');
  const built = buildConfig([{ source: 'preset nfs', values: p.values }]);
  assert.equal(built.values.persistence?.logs?.existingClaim, 'polyaxon-pvc-logs');
  assert.equal(built.values.persistence?.logs?.hostPath, null);
  assert.equal(built.values.persistence?.data?.['default-data'], null);
});

test('an unknown preset names the known ones', async () => {
  await assert.rejects(
    loadPreset('minikub'),
    (e: unknown) =>
      e instanceof UsageError && /Unknown preset "minikub"/.test(e.message) && /minikube/.test(e.hint ?? ''),
  );
});

test('a broken preset file is reported by name and field', async () => {
  const dir = tempDir('presets-');
  await writeFile(join(dir, 'bad.yaml'), 'description: x\nvalues:\n  serviceType: Router\n  ingres: {}\n');
  await writeFile(join(dir, 'nodesc.yaml'), 'values: {}\n');
  await assert.rejects(loadPreset('bad', dir), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.deepEqual(
      e.problems.map((p) => p.field),
      ['preset bad: serviceType', 'preset bad: ingres'],
    );
    return true;
  });
  await assert.rejects(
    loadPreset('nodesc', dir),
    (e: unknown) => e instanceof ConfigError && e.problems[0].field === 'preset nodesc.description',
  );
});
