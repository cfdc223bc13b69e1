/**
 * `polyaxon-setup export`, from the built CLI: golden exports for two presets and every target,
 * each object checked by the typed models; planted secrets found only in the secret file, for
 * every target and preset; the GitOps lint refusing secrets the chart would generate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { runCli, tempDir } from '../support/run-cli.js';
import { repoRoot } from '../support/paths.js';
import { ExitCode } from '../../src/errors.js';
import { checkObjects } from '../../src/model/export/check-objects.js';
import { splitSecrets } from '../../src/model/export/secrets.js';
import { filesUnder, objectsIn, PLANTED, secretsFile } from './support.js';

const TARGETS = ['argocd', 'flux', 'helmfile'] as const;
const PRESETS = ['gke', 'minikube'] as const;

for (const preset of PRESETS)
  for (const target of TARGETS)
    test(`export --to ${target} --preset ${preset} matches its golden files, and the objects validate`, async () => {
      const dir = tempDir();
      const f = secretsFile(dir, false);
      const r = await runCli(
        ['export', '--to', target, '--preset', preset, '-f', f, '-o', 'out', '--chart-version', '2.15.1'],
        {
          cwd: dir,
        },
      );
      assert.equal(r.exitCode, 0, r.stderr);
      const out = join(dir, 'out');
      const golden = join(repoRoot, 'test', 'golden', 'export', `${preset}-${target}`);
      const files = filesUnder(out);
      if (process.env.UPDATE_GOLDEN === '1')
        for (const name of files) {
          mkdirSync(join(golden, name, '..'), { recursive: true });
          writeFileSync(join(golden, name), readFileSync(join(out, name)));
        }
      assert.deepEqual(files, filesUnder(golden), 'the same files as the golden export');
      for (const name of files) {
        const text = readFileSync(join(out, name), 'utf8');
        assert.equal(
          text,
          readFileSync(join(golden, name), 'utf8'),
          `${name}: regenerate with UPDATE_GOLDEN=1 if intended`,
        );
        const secret = name.startsWith('secret-values');
        assert.equal(statSync(join(out, name)).mode & 0o777, secret ? 0o600 : 0o644, `${name} mode`);
        assert.deepEqual(checkObjects(objectsIn(text)), [], `${name} validates`);
      }
      // What the person is told: which file holds secrets, how to seal it, the one command.
      assert.match(r.stdout, /Secrets are only in out\/secret-values\.yaml/);
      assert.match(
        r.stdout,
        target === 'helmfile' ? /SOPS/ : /Sealed Secrets:.*kubeseal[\s\S]*External Secrets[\s\S]*SOPS/,
      );
      const apply = {
        argocd: /kubectl apply -n argocd -f out\/application\.yaml/,
        flux: /kubectl apply -f out\/helmrelease\.yaml/,
        helmfile: /helmfile --file out\/helmfile\.yaml apply/,
      }[target];
      assert.match(r.stdout, apply);
      assert.doesNotMatch(r.stdout + r.stderr, /Planted-/);
    });

test('no planted secret is in any non-secret file, for every target and preset; all are in the secret file', async () => {
  for (const preset of PRESETS)
    for (const target of TARGETS) {
      const dir = tempDir();
      const f = secretsFile(dir, true);
      const r = await runCli(
        ['export', '--to', target, '--preset', preset, '-f', f, '--set', 'postgresql.enabled=false'],
        { cwd: dir },
      );
      assert.equal(r.exitCode, 0, `${preset} ${target}: ${r.stderr}`);
      const out = join(dir, 'gitops');
      let secretText = '';
      for (const name of filesUnder(out)) {
        const text = readFileSync(join(out, name), 'utf8');
        if (name.startsWith('secret-values')) secretText += text;
        else
          for (const [k, v] of Object.entries(PLANTED))
            assert.ok(!text.includes(v), `${preset} ${target}: ${k} leaked into ${name}`);
      }
      for (const [k, v] of Object.entries(PLANTED))
        assert.ok(secretText.includes(v), `${preset} ${target}: ${k} is in the secret file`);
      assert.doesNotMatch(r.stdout + r.stderr, /Planted-/);
    }
});

test('the lint refuses a root password the chart would generate on every render, naming the keys to pin', async () => {
  const dir = tempDir();
  const r = await runCli(
    ['export', '--to', 'argocd', '--preset', 'minikube', '--set', 'user.password=null', '--json'],
    { cwd: dir },
  );
  assert.equal(r.exitCode, ExitCode.InvalidConfig, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.ok, false);
  const p = doc.error.problems.find((x: any) => x.field.startsWith('GITOPS001'));
  assert.ok(p, r.stdout);
  for (const k of ['user.password', 'polyaxonSecret', 'internalToken'])
    assert.match(p.field, new RegExp(k.replace('.', '\\.')));
  assert.ok(!existsSync(join(dir, 'gitops')), 'nothing written');
});

test('the lint names an external database password left unset; flux and helmfile refuse it too', async () => {
  for (const target of TARGETS) {
    const dir = tempDir();
    const f = secretsFile(dir, false);
    const r = await runCli(['export', '--to', target, '-p', 'gke', '-f', f, '--set', 'postgresql.enabled=false'], {
      cwd: dir,
    });
    assert.equal(r.exitCode, ExitCode.InvalidConfig, `${target}: ${r.stdout}`);
    assert.match(r.stderr, /GITOPS001 externalServices\.postgresql\.password/);
  }
});

test('Argo CD warnings are coded: hooks mapped to sync phases, pre-delete hooks skipped', async () => {
  const dir = tempDir();
  const f = secretsFile(dir, false);
  const r = await runCli(['export', '--to', 'argocd', '-p', 'gke', '-f', f, '--json'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  const codes = JSON.parse(r.stdout).findings.map((x: any) => x.code);
  assert.deepEqual(codes, ['GITOPS101', 'GITOPS102', 'GITOPS103']);
  const flux = await runCli(['export', '--to', 'flux', '-p', 'gke', '-f', f, '--json', '-o', 'f'], { cwd: dir });
  assert.deepEqual(
    JSON.parse(flux.stdout).findings.map((x: any) => x.code),
    ['GITOPS201'],
  );
});

test('export never runs helm, pins an exact version only, and refuses a local chart', async () => {
  const dir = tempDir();
  const f = secretsFile(dir, false);
  // A helm that fails if it is ever run.
  const r = await runCli(['export', '--to', 'flux', '-p', 'gke', '-f', f, '--helm', '/nonexistent/helm'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  const range = await runCli(['export', '--to', 'flux', '-p', 'gke', '-f', f, '--chart-version', '^2.0.0'], {
    cwd: dir,
  });
  assert.equal(range.exitCode, ExitCode.Usage);
  const local = await runCli(['export', '--to', 'flux', '-p', 'gke', '--chart', './polyaxon'], { cwd: dir });
  assert.equal(local.exitCode, ExitCode.Usage);
  const none = await runCli(['export', '-p', 'gke'], { cwd: dir });
  assert.equal(none.exitCode, ExitCode.Usage);
  assert.match(none.stderr, /--to/);
});

test('splitSecrets: names of Secrets, key names and booleans stay plain; passwords and tokens do not', () => {
  const s = splitSecrets({
    user: { username: 'root', password: 'x1' },
    postgresql: { auth: { existingSecret: 'pg', postgresPassword: 'x2', secretKeys: { adminPasswordKey: 'k' } } },
    externalServices: { redis: { usePassword: true, password: 'x3' } },
    artifactsStore: { secret: { name: 'creds' } },
    ssl: { secretName: 'tls' },
    redis: { master: { automountServiceAccountToken: false } },
  });
  assert.deepEqual(s.paths, ['externalServices.redis.password', 'postgresql.auth.postgresPassword', 'user.password']);
  assert.deepEqual(s.plain, {
    user: { username: 'root' },
    postgresql: { auth: { existingSecret: 'pg', secretKeys: { adminPasswordKey: 'k' } } },
    externalServices: { redis: { usePassword: true } },
    artifactsStore: { secret: { name: 'creds' } },
    ssl: { secretName: 'tls' },
    redis: { master: { automountServiceAccountToken: false } },
  });
});

test('the typed models catch a wrong object', () => {
  const bad = checkObjects([
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'x' },
      spec: { project: 1, destination: {} },
    },
    {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'x' },
      spec: { interval: '10m', chart: { spec: { chart: 'polyaxon', sourceRef: { kind: 'Bogus', name: 'x' } } } },
    },
  ]);
  assert.equal(bad.length, 2);
  assert.match(bad[0], /project must be string/);
  assert.match(bad[1], /sourceRef\/kind must be equal to one of the allowed values/);
});

test('export reads config.yaml as install wrote it, with -f over it, and keeps a backup on a second run', async () => {
  const dir = tempDir();
  const w = await runCli(['--preset', 'minikube', '--yes', '--no-install'], { cwd: dir });
  assert.equal(w.exitCode, 0, w.stderr);
  const f = secretsFile(dir, false);
  const r = await runCli(['export', '--to', 'helmfile', '-f', f, '--set', 'timezone=Europe/Paris'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  const v = yaml.load(readFileSync(join(dir, 'gitops', 'values.yaml'), 'utf8')) as any;
  assert.equal(v.deploymentType, 'minikube');
  assert.equal(v.timezone, 'Europe/Paris');
  assert.equal(v.user.password, undefined);
  const again = await runCli(['export', '--to', 'helmfile', '-f', f], { cwd: dir });
  assert.equal(again.exitCode, 0, again.stderr);
  assert.match(again.stdout, /Wrote gitops\/values\.yaml \(previous kept in gitops\/values\.yaml\.\d{8}T\d{6}Z\.bak\)/);
  assert.match(again.stdout, /Unchanged gitops\/secret-values\.yaml/);
});
