/**
 * Planted secrets: every command is run with a password (and tokens) it must not show, and
 * everything it prints, stdout and stderr, is searched for them.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixture } from '../support/paths.js';
import { runCli, tempDir, type CliRun } from '../support/run-cli.js';
import { clusterPool } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';

const TEXT = 'Pl4nted-S3cret-x9931';
const NUM = '884422117';
const TOKEN = 'tok-Planted-77aa';
const PLANTED = [TEXT, NUM, TOKEN, 'S3cret-x9931'];

const start = clusterPool(after);
const isolated = () => ({ HOME: tempDir(), KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' });

function assertNoSecret(r: CliRun, what: string): void {
  const all = `${r.stdout}\n${r.stderr}`;
  for (const s of PLANTED) assert.ok(!all.includes(s), `${what} printed the planted secret ${s}:\n${all}`);
  assert.doesNotMatch(all, /Internal error/, `${what} crashed:\n${all}`);
}

/** A helm release Secret (helm's storage) whose deployed values hold the planted secrets. */
function releaseSecret(config: Record<string, unknown>): unknown {
  const base = fixture('helm-release-secret.json');
  const release = {
    name: 'polyaxon',
    namespace: 'polyaxon',
    version: 2,
    info: { status: 'deployed' },
    chart: { metadata: { name: 'polyaxon', version: '2.15.1' } },
    config,
  };
  const helm = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return { ...base, data: { release: Buffer.from(helm).toString('base64') } };
}

const offline: [string, string[], Record<string, string>?][] = [
  ['--set password with another mistake', ['--set', `user.password=${TEXT},bogus=1`]],
  ['--set password with a bad key', ['--set', `user.password=${TEXT},a..b=1`]],
  ['--set password with an unescaped comma', ['--set', `user.password=Pl4nted-,S3cret-x9931`]],
  ['--set password with a missing =', ['--set', `user.password=${TEXT}`, '--set', 'nokey']],
  ['--set numeric password', ['--set', `user.password=${NUM}`]],
  ['--set-string password with a bad key', ['--set-string', `user.password=${TEXT},ingress.nope=1`]],
  ['--set numeric password with --json', ['--set', `user.password=${NUM}`, '--json']],
  ['-f numeric password', ['-f', 'num.yaml']],
  ['-f password with an unknown key', ['-f', 'text.yaml']],
  [
    '--set PostgreSQL password with a bad port',
    ['--set', `externalServices.postgresql.password=${TEXT},externalServices.postgresql.port=0`],
  ],
  ['-f PostgreSQL password with a bad host', ['-f', 'pg.yaml']],
];

for (const [name, argv] of offline) {
  for (const cmd of [[], ['validate']]) {
    test(`no secret shown: ${cmd.join(' ') || 'install'} ${name}`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'num.yaml'), `user:\n  password: ${NUM}\n`);
      writeFileSync(join(dir, 'text.yaml'), `user:\n  password: ${TEXT}\n  tokn: ${TOKEN}\n`);
      writeFileSync(
        join(dir, 'pg.yaml'),
        `postgresql:\n  enabled: false\nexternalServices:\n  postgresql:\n    host: https://db\n    password: ${NUM}\n`,
      );
      const args = cmd.length ? [...cmd, ...argv] : ['-p', 'minikube', '-y', '--no-install', ...argv];
      const r = await runCli(args, { cwd: dir, env: isolated() });
      assert.notEqual(r.exitCode, 0, 'each of these inputs is invalid');
      assertNoSecret(r, `${args.join(' ')}`);
    });
  }
}

test('the external PostgreSQL password is written to config.yaml (0600) and shown nowhere, --json included', async () => {
  for (const json of [[], ['--json']]) {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'pg.yaml'),
      `postgresql:\n  enabled: false\nexternalServices:\n  postgresql:\n    host: db.example.com\n    password: ${TEXT}\n`,
    );
    const args = ['-p', 'minikube', '-y', '--no-install', '-f', 'pg.yaml', '--chart-version', '2.15.1', ...json];
    const r = await runCli(args, { cwd: dir, env: isolated() });
    assert.equal(r.exitCode, 0, r.stderr);
    assertNoSecret(r, args.join(' '));
    const path = join(dir, 'config.yaml');
    assert.match(readFileSync(path, 'utf8'), new RegExp(`password: ${TEXT}`));
    assert.equal(statSync(path).mode & 0o777, 0o600);
  }
});

test('doctor and doctor --json do not show the deployed release secrets', async () => {
  const { kubeconfig } = await start({
    ...SCENARIOS.kubespray,
    releaseSecrets: [
      releaseSecret({
        user: { password: TEXT },
        postgresql: { auth: { password: NUM } },
        api: { token: TOKEN },
        ingress: { hostName: 'polyaxon.example.com' },
      }),
    ],
  });
  for (const json of [[], ['--json']]) {
    const r = await runCli(['doctor', ...json, '--kubeconfig', kubeconfig], { env: isolated() });
    assert.equal(r.exitCode, 0, r.stderr);
    assertNoSecret(r, `doctor ${json.join(' ')}`);
    if (json.length) {
      const doc = JSON.parse(r.stdout);
      const values = doc.probe.existingRelease.data.latest.values;
      assert.equal(values.user.password, '********');
      assert.equal(values.ingress.hostName, 'polyaxon.example.com', 'what is not secret is shown');
    }
  }
});
