/**
 * The built CLI in a real pseudo-terminal (tmux), against the in-memory cluster started the way a
 * contributor starts it (`npm run fake-cluster`): a person who presses Enter on every screen ends
 * with a valid config.yaml that carries what the probe found; Ctrl-C keeps the answers for --resume.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { load } from 'js-yaml';
import { cliPath, runCli, tempDir } from '../support/run-cli.js';
import { repoRoot } from '../support/paths.js';
import { KUBE_1_21, startFakeCluster } from '../support/fake-apiserver/index.js';
import { helmBinary } from '../support/helm-binaries.js';
import { serveFakeCluster, type ServedCluster } from '../support/fake-cluster-process.js';

/** The fixture chart stands in for chart 0.6.x, whose RBAC and Ingress APIs end with Kubernetes 1.21. */
const KUBE_121 = ['--kube-version', String(KUBE_1_21.gitVersion)];
import { cliTerminal, hasTmux, type Pty } from '../support/tmux.js';

const fixtureChart = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');

/** The values of the deployed release, as the helm that installed it reads them. */
async function deployedValues(helm: string, kubeconfig: string): Promise<Record<string, any>> {
  const r = await execa(helm, [
    'get',
    'values',
    'polyaxon',
    '-n',
    'polyaxon',
    '-o',
    'json',
    '--kubeconfig',
    kubeconfig,
  ]);
  return JSON.parse(r.stdout);
}

/** Enter, one key at a time, until the screen matches. */
async function enterUntil(pty: Pty, pattern: RegExp, maxPresses = 20): Promise<string> {
  for (let i = 0; i < maxPresses; i++) {
    const screen = await pty.screen();
    if (pattern.test(screen)) return screen;
    await pty.press('Enter');
    await new Promise((r) => setTimeout(r, 150));
  }
  return pty.waitFor(pattern, 5000);
}

/** Enter, one key at a time, until the CLI has exited. */
async function enterUntilExit(pty: Pty, maxPresses = 60): Promise<string> {
  for (let i = 0; i < maxPresses; i++) {
    const screen = await pty.screen();
    if (/\[exit \d+\]/.test(screen)) return screen;
    await pty.press('Enter');
    await new Promise((r) => setTimeout(r, 150));
  }
  return pty.waitFor(/\[exit \d+\]/, 5000);
}

describe('the wizard in a real terminal', { skip: !(await hasTmux()) && 'tmux is not installed' }, () => {
  let served: ServedCluster;
  let dir: string;
  const terminal = cliTerminal(cliPath, () => served.kubeconfig);
  before(async () => {
    dir = tempDir();
    served = await serveFakeCluster(dir, ['node-minikube.json'], KUBE_121);
  });
  after(async () => {
    await terminal.close();
    await served?.stop();
  });

  /** The built CLI with `args` in a fresh terminal, in `cwd` (also its HOME), against a kubeconfig. */
  const open = terminal.open;
  const start = (cwd: string, ...args: string[]) => open(cwd, args);

  /** The fixture chart installed by `--preset minikube --yes`, as the starting point of a guided run. */
  const installFixture = async (cwd: string, kubeconfig: string, helm: string) => {
    const r = await runCli(['--preset', 'minikube', '--yes', '--chart', fixtureChart, '--helm', helm], {
      cwd,
      env: { KUBECONFIG: kubeconfig, HOME: cwd },
    });
    assert.equal(r.exitCode, 0, r.stderr);
  };

  test('Enter on every screen: a valid config.yaml for the minikube the probe found', async () => {
    const cwd = tempDir();
    const t = await start(cwd, '--no-install');
    await t.waitFor(/What kind of cluster is this\?/);
    // The probe's finding is on the first screen before anything is pressed.
    await t.waitFor(/cluster fake \(https:\/\/127\.0\.0\.1:\d+\) · minikube/);
    const last = await enterUntilExit(t);
    assert.match(last, /Wrote config\.yaml/);
    assert.match(
      last,
      /helm install --namespace polyaxon --create-namespace -f config\.yaml.* -- polyaxon polyaxon\/polyaxon/,
    );
    assert.match(last, /\[exit 0\]/);

    const path = join(cwd, 'config.yaml');
    const values = load(readFileSync(path, 'utf8')) as Record<string, any>;
    assert.equal(values.deploymentType, 'minikube');
    // --no-install writes for the newest line this tool knows (2.x): the gateway's service type.
    assert.equal(values.gateway.service.type, 'NodePort');
    assert.equal(values.serviceType, undefined);
    assert.match(values.user.password, /^\S{16,}$/, 'a generated password');
    assert.notEqual(values.user.password, 'rootpassword');
    assert.doesNotMatch(last, new RegExp(values.user.password), 'the password is never shown');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(existsSync(join(cwd, '.polyaxon-setup-answers.json')), false, 'no answers left behind once written');
    const check = await runCli(['validate', path]);
    assert.equal(check.exitCode, 0, check.stderr);
  });

  test('Ctrl-C part way: nothing written, the answers kept, and --resume continues to a config', async () => {
    const cwd = tempDir();
    let t = await start(cwd, '--no-install');
    await t.waitFor(/What kind of cluster is this\?/);
    await enterUntil(t, /\? How will people reach Polyaxon\?/);
    await t.press('C-c');
    const stopped = await t.waitFor(/\[exit \d+\]/);
    assert.match(stopped, /\[exit 130\]/);
    assert.match(
      stopped,
      /Answers saved to .*\.polyaxon-setup-answers\.json; continue with: npx polyaxon-setup --resume/,
    );
    assert.equal(existsSync(join(cwd, 'config.yaml')), false);
    assert.equal(statSync(join(cwd, '.polyaxon-setup-answers.json')).mode & 0o777, 0o600);

    // The finished step is not asked again: the run opens where it stopped.
    t = await start(cwd, '--no-install', '--resume');
    const resumed = await t.waitFor(/\? How will people reach Polyaxon\?/);
    assert.doesNotMatch(resumed, /What kind of cluster is this\?/);
    const last = await enterUntilExit(t);
    assert.match(last, /\[exit 0\]/);
    assert.equal(
      (load(readFileSync(join(cwd, 'config.yaml'), 'utf8')) as Record<string, unknown>).deploymentType,
      'minikube',
    );
  });

  test('Ctrl-D in line mode stops as Ctrl-C does: exit 130, nothing written, the answers kept', async () => {
    const cwd = tempDir();
    const t = await start(cwd, '--no-install', '--plain');
    await t.waitFor(/\? What kind of cluster is this\?/);
    await t.press('C-d');
    const stopped = await t.waitFor(/\[exit \d+\]/);
    assert.match(stopped, /\[exit 130\]/);
    assert.match(stopped, /Answers saved to .*\.polyaxon-setup-answers\.json|Cancelled/);
    assert.doesNotMatch(stopped, /can no longer come/);
    assert.equal(existsSync(join(cwd, 'config.yaml')), false);
  });

  test('no helm on PATH: the review says so and offers no go-ahead; quitting writes nothing and keeps the answers', async () => {
    const cwd = tempDir();
    const t = await open(cwd, [], { env: { PATH: join(cwd, 'no-such-bin') }, cols: 200 });
    await t.waitFor(/cluster fake \(https:\/\/127\.0\.0\.1:\d+\) · minikube/);
    const review = await enterUntil(t, /cannot install: helm was not found/, 60);
    assert.match(review, /nothing is written until it is fixed/);
    assert.doesNotMatch(review, /Write config\.yaml and install/);
    await t.press('Down');
    await t.waitFor(/❯ Quit without writing/);
    await t.press('Enter');
    const last = await t.waitFor(/\[exit \d+\]/);
    assert.match(last, /\[exit 8\]/);
    assert.ok(!existsSync(join(cwd, 'config.yaml')), 'nothing is written before the checks pass');
    assert.ok(existsSync(join(cwd, '.polyaxon-setup-answers.json')), 'the answers are kept for --resume');
  });

  test('a release already on the cluster: the review offers the upgrade instead, with the diff; Quit changes nothing', async () => {
    const withRelease = await serveFakeCluster(tempDir(), ['node-minikube.json', 'helm-release-secret.json'], KUBE_121);
    try {
      const cwd = tempDir();
      const helm = await helmBinary(4);
      const t = await open(cwd, ['--helm', helm], { kubeconfig: withRelease.kubeconfig, cols: 200, rows: 60 });
      await t.waitFor(/cluster fake \(https:\/\/127\.0\.0\.1:\d+\) · minikube/);
      const review = await enterUntil(t, /Write config\.yaml and upgrade release polyaxon/, 60);
      assert.match(
        review.replace(/\s+/g, ' '),
        /Release polyaxon already exists in namespace polyaxon \(deployed, revision \d+, chart 2\.15\.1\): confirming upgrades it/,
      );
      assert.match(review, /Changes to the deployed values/);
      await t.press('Down', 'Down');
      await t.waitFor(/❯ Quit without writing/);
      await t.press('Enter');
      const last = await t.waitFor(/\[exit \d+\]/);
      assert.match(last, /\[exit 8\]/);
      assert.ok(!existsSync(join(cwd, 'config.yaml')), 'the choice comes before anything is written');
      assert.match(last.replace(/\s+/g, ' '), /npx polyaxon-setup --resume/);
    } finally {
      await withRelease.stop();
    }
  });

  test('Enter all the way with install: the real helm 4 installs the fixture chart, with live progress', async () => {
    const cluster = await serveFakeCluster(tempDir(), ['node-minikube.json'], KUBE_121);
    try {
      const cwd = tempDir();
      const helm = await helmBinary(4);
      const t = await open(cwd, ['--chart', fixtureChart, '--helm', helm], {
        kubeconfig: cluster.kubeconfig,
        cols: 160,
      });
      await t.waitFor(/· minikube/);
      await enterUntil(t, /Wrote config\.yaml/, 60);
      const last = await t.waitFor(/\[exit \d+\]/, 60_000);
      assert.match(last, /\[exit 0\]/);
      assert.match(last, /✔ helm install polyaxon \(namespace polyaxon\): ready/);
      assert.match(last, /Installed release polyaxon in namespace polyaxon on context fake/);
      assert.match(last, /Open Polyaxon at http:\/\/\d+\.\d+\.\d+\.\d+:\d+/);
      assert.match(last, /Log in as root with the password in config\.yaml \(user\.password\)/);
      const list = await execa(helm, ['list', '-n', 'polyaxon', '-o', 'json', '--kubeconfig', cluster.kubeconfig]);
      const releases = JSON.parse(list.stdout) as { name: string; status: string; chart: string }[];
      assert.deepEqual(
        releases.map((r) => [r.name, r.status, r.chart]),
        [['polyaxon', 'deployed', 'polyaxon-0.6.1']],
      );
      const values = await deployedValues(helm, cluster.kubeconfig);
      assert.equal(values.deploymentType, 'minikube');
    } finally {
      await cluster.stop();
    }
  });

  test('an existing PostgreSQL on the Database step: config.yaml names it, its password on no command line and no screen', async () => {
    // A cluster of its own: the release it installs is no other test's.
    const cluster = await serveFakeCluster(tempDir(), ['node-minikube.json'], KUBE_121);
    try {
      const cwd = tempDir();
      const password = 'pty-PG-secret-9f3k';
      // helm as the CLI runs it, every argv logged: the values must reach it by file only.
      const log = join(cwd, 'helm-argv.log');
      const wrapper = join(cwd, 'helm');
      const real = await helmBinary(4);
      writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`);
      chmodSync(wrapper, 0o755);
      const t = await open(cwd, ['--chart', fixtureChart, '--helm', wrapper], {
        kubeconfig: cluster.kubeconfig,
        cols: 160,
        rows: 50,
      });
      await t.waitFor(/· minikube/);
      await enterUntil(t, /\? PostgreSQL database/, 60);
      await t.press('Down');
      await t.waitFor(/❯ Use an existing PostgreSQL/);
      await t.press('Enter');
      await t.waitFor(/\? PostgreSQL host/);
      await t.press('-l', 'db.example.com');
      await t.press('Enter');
      await t.waitFor(/\? PostgreSQL port/);
      await t.press('C-u');
      await t.press('-l', '6543');
      await t.press('Enter');
      await t.waitFor(/\? PostgreSQL user /);
      await t.press('Enter');
      await t.waitFor(/\? PostgreSQL database name/);
      await t.press('Enter');
      await t.waitFor(/\? PostgreSQL user's password/);
      await t.press('-l', password);
      await t.press('Enter');
      await t.waitFor(/\? Run Redis in the cluster\?/);
      await enterUntil(t, /Wrote config\.yaml/, 60);
      const last = await t.waitFor(/\[exit \d+\]/, 60_000);
      assert.match(last, /\[exit 0\]/);

      const path = join(cwd, 'config.yaml');
      const values = load(readFileSync(path, 'utf8')) as Record<string, any>;
      assert.deepEqual(values.postgresql, { enabled: false });
      assert.deepEqual(values.externalServices, {
        postgresql: { host: 'db.example.com', port: 6543, user: 'polyaxon', database: 'polyaxon', password },
      });
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const argv = readFileSync(log, 'utf8');
      assert.match(argv, /^install .*-f \S*config\.yaml.* -- polyaxon /m, argv);
      assert.ok(!argv.includes(password), 'the password is on no helm command line');
      assert.ok(!(await t.history()).includes(password), 'the password is never shown');
      // It reached the release by file.
      const deployed = await deployedValues(real, cluster.kubeconfig);
      assert.equal(deployed.externalServices.postgresql.password, password);
    } finally {
      await cluster.stop();
    }
  });

  test('pods that never run are not "ready": the view names the pod and why, and the run fails', async () => {
    const cluster = await serveFakeCluster(tempDir(), ['node-minikube.json'], ['--pods-pending', ...KUBE_121]);
    try {
      const cwd = tempDir();
      const helm = await helmBinary(4);
      const args = ['--preset', 'minikube', '--yes', '--chart', fixtureChart, '--helm', helm, '--wait', '4s'];
      const t = await open(cwd, args, { kubeconfig: cluster.kubeconfig, cols: 200 });
      const last = (await t.waitFor(/\[exit \d+\]/, 90_000)).replace(/\s+/g, ' ');
      assert.match(last, /\[exit 6\]/);
      assert.doesNotMatch(last, /: ready|Installed release/);
      assert.match(last, /Release polyaxon is installed, but \d+ of \d+ Deployments are not available/);
      assert.match(last, /Unschedulable/);
    } finally {
      await cluster.stop();
    }
  });

  test('guided uninstall: the release name typed back; failing pre-delete hooks offer --no-hooks; leftover Jobs deleted', async () => {
    const cluster = await serveFakeCluster(
      tempDir(),
      ['node-minikube.json'],
      ['--fail-jobs', 'pre-delete$', ...KUBE_121],
    );
    try {
      const cwd = tempDir();
      const helm = await helmBinary(3);
      await installFixture(cwd, cluster.kubeconfig, helm);
      const t = await open(cwd, ['uninstall', '--helm', helm], { kubeconfig: cluster.kubeconfig, cols: 200 });
      const plan = await t.waitFor(/Type the release name \(polyaxon\) to uninstall/);
      assert.match(plan, /Uninstall release polyaxon from namespace polyaxon on context fake/);
      assert.match(plan, /✔ namespace polyaxon/);
      await t.press('-l', 'polyax');
      await t.press('Enter');
      await t.waitFor(/"polyax" is not polyaxon/);
      await t.press('-l', 'on');
      await t.press('Enter');
      await t.waitFor(/Uninstall without running them\s+\(--no-hooks\)\? \(Y\/n\)/, 60_000);
      await t.press('y', 'Enter');
      const last = await t.waitFor(/\[exit \d+\]/, 60_000);
      assert.match(last, /\[exit 0\]/);
      assert.match(last, /\$ helm uninstall --namespace polyaxon .*--no-hooks -- polyaxon/);
      assert.match(last, /deleted hook Job polyaxon-polyaxon-pre-delete \(failed\)/);
      assert.match(last, /Kept:\s+✔ namespace polyaxon/);
      const list = await execa(helm, [
        'list',
        '-a',
        '-n',
        'polyaxon',
        '-o',
        'json',
        '--kubeconfig',
        cluster.kubeconfig,
      ]);
      assert.deepEqual(JSON.parse(list.stdout), []);
    } finally {
      await cluster.stop();
    }
  });

  test('guided upgrade: every step prefilled from the release, a diff before asking, the change reaches the release', async () => {
    const cluster = await serveFakeCluster(tempDir(), ['node-minikube.json'], KUBE_121);
    try {
      const cwd = tempDir();
      const helm = await helmBinary(4);
      await installFixture(cwd, cluster.kubeconfig, helm);
      const t = await open(cwd, ['upgrade', '--chart', fixtureChart, '--helm', helm], {
        kubeconfig: cluster.kubeconfig,
        cols: 160,
        rows: 50,
      });
      const first = await t.waitFor(/What kind of cluster is this\?/);
      assert.match(first, /Deployment \(1 of/, 'the walk starts at the first step, not where config.yaml leaves off');
      assert.match(first, /❯ minikube/, 'prefilled from the deployed values');
      await enterUntil(t, /\? Time zone of the dashboard and admin/, 60);
      await t.press('C-u');
      await t.press('-l', 'Europe/Paris');
      await t.press('Enter');
      const review = await enterUntil(t, /What now\?/, 20);
      assert.match(review, /~ timezone: UTC → Europe\/Paris/);
      assert.match(review, /chart 0\.6\.1 → 0\.6\.1/);
      assert.match(
        review,
        /Will run: helm upgrade --namespace polyaxon -f config\.yaml.* -- polyaxon \S+polyaxon-chart/,
      );
      await t.press('Enter');
      const last = await t.waitFor(/\[exit \d+\]/, 60_000);
      assert.match(last, /\[exit 0\]/);
      assert.match(last, /Upgraded release polyaxon to revision 2/);
      assert.match(last, /Undo: polyaxon-setup rollback --revision 1/);
      // The release runs chart 0.6.1, so the upgrade writes that line's spelling, timeZone.
      const values = await deployedValues(helm, cluster.kubeconfig);
      assert.equal(values.timeZone, 'Europe/Paris');
      const manifest = await execa(helm, [
        'get',
        'manifest',
        'polyaxon',
        '-n',
        'polyaxon',
        '--kubeconfig',
        cluster.kubeconfig,
      ]);
      assert.match(manifest.stdout, /POLYAXON_TIME_ZONE: "Europe\/Paris"/);
      const backup = /the values of revision 1 are in (\S+)\./.exec(last)?.[1];
      assert.ok(backup, last);
      assert.equal(statSync(join(cwd, backup)).mode & 0o777, 0o600);
    } finally {
      await cluster.stop();
    }
  });

  test('guided upgrade that fails: the rollback is offered at once and performed', async () => {
    // In this process, so the test can make the post-upgrade hook fail after the install.
    const cluster = await startFakeCluster({ version: KUBE_1_21 });
    try {
      const cwd = tempDir();
      const kubeconfig = join(cwd, 'kubeconfig');
      await cluster.writeKubeconfig(kubeconfig, { context: 'fake' });
      const helm = await helmBinary(3);
      await installFixture(cwd, kubeconfig, helm);
      cluster.simulation.failJob = (job) => String(job.metadata?.name).endsWith('-post-install');
      const t = await open(
        cwd,
        ['upgrade', '--set', 'timezone=Europe/Paris', '--chart', fixtureChart, '--helm', helm],
        { kubeconfig, cols: 200, rows: 50 },
      );
      await t.waitFor(/What kind of cluster is this\?/);
      const review = await enterUntil(t, /What now\?/, 60);
      assert.match(review, /~ timezone: UTC → Europe\/Paris/);
      await t.press('Enter');
      await t.waitFor(
        /The upgrade failed\. Roll release polyaxon back to revision 1 \(what it ran before\)\? \(Y\/n\)/,
        90_000,
      );
      await t.press('y', 'Enter');
      const last = await t.waitFor(/\[exit \d+\]/, 60_000);
      assert.match(last, /\[exit 6\]/);
      assert.match(last, /\$ helm rollback .*-- polyaxon 1/);
      assert.match(last, /Rolled back: release polyaxon runs revision 1's values and chart again/);
      const history = JSON.parse(
        (await execa(helm, ['history', 'polyaxon', '-n', 'polyaxon', '-o', 'json', '--kubeconfig', kubeconfig])).stdout,
      ) as { status: string }[];
      assert.deepEqual(
        history.map((h) => h.status),
        ['superseded', 'failed', 'deployed'],
      );
    } finally {
      await cluster.close();
    }
  });
});
