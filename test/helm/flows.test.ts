/**
 * The driver's command sequences with a recording fake Exec: the exact argv of every helm call,
 * per helm major, for install (repository added, refreshed, or a mirror), upgrade, rollback and
 * uninstall (hooks failing: --no-hooks), and the refusals (no --yes without a terminal, helm 2,
 * helm too old, a declined confirmation naming the context).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { DeclinedError, HelmError, NotInteractiveError } from '../../src/errors.js';
import type { Prompter } from '../../src/io/prompter.js';
import type { CommandContext } from '../../src/commands/support/context.js';
import { releaseTarget } from '../../src/commands/support/helm-session.js';
import { installRelease as installFromConfig, planInstall } from '../../src/commands/support/install-release.js';
import { run as rollbackRelease } from '../../src/commands/rollback.js';
import { run as uninstallRelease } from '../../src/commands/uninstall.js';
import { run as upgradeRelease } from '../../src/commands/upgrade.js';
import { tempDir } from '../support/run-cli.js';
import { fakeCtx, fakeExec, fakeHelmFile, fakeIo, helmLines, pullAnswer, type Answer } from './support.js';

/** helm install with a config.yaml already written, as the install command does after writing it. */
async function installRelease(ctx: CommandContext, config: string): Promise<void> {
  const target = releaseTarget(ctx.args);
  await installFromConfig(ctx, await planInstall(ctx, target), config, { confirmed: ctx.args.yes });
}

/** What helm says of a release name nobody uses yet. */
const NO_RELEASE = { exitCode: 1, stderr: 'Error: release: not found\n' };

const VERSION = { 3: 'v3.17.3', 4: 'v4.1.4' } as const;
const CHART_READS = ['namespace', 'deploymentType', 'user.username'];

function setup(major: 3 | 4, table: Record<string, Answer>) {
  const dir = tempDir('helm-flows-');
  const helm = fakeHelmFile(dir);
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'namespace: polyaxon\ndeploymentType: minikube\nuser:\n  username: root\n');
  // Unless a test says otherwise, no release of that name exists yet (install checks first).
  const fx = fakeExec({
    'version --template {{.Version}}': { stdout: VERSION[major] },
    // The repository's newest, which an unset --chart-version installs.
    'show chart -- polyaxon/polyaxon': { stdout: 'apiVersion: v2\nname: polyaxon\nversion: 2.15.1\n' },
    ...table,
    // After the table's keys, so a test's own `history *` answers first.
    'history --namespace *': NO_RELEASE,
  });
  const io = fakeIo(dir, fx.exec);
  return { dir, helm, config, io, calls: fx.calls };
}

for (const major of [3, 4] as const) {
  test(`helm ${major}: install adds the repository, checks the chart's keys, installs without --wait`, async () => {
    const s = setup(major, {
      'history --namespace polyaxon -o json -- polyaxon': NO_RELEASE,
      'repo list -o json': { stdout: '[]' },
      'repo add --force-update -- polyaxon https://charts.polyaxon.com': {
        stdout: '"polyaxon" has been added to your repositories\n',
      },
      'pull *': pullAnswer(CHART_READS),
      'install *': { stdout: 'NAME: polyaxon\nSTATUS: deployed\nREVISION: 1\n' },
    });
    await installRelease(fakeCtx(['--yes', '--helm', s.helm], s.io), s.config);
    assert.deepEqual(helmLines(s.calls), [
      'history --namespace polyaxon -o json -- polyaxon',
      'repo list -o json',
      'repo add --force-update -- polyaxon https://charts.polyaxon.com',
      'show chart -- polyaxon/polyaxon',
      'pull --version 2.15.1 --destination DIR -- polyaxon/polyaxon',
      `install --namespace polyaxon --create-namespace -f ${s.config} --version 2.15.1 -- polyaxon polyaxon/polyaxon`,
    ]);
    assert.ok(s.calls.every((c) => c.file === s.helm));
    assert.ok(s.io.errLines.includes('helm: STATUS: deployed'), 'helm output is streamed to stderr');
    assert.match(s.io.outLines.join('\n'), /Installed release polyaxon in namespace polyaxon/);
  });
}

test('a repository whose chart cannot be read leaves the version unset: the newest line known, said so', async () => {
  const s = setup(3, {
    'history --namespace polyaxon -o json -- polyaxon': NO_RELEASE,
    'repo list -o json': { stdout: '[]' },
    'repo add *': {},
    'show chart -- polyaxon/polyaxon': { exitCode: 1, stderr: 'Error: no cached repo found\n' },
    'pull *': pullAnswer(CHART_READS),
    'install *': {},
  });
  const ctx = fakeCtx(['--yes', '--helm', s.helm], s.io);
  const plan = await planInstall(ctx, releaseTarget(ctx.args));
  assert.equal(plan.target.chartVersion, undefined);
  assert.equal(plan.chart.version, undefined, 'helm is not pinned to a guess');
  await installFromConfig(ctx, plan, s.config, { confirmed: true });
  assert.equal(
    helmLines(s.calls).at(-1),
    `install --namespace polyaxon --create-namespace -f ${s.config} -- polyaxon polyaxon/polyaxon`,
  );
});

test('a repository already added is refreshed, not re-added', async () => {
  const s = setup(4, {
    'history --namespace polyaxon --kube-context prod -o json -- polyaxon': NO_RELEASE,
    'repo list -o json': { stdout: JSON.stringify([{ name: 'polyaxon', url: 'https://charts.polyaxon.com/' }]) },
    'repo update -- polyaxon': { stdout: 'Update Complete.\n' },
    'pull --version 0.6.1 *': pullAnswer(CHART_READS),
    'install *': { stdout: '' },
  });
  await installRelease(
    fakeCtx(['--yes', '--helm', s.helm, '--chart-version', '0.6.1', '--kube-context', 'prod'], s.io),
    s.config,
  );
  assert.deepEqual(helmLines(s.calls), [
    'history --namespace polyaxon --kube-context prod -o json -- polyaxon',
    'repo list -o json',
    'repo update -- polyaxon',
    'pull --version 0.6.1 --destination DIR -- polyaxon/polyaxon',
    `install --namespace polyaxon --create-namespace -f ${s.config} --version 0.6.1 --kube-context prod -- polyaxon polyaxon/polyaxon`,
  ]);
});

test('--repo-url points the repository at a mirror and says so', async () => {
  const s = setup(3, {
    'repo list -o json': { stdout: JSON.stringify([{ name: 'polyaxon', url: 'https://charts.polyaxon.com' }]) },
    'repo add --force-update -- polyaxon https://mirror.example/charts': {},
    'pull *': pullAnswer(CHART_READS),
    'install *': {},
  });
  await installRelease(
    fakeCtx(['--yes', '--helm', s.helm, '--repo-url', 'https://mirror.example/charts'], s.io),
    s.config,
  );
  assert.equal(helmLines(s.calls)[2], 'repo add --force-update -- polyaxon https://mirror.example/charts');
  assert.ok(
    s.io.errLines.some((l) =>
      /pointed at https:\/\/charts\.polyaxon\.com; it now points at https:\/\/mirror\.example\/charts/.test(l),
    ),
  );
});

test('the drift guard names the keys the chart would ignore', async () => {
  const s = setup(4, {
    'repo list -o json': { stdout: '[]' },
    'repo add *': {},
    'pull *': pullAnswer(['namespace', 'user']),
    'install *': {},
  });
  await installRelease(fakeCtx(['--yes', '--helm', s.helm], s.io), s.config);
  const warning = s.io.errLines.join('\n');
  assert.match(warning, /does not read this key of config\.yaml/);
  assert.match(warning, /^ {2}deploymentType$/m);
});

test('without --yes and without a terminal nothing runs: the error names --yes', async () => {
  const s = setup(4, {});
  await assert.rejects(
    upgradeRelease(fakeCtx(['upgrade', '--helm', s.helm], s.io)),
    (e) => e instanceof NotInteractiveError && /--yes/.test(e.hint ?? ''),
  );
  await assert.rejects(uninstallRelease(fakeCtx(['uninstall', '--helm', s.helm], s.io)), NotInteractiveError);
  assert.deepEqual(s.calls, []);
});

test('a declined confirmation names the kube context and changes nothing', async () => {
  const s = setup(4, {
    'repo list -o json': { stdout: '[]' },
    'repo add *': {},
    'pull *': pullAnswer(CHART_READS),
  });
  const kubeconfig = join(s.dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    yaml.dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://10.1.2.3:6443' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'staging', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'staging',
    }),
  );
  const asked: string[] = [];
  const prompt: Prompter = {
    confirm: async (q) => (asked.push(q), false),
    input: async () => '',
    select: async () => {
      throw new Error('not asked');
    },
  };
  await assert.rejects(
    installRelease(
      fakeCtx(['--helm', s.helm, '--kubeconfig', kubeconfig, '--plain'], s.io, { interactive: true, prompt }),
      s.config,
    ),
    DeclinedError,
  );
  assert.deepEqual(asked, [
    'Install release polyaxon into namespace polyaxon on context staging (https://10.1.2.3:6443)?',
  ]);
  assert.ok(!helmLines(s.calls).some((l) => l.startsWith('install')));
});

const HISTORY = JSON.stringify([
  { revision: 1, status: 'superseded', chart: 'polyaxon-2.15.1', description: 'Install complete' },
  { revision: 2, status: 'superseded', chart: 'polyaxon-2.15.1', description: 'Upgrade complete' },
  { revision: 3, status: 'deployed', chart: 'polyaxon-2.15.1', description: 'Upgrade complete' },
]);

for (const major of [3, 4] as const) {
  test(`helm ${major}: upgrade layers --set over the deployed values and saves them first`, async () => {
    const deployed = {
      deploymentType: 'minikube',
      timezone: 'UTC',
      user: { password: 'deployed-secret' },
      gateway: { replicas: 2 },
    };
    const s = setup(major, {
      'history --namespace polyaxon -o json -- polyaxon': { stdout: HISTORY },
      'get values --namespace polyaxon -o json -- polyaxon': { stdout: JSON.stringify(deployed) },
      'repo list -o json': { stdout: '[]' },
      'repo add *': {},
      'pull *': pullAnswer(CHART_READS),
      'upgrade *': { stdout: 'Release "polyaxon" has been upgraded.\nREVISION: 4\n' },
    });
    // config.yaml is a layer too: remove it to see the deployed values alone under --set.
    writeFileSync(s.config, '');
    await upgradeRelease(fakeCtx(['upgrade', '--yes', '--helm', s.helm, '--set', 'timezone=Europe/Paris'], s.io));
    assert.deepEqual(helmLines(s.calls), [
      'history --namespace polyaxon -o json -- polyaxon',
      'get values --namespace polyaxon -o json -- polyaxon',
      'repo list -o json',
      'repo add --force-update -- polyaxon https://charts.polyaxon.com',
      'show chart -- polyaxon/polyaxon',
      'pull --version 2.15.1 --destination DIR -- polyaxon/polyaxon',
      `upgrade --namespace polyaxon -f ${s.config} --version 2.15.1 -- polyaxon polyaxon/polyaxon`,
      // What changed, object by object: the revision before against the deployed one.
      'get manifest --revision 3 --namespace polyaxon -- polyaxon',
      'get manifest --namespace polyaxon -- polyaxon',
    ]);
    const now = yaml.load(readFileSync(s.config, 'utf8')) as Record<string, any>;
    assert.equal(now.timezone, 'Europe/Paris');
    assert.equal(now.gateway.replicas, 2, 'keys of another chart line pass through');
    assert.equal(now.user.password, 'deployed-secret');
    const backup = readdirSync(s.dir).find((n) => /^polyaxon-r3\.20260102T030405Z\.values\.yaml$/.test(n));
    assert.ok(backup, readdirSync(s.dir).join(' '));
    assert.equal(statSync(join(s.dir, backup)).mode & 0o777, 0o600);
    assert.equal((yaml.load(readFileSync(join(s.dir, backup), 'utf8')) as any).timezone, 'UTC');
    assert.doesNotMatch([...s.io.outLines, ...s.io.errLines].join('\n'), /deployed-secret/);
    assert.ok(!s.calls.some((c) => c.argv.join(' ').includes('Europe/Paris')), 'values reach helm only by file');
    assert.match(
      s.io.errLines[0] ?? '',
      /^Reading release polyaxon in namespace polyaxon on /,
      'said before helm is asked',
    );
  });

  test(`helm ${major}: upgrade --dry-run prints the values diff and the objects that change, not every manifest`, async () => {
    const deployed = { deploymentType: 'minikube', timezone: 'UTC' };
    const manifest = (tz: string) =>
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: px-config\ndata:\n  TZ: ${tz}\n`;
    const s = setup(major, {
      'history --namespace polyaxon -o json -- polyaxon': { stdout: HISTORY },
      'get values --namespace polyaxon -o json -- polyaxon': { stdout: JSON.stringify(deployed) },
      'repo list -o json': { stdout: '[]' },
      'repo add *': {},
      'pull *': pullAnswer(CHART_READS),
      'upgrade *': { stdout: `NAME: polyaxon\nREVISION: 4\nMANIFEST:\n${manifest('Europe/Paris')}NOTES:\nhi\n` },
      'get manifest --namespace polyaxon -- polyaxon': { stdout: manifest('UTC') },
    });
    writeFileSync(s.config, '');
    await upgradeRelease(
      fakeCtx(['upgrade', '--yes', '--dry-run', '--helm', s.helm, '--set', 'timezone=Europe/Paris'], s.io),
    );
    const lines = helmLines(s.calls);
    assert.match(
      lines.at(-2) ?? '',
      /^upgrade --namespace polyaxon -f \S+ --version 2\.15\.1 --dry-run=server --hide-secret -- polyaxon polyaxon\/polyaxon$/,
    );
    assert.equal(lines.at(-1), 'get manifest --namespace polyaxon -- polyaxon');
    const out = s.io.outLines.join('\n');
    assert.match(out, /Changes to the deployed values:\n {2}~ timezone: UTC → Europe\/Paris/);
    assert.match(out, /Objects that would change:\n {2}~ ConfigMap px-config/);
    assert.doesNotMatch(out, /apiVersion:/);
    assert.equal(readFileSync(s.config, 'utf8'), '', 'a dry run writes nothing');
  });

  test(`helm ${major}: rollback names the revision it goes back to`, async () => {
    const s = setup(major, {
      'history --namespace polyaxon -o json -- polyaxon': { stdout: HISTORY },
      'rollback --namespace polyaxon -- polyaxon 2': { stdout: 'Rollback was a success! Happy Helming!\n' },
      'get values --namespace polyaxon -o json -- polyaxon': {
        stdout: JSON.stringify({ deploymentType: 'minikube', timezone: 'Europe/Paris' }),
      },
    });
    const before = readFileSync(s.config, 'utf8');
    await rollbackRelease(fakeCtx(['rollback', '--yes', '--helm', s.helm], s.io));
    assert.deepEqual(helmLines(s.calls), [
      'history --namespace polyaxon -o json -- polyaxon',
      'rollback --namespace polyaxon -- polyaxon 2',
      'history --namespace polyaxon -o json -- polyaxon',
      'get values --namespace polyaxon -o json -- polyaxon',
    ]);
    assert.match(s.io.outLines.join('\n'), /back to the values and chart of revision 2/);
    // config.yaml follows what is deployed now, the old one kept.
    assert.equal((yaml.load(readFileSync(s.config, 'utf8')) as Record<string, unknown>).timezone, 'Europe/Paris');
    assert.match(
      s.io.outLines.join('\n'),
      /config\.yaml now holds the deployed values \(the previous one is in config\.yaml\.\S+\.bak\)/,
    );
    const backup = readdirSync(s.dir).find((f) => f.startsWith('config.yaml.') && f.endsWith('.bak'));
    assert.equal(readFileSync(join(s.dir, backup!), 'utf8'), before);
  });

  test(`helm ${major}: after a rollback on a terminal, keeping config.yaml as it is says what that means`, async () => {
    const s = setup(major, {
      'history --namespace polyaxon -o json -- polyaxon': { stdout: HISTORY },
      'rollback --namespace polyaxon -- polyaxon 2': { stdout: 'Rollback was a success!\n' },
      'get values --namespace polyaxon -o json -- polyaxon': { stdout: JSON.stringify({ timezone: 'Europe/Paris' }) },
    });
    const before = readFileSync(s.config, 'utf8');
    const asked: string[] = [];
    const prompt: Prompter = {
      confirm: async (q) => (asked.push(q), !q.includes('no longer deployed')),
      input: async () => '',
      select: async () => {
        throw new Error('not asked');
      },
    };
    await rollbackRelease(fakeCtx(['rollback', '--helm', s.helm], s.io, { interactive: true, prompt }));
    assert.ok(
      asked.some((q) => /config\.yaml holds values that are no longer deployed/.test(q)),
      asked.join(' | '),
    );
    assert.equal(readFileSync(s.config, 'utf8'), before);
    assert.match(s.io.outLines.join('\n'), /the next upgrade would apply them again/);
  });

  test(`helm ${major}: a failed pre-delete hook is retried with --no-hooks under --yes`, async () => {
    const failure =
      major === 3
        ? 'Error: 1 error occurred:\n\t* job polyaxon-pre-delete failed: BackoffLimitExceeded\n\n\n'
        : 'Error: resource Job/polyaxon/polyaxon-pre-delete not ready. status: Failed, message: Job Failed. failed: 1/1\n';
    const s = setup(major, {
      'history --namespace polyaxon -o json -- polyaxon': { stdout: HISTORY },
      'get hooks --namespace polyaxon -- polyaxon': {
        stdout: '---\n# Source: x\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: polyaxon-pre-delete\n',
      },
      'uninstall --namespace polyaxon -- polyaxon': { exitCode: 1, stderr: failure },
      'uninstall --namespace polyaxon --no-hooks -- polyaxon': { stdout: 'release "polyaxon" uninstalled\n' },
    });
    await uninstallRelease(fakeCtx(['uninstall', '--yes', '--helm', s.helm], s.io));
    assert.deepEqual(helmLines(s.calls), [
      'history --namespace polyaxon -o json -- polyaxon',
      'get hooks --namespace polyaxon -- polyaxon',
      'uninstall --namespace polyaxon -- polyaxon',
      'uninstall --namespace polyaxon --no-hooks -- polyaxon',
    ]);
    assert.match(s.io.errLines.join('\n'), /pre-delete hooks failed .*polyaxon-pre-delete.*--no-hooks/);
    assert.match(s.io.outLines.join('\n'), /without its hooks/);
    assert.match(s.io.outLines.join('\n'), /namespace polyaxon {2}\(--delete-namespace removes it\)/);
  });
}

test('on a terminal, the --no-hooks retry is asked, and no keeps the error', async () => {
  const s = setup(4, {
    'history *': { stdout: HISTORY },
    'get hooks *': { stdout: '' },
    'uninstall --namespace polyaxon -- polyaxon': {
      exitCode: 1,
      stderr: 'Error: job polyaxon-pre-delete failed: BackoffLimitExceeded\n',
    },
  });
  const asked: string[] = [];
  const prompt: Prompter = {
    confirm: async (q) => (asked.push(q), false),
    input: async () => 'polyaxon',
    select: async () => {
      throw new Error('not asked');
    },
  };
  await assert.rejects(
    uninstallRelease(fakeCtx(['uninstall', '--helm', s.helm, '--plain'], s.io, { interactive: true, prompt })),
    (e) => e instanceof HelmError && e.kind === 'hook-failed',
  );
  assert.equal(asked.length, 1);
  assert.match(asked[0], /Uninstall without running them \(--no-hooks\)\?$/);
});

test('helm 2 is refused with a clear message', async () => {
  const s = setup(4, {});
  const fx = fakeExec({
    'version --template {{.Version}}': { exitCode: 1, stderr: 'Error: could not find tiller\n' },
    'version --client --short': { stdout: 'Client: v2.17.0+ga690bad\n' },
  });
  const io = fakeIo(s.dir, fx.exec);
  await assert.rejects(
    installRelease(fakeCtx(['--yes', '--helm', s.helm], io), s.config),
    (e) => e instanceof HelmError && e.kind === 'helm-2' && /helm 2 installs through Tiller/.test(e.message),
  );
});

test('helm 3 older than 3.13 is refused; a missing helm is named', async () => {
  const s = setup(4, {});
  const fx = fakeExec({ 'version --template {{.Version}}': { stdout: 'v3.12.3' } });
  await assert.rejects(
    installRelease(fakeCtx(['--yes', '--helm', s.helm], fakeIo(s.dir, fx.exec)), s.config),
    (e) => e instanceof HelmError && e.kind === 'helm-too-old',
  );
  await assert.rejects(
    installRelease(fakeCtx(['--yes', '--helm', join(s.dir, 'nope')], fakeIo(s.dir, fx.exec)), s.config),
    (e) => e instanceof HelmError && e.kind === 'helm-not-found',
  );
  await assert.rejects(
    installRelease(fakeCtx(['--yes'], fakeIo(s.dir, fx.exec, { PATH: s.dir + '/empty' })), s.config),
    (e) => e instanceof HelmError && e.kind === 'helm-not-found' && /not on PATH/.test(e.message),
  );
});
