/**
 * What the engines hand helm is what install would: the values each target reassembles (Argo CD's
 * valuesObject with the secret values a plugin adds, Flux's valuesFrom the Secret then values,
 * helmfile's values files in order) equal config.yaml; rendered with the published 2.15.1 archive
 * twice, the pinned secrets are the same both times (nothing generated per render). Without the
 * secret values, Argo CD's Application alone renders the chart's default password: GITOPS103.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { mergeValues } from '../../src/model/merge.js';
import type { Values } from '../../src/model/values.js';
import { archivePath, needsArchives } from '../support/published-charts.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { decodeSecret, FULLNAME, render, valuesFile } from '../chart/render.js';
import { objectsIn, PLANTED, secretsFile } from './support.js';

type V = Record<string, unknown>;
const load = (p: string) => readFileSync(p, 'utf8');

async function exported(target: string, dir: string, f: string): Promise<string> {
  const r = await runCli(['export', '--to', target, '-p', 'gke', '-f', f, '-o', target, '--chart-version', '2.15.1'], {
    cwd: dir,
  });
  assert.equal(r.exitCode, 0, r.stderr);
  return join(dir, target);
}

function secretValuesOf(file: string): V {
  const [s] = objectsIn(load(file)) as any[];
  return yaml.load(s.stringData['values.yaml']) as V;
}

/** The values each engine passes helm, reassembled from what export wrote. */
async function engineValues(dir: string, f: string): Promise<Record<string, V>> {
  const argo = await exported('argocd', dir, f);
  const [app] = objectsIn(load(join(argo, 'application.yaml'))) as any[];
  const flux = await exported('flux', dir, f);
  const [, rel] = objectsIn(load(join(flux, 'helmrelease.yaml'))) as any[];
  const hf = await exported('helmfile', dir, f);
  return {
    argocd: mergeValues(
      app.spec.source.helm.valuesObject,
      secretValuesOf(join(argo, 'secret-values.yaml')) as Values,
    ) as V,
    // Flux merges valuesFrom in order, then spec.values over them.
    flux: mergeValues(secretValuesOf(join(flux, 'secret-values.yaml')) as Values, rel.spec.values) as V,
    helmfile: mergeValues(
      yaml.load(load(join(hf, 'values.yaml'))) as Values,
      yaml.load(load(join(hf, 'secret-values.yaml'))) as Values,
    ) as V,
    argocdAlone: app.spec.source.helm.valuesObject as V,
  };
}

test('each target hands helm exactly the values install writes to config.yaml', async () => {
  const dir = tempDir();
  const f = secretsFile(dir, true);
  const w = await runCli(['-p', 'gke', '-f', f, '--chart-version', '2.15.1', '--yes', '--no-install'], { cwd: dir });
  assert.equal(w.exitCode, 0, w.stderr);
  const config = yaml.load(load(join(dir, 'config.yaml'))) as V;
  // config.yaml is there now, so the exports read it as their base, as the person's next run would.
  const got = await engineValues(dir, f);
  for (const t of ['argocd', 'flux', 'helmfile']) assert.deepEqual(got[t], config, t);
});

test(
  'rendered with the published chart, the pinned secrets are the same on every render',
  { skip: needsArchives() },
  async () => {
    const dir = tempDir();
    const f = secretsFile(dir, false);
    const got = await engineValues(dir, f);
    const chart = archivePath('2.15.1')!;
    const renders = await Promise.all([1, 2].map(() => render(4, { chart, files: [valuesFile(got.flux, 'flux')] })));
    const [a, b] = renders.map((m) => ({
      admin: decodeSecret(m.get('Secret', `${FULLNAME}-platform-secret`), 'POLYAXON_ADMIN_PASSWORD'),
      key: decodeSecret(m.get('Secret', `${FULLNAME}-secret`), 'POLYAXON_SECRET_KEY'),
      token: decodeSecret(m.get('Secret', `${FULLNAME}-secret`), 'POLYAXON_SECRET_INTERNAL_TOKEN'),
    }));
    assert.deepEqual(a, {
      admin: PLANTED['user.password'],
      key: PLANTED.polyaxonSecret,
      token: PLANTED.internalToken,
    });
    assert.deepEqual(b, a);
    // The Application alone (no values plugin): the chart's default password, as GITOPS103 says.
    const alone = await render(4, { chart, files: [valuesFile(got.argocdAlone, 'argo-alone')] });
    assert.equal(
      decodeSecret(alone.get('Secret', `${FULLNAME}-platform-secret`), 'POLYAXON_ADMIN_PASSWORD'),
      'rootpassword',
    );
  },
);
