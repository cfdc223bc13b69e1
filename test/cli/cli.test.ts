import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { runCli, tempDir } from '../support/run-cli.js';
import { ExitCode } from '../../src/errors.js';
import { COMMANDS, OPTION_NAMES } from '../../src/cli/args.js';

test('--preset minikube --yes --no-install writes config.yaml and prints the helm command', async () => {
  const dir = tempDir();
  const r = await runCli(['--preset', 'minikube', '--yes', '--no-install'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Wrote config\.yaml/);
  assert.match(
    r.stdout,
    /helm install --namespace polyaxon --create-namespace -f config\.yaml --version 2\.15\.1 -- polyaxon polyaxon\/polyaxon$/m,
    'the command installs the chart config.yaml was written for, not whatever is newest when it runs',
  );
  const text = readFileSync(join(dir, 'config.yaml'), 'utf8');
  // Written for the chart that `helm install polyaxon/polyaxon` gets, under the names it reads.
  assert.match(text, /^# Polyaxon chart values, written by polyaxon-setup .* for chart 2\.15\.1 /m);
  const v = yaml.load(text) as Record<string, any>;
  assert.equal(v.deploymentType, 'minikube');
  assert.equal(v.gateway.service.type, 'NodePort');
  assert.equal(v.serviceType, undefined);
  assert.equal(v.artifactsStore.kind, 'host_path');
  assert.ok(!existsSync(join(dir, 'polyaxon-setup.schema.json')), 'the spec-named schema does not describe this file');
  assert.match(r.stderr, /user\.password: is the default "rootpassword"/);
});

test("the shipped bin checks a line's own keys by its values.yaml types (its key tables ship as text)", async () => {
  const bad = await runCli(['-p', 'minikube', '-y', '--no-install', '--set', 'gateway.replicas=many'], {
    cwd: tempDir(),
  });
  assert.equal(bad.exitCode, ExitCode.InvalidConfig, bad.stderr);
  assert.match(bad.stderr, /gateway\.replicas/);
  const dir = tempDir();
  const good = await runCli(['-p', 'minikube', '-y', '--no-install', '--set', 'gateway.replicas=2'], { cwd: dir });
  assert.equal(good.exitCode, 0, good.stderr);
  assert.equal((yaml.load(readFileSync(join(dir, 'config.yaml'), 'utf8')) as any).gateway.replicas, 2);
});

test('the same run twice gives the same bytes', async () => {
  const [a, b] = [tempDir(), tempDir()];
  for (const d of [a, b]) assert.equal((await runCli(['-p', 'gke', '-y', '--no-install'], { cwd: d })).exitCode, 0);
  assert.equal(readFileSync(join(a, 'config.yaml'), 'utf8'), readFileSync(join(b, 'config.yaml'), 'utf8'));
});

test('layers: preset < -f files in order < --set < --set-string', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'one.yaml'), 'serviceType: LoadBalancer\ntimezone: Europe/Paris\n');
  writeFileSync(join(dir, 'two.yaml'), 'timezone: Europe/Berlin\nhostName: 10.0.0.1\n');
  const r = await runCli(
    [
      '-p',
      'minikube',
      '-f',
      'one.yaml',
      '-f',
      'two.yaml',
      '--set',
      'hostName=px.acme.com,ingress.annotations.a\\.b=one',
      '--set-string',
      'dns.prefix=1.22',
      '-y',
      '--no-install',
      '-o',
      'out/values.yaml',
    ],
    { cwd: dir },
  );
  assert.equal(r.exitCode, 0, r.stderr);
  const v = yaml.load(readFileSync(join(dir, 'out', 'values.yaml'), 'utf8')) as Record<string, any>;
  assert.equal(v.deploymentType, 'minikube');
  assert.equal(v.gateway.service.type, 'LoadBalancer');
  assert.equal(v.timezone, 'Europe/Berlin');
  assert.equal(v.hostName, 'px.acme.com');
  assert.deepEqual(v.ingress.annotations, { 'a.b': 'one' });
  assert.equal(v.dns.prefix, '1.22');
});

test('an existing config.yaml is backed up, and a password makes the file 0600', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), 'old: content\n');
  const r = await runCli(['-p', 'minikube', '-y', '--no-install', '--set-string', 'user.password=n0t-the-default'], {
    cwd: dir,
  });
  assert.equal(r.exitCode, 0, r.stderr);
  const backups = readdirSync(dir).filter((n) => /^config\.yaml\.\d{8}T\d{6}Z\.bak$/.test(n));
  assert.equal(backups.length, 1);
  assert.equal(readFileSync(join(dir, backups[0]), 'utf8'), 'old: content\n');
  assert.equal(statSync(join(dir, 'config.yaml')).mode & 0o777, 0o600);
  assert.doesNotMatch(r.stdout + r.stderr, /n0t-the-default/, 'the password is never printed');
});

test('--chart-version 0.6.1 writes the names that chart reads', async () => {
  const dir = tempDir();
  const r = await runCli(['-p', 'minikube', '-y', '--no-install', '--chart-version', '0.6.1'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  const v = yaml.load(readFileSync(join(dir, 'config.yaml'), 'utf8')) as Record<string, any>;
  assert.equal(v.timeZone, 'UTC');
  assert.equal(v.adminViewEnabled, true);
  assert.equal(v.securityContext.user, 2222);
  assert.match(r.stdout, /--version 0\.6\.1/);
});

// Bad input of every kind: non-zero, the field named, no stack trace, nothing written.
const BAD: [string, string[], number, RegExp][] = [
  [
    'unknown preset',
    ['-p', 'minikub', '-y', '--no-install'],
    ExitCode.Usage,
    /Unknown preset "minikub"[\s\S]*minikube/,
  ],
  ['unknown flag', ['--presett', 'minikube'], ExitCode.Usage, /Unknown flag --presett\. Did you mean --preset\?/],
  ['flag without value', ['-p', 'minikube', '-y', '--no-install', '--set'], ExitCode.Usage, /--set needs a value/],
  ['unknown command', ['instal'], ExitCode.Usage, /Unknown command "instal"/],
  [
    'bad --set',
    ['-p', 'minikube', '-y', '--no-install', '--set', 'ingress.enabled'],
    ExitCode.InvalidConfig,
    /--set "ingress\.enabled": .*no "="/,
  ],
  [
    'unknown key via --set',
    ['-p', 'minikube', '-y', '--no-install', '--set', 'ingres.enabled=true'],
    ExitCode.InvalidConfig,
    /ingres \(from --set ingres\.enabled=true\): is not a key[\s\S]*Did you mean "ingress"/,
  ],
  [
    'a number where text is needed suggests --set-string',
    ['-p', 'minikube', '-y', '--no-install', '--set', 'ingress.annotations.x=1'],
    ExitCode.InvalidConfig,
    /ingress\.annotations\.x \(from --set ingress\.annotations\.x=1\): is number 1, expected string\n.*Use --set-string ingress\.annotations\.x=\.\.\./,
  ],
  [
    'invalid value',
    ['-p', 'minikube', '-y', '--no-install', '--set', 'namespace=Bad_NS'],
    ExitCode.InvalidConfig,
    /namespace: "Bad_NS" must be lower-case/,
  ],
  [
    'missing -f file',
    ['-p', 'minikube', '-y', '--no-install', '-f', 'nope.yaml'],
    ExitCode.InvalidConfig,
    /-f nope\.yaml: no such file/,
  ],
  ['no preset without a terminal', ['-y', '--no-install'], ExitCode.NotInteractive, /--preset NAME/],
  ['install needs --yes without a terminal', ['-p', 'minikube'], ExitCode.NotInteractive, /--yes or --no-install/],
  ['bad timeout', ['doctor', '--timeout', 'soon'], ExitCode.Usage, /--timeout "soon" is not a duration/],
];

for (const [name, args, code, pattern] of BAD) {
  test(`bad input: ${name}`, async () => {
    const dir = tempDir();
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.exitCode, code, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
  });
}

test('bad YAML in a -f file names the file and line', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.yaml'), 'ingress:\n  enabled: true\n hostName: x\n');
  const r = await runCli(['-p', 'minikube', '-y', '--no-install', '-f', 'bad.yaml'], { cwd: dir });
  assert.equal(r.exitCode, ExitCode.InvalidConfig);
  assert.match(r.stderr, /-f bad\.yaml is not valid YAML at line 3/);
  assert.deepEqual(readdirSync(dir), ['bad.yaml']);
});

test('a failed run leaves an existing config.yaml untouched', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), 'keep: me\n');
  const r = await runCli(['-p', 'minikube', '-y', '--no-install', '--set', 'serviceType=Bogus'], { cwd: dir });
  assert.equal(r.exitCode, ExitCode.InvalidConfig);
  assert.equal(readFileSync(join(dir, 'config.yaml'), 'utf8'), 'keep: me\n');
  assert.deepEqual(readdirSync(dir), ['config.yaml']);
});

test('validate lists every problem and exits non-zero', async () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'c.yaml'),
    'namespace: Bad\nssl:\n  enabled: true\npersistence:\n  data:\n    d1:\n      store: gcs\n      bucket: s3://x\n',
  );
  const r = await runCli(['validate', 'c.yaml'], { cwd: dir });
  assert.equal(r.exitCode, ExitCode.InvalidConfig);
  for (const f of [
    'namespace',
    'ssl.secretName',
    'persistence.data.d1.bucket',
    'persistence.data.d1.secret',
    'persistence.data.d1.secretKey',
  ]) {
    assert.match(r.stderr, new RegExp(`${f.replace(/\./g, '\\.')}: `), f);
  }
});

test('validate --json reports problems as data', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'c.yaml'), 'timezone: Nowhere\n');
  const r = await runCli(['validate', 'c.yaml', '--json'], { cwd: dir });
  assert.equal(r.exitCode, ExitCode.InvalidConfig);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.error.problems.find((p: any) => p.severity === 'error').field, 'timezone');
});

test('validate accepts what the tool wrote, for a chart line too', async () => {
  const dir = tempDir();
  assert.equal(
    (await runCli(['-p', 'openshift', '-y', '--no-install', '--chart-version', '0.6.1'], { cwd: dir })).exitCode,
    0,
  );
  const r = await runCli(['validate', 'config.yaml', '--chart-version', '0.6.1'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /config\.yaml is valid, with 1 warning:\n.*user\.password/);
});

test('presets lists every preset and auto; --json gives their values', async () => {
  const r = await runCli(['presets']);
  assert.equal(r.exitCode, 0);
  for (const n of [
    'minikube',
    'microk8s',
    'kubernetes',
    'gke',
    'eks',
    'kubespray',
    'openshift',
    'nfs',
    'docker-compose',
    'auto',
  ]) {
    assert.match(r.stdout, new RegExp(`^${n} +\\S`, 'm'), n);
  }
  const j = JSON.parse((await runCli(['presets', '--json'])).stdout);
  assert.equal(j.find((p: any) => p.name === 'kubespray').values.dns.backend, 'coredns');
});

test('--json on a preset run prints one document with the config path and warnings', async () => {
  const dir = tempDir();
  const r = await runCli(['-p', 'minikube', '-y', '--no-install', '--json'], { cwd: dir });
  assert.equal(r.exitCode, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.config, join(dir, 'config.yaml'));
  assert.equal(doc.warnings[0].field, 'user.password');
});

test('--help shows examples and exit codes; --version the package version', async () => {
  const h = await runCli(['--help']);
  assert.equal(h.exitCode, 0);
  assert.match(h.stdout, /Examples/);
  assert.match(h.stdout, /130 +Cancelled/);
  const v = await runCli(['--version']);
  assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test("COMMAND --help: that command's own usage, flags that exist, and nothing is run", async () => {
  for (const command of COMMANDS) {
    const r = await runCli([command, '--help']);
    assert.equal(r.exitCode, 0, command);
    assert.match(
      r.stdout.split('\n')[0],
      new RegExp(`^polyaxon-setup ${command === 'install' ? '\\[install\\]' : command}(?![\\w-])`),
      command,
    );
    assert.match(r.stdout, /Example/, command);
    for (const flag of r.stdout.matchAll(/(?<![\w-])--([a-z][a-z-]+)/g)) {
      assert.ok(OPTION_NAMES.includes(flag[1]), `${command} --help names --${flag[1]}, which is not a flag`);
    }
  }
  const general = await runCli(['--help']);
  assert.match(general.stdout, /^polyaxon-setup: install Polyaxon/);
});

test('schema prints a JSON Schema of the values', async () => {
  const r = await runCli(['schema']);
  const s = JSON.parse(r.stdout);
  assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(s.properties.persistence.properties.data.additionalProperties.properties.store.enum, [
    'gcs',
    's3',
    'azure',
  ]);
});
