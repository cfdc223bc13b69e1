/**
 * Issue 10, "the wizard keeps its promises": each promise the README makes, held by the built CLI in
 * a real pseudo-terminal (tmux) against the in-memory cluster started as `npm run fake-cluster` does.
 * Every wait polls the screen; nothing sleeps on a deadline.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { cliPath, runCli, tempDir } from '../support/run-cli.js';
import { helmBinary, helmEnv } from '../support/helm-binaries.js';
import { serveChartRepo } from '../helm/chart-repo.js';
import { repoRoot } from '../support/paths.js';
import { serveFakeCluster, type ServedCluster } from '../support/fake-cluster-process.js';
import { startFakeCluster, tlsSecretFor, type FakeCluster } from '../support/fake-apiserver/index.js';
import { fixture } from '../support/paths.js';
import { cliTerminal, hasTmux, type Pty } from '../support/tmux.js';

/** Presses Enter, waits for the screen to change (polling), and again, until `pattern` shows. */
async function enterUntil(pty: Pty, pattern: RegExp, maxPresses = 60, seen: string[] = []): Promise<string> {
  for (let i = 0; i < maxPresses; i++) {
    const before = await pty.screen();
    seen.push(before);
    if (pattern.test(before)) return before;
    await pty.press('Enter');
    await changed(pty, before);
  }
  return pty.waitFor(pattern, 5000);
}

/**
 * Polls until the screen differs from `before` and has settled (two reads alike: a frame caught
 * half drawn is not taken for the next screen), or 3 s pass (an Enter that changes nothing).
 */
async function changed(pty: Pty, before: string): Promise<string> {
  const deadline = Date.now() + 3000;
  let last = before;
  for (;;) {
    await new Promise((r) => setTimeout(r, 40));
    const now = await pty.screen();
    if ((now !== before && now === last) || Date.now() > deadline) return now;
    last = now;
  }
}

const fixtureChart = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
/** The fixture chart stands in for chart 0.6.x, whose RBAC and Ingress APIs end with Kubernetes 1.21. */
const OLD_KUBE = ['--kube-version', 'v1.21.14'];

/** Presses Down, one choice at a time (the pointer seen to move each time), until the selected choice matches. */
async function select(pty: Pty, choice: RegExp, max = 12): Promise<string> {
  const pointer = (screen: string) => screen.split('\n').find((l) => l.startsWith('❯')) ?? '';
  for (let i = 0; i < max; i++) {
    const now = await pty.screen();
    if (choice.test(now)) return now;
    const was = pointer(now);
    await pty.press('Down');
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && pointer(await pty.screen()) === was) await new Promise((r) => setTimeout(r, 30));
  }
  return pty.waitFor(choice, 2000);
}

const yamlOf = (path: string) => load(readFileSync(path, 'utf8')) as Record<string, any>;

describe('the wizard keeps its promises', { skip: !(await hasTmux()) && 'tmux is not installed' }, () => {
  let served: ServedCluster;
  let dir: string;
  const terminal = cliTerminal(cliPath, () => served.kubeconfig);
  before(async () => {
    dir = tempDir();
    served = await serveFakeCluster(dir, ['node-minikube.json']);
  });
  after(async () => {
    await terminal.close();
    await served?.stop();
  });

  /** The built CLI with `args` in a fresh terminal, in `cwd` (also its HOME), against a kubeconfig. */
  const open = terminal.open;

  test('editing keys that arrive in one read are each applied, in order', async () => {
    const cwd = tempDir();
    const t = await open(cwd, ['--no-install'], { cols: 160 });
    await t.waitFor(/· minikube/);
    await enterUntil(t, /\? Root user name/);
    // Three letters, then three Backspaces in one read: the default is back.
    await t.write('xyz');
    await t.waitFor(/\? Root user name rootxyz/);
    await t.write('\u007f\u007f\u007f');
    await t.waitFor(/\? Root user name root(?!x)/);
    // Ctrl-U and the new name in one read, then Enter in its own.
    await t.write('\u0015admin');
    await t.waitFor(/\? Root user name admin/);
    await t.press('Enter');
    await t.waitFor(/\? Root user email/);
    // Ctrl-U, text and Enter in one read.
    await t.write('\u0015ops@example.com\r');
    await t.waitFor(/\? Root password/);
    const last = await enterUntil(t, /\[exit \d+\]/);
    assert.match(last, /\[exit 0\]/);
    const values = yamlOf(join(cwd, 'config.yaml'));
    assert.equal(values.user.username, 'admin');
    assert.equal(values.user.email, 'ops@example.com');
  });

  /** A minikube whose API answers every request after `delayMs`: a probe that takes seconds. */
  const slowMinikube = async (delayMs: number): Promise<{ cluster: FakeCluster; kubeconfig: string }> => {
    const cluster = await startFakeCluster({ objects: [fixture('node-minikube.json')] });
    cluster.intercept(() => ({ delayMs }));
    const kubeconfig = join(tempDir(), 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig, { context: 'fake' });
    return { cluster, kubeconfig };
  };

  test('Enter on the first screen before the probe answers: the default waits for it, saying so', async () => {
    const { cluster, kubeconfig } = await slowMinikube(1500);
    try {
      const cwd = tempDir();
      const t = await open(cwd, ['--no-install', '--timeout', '30s'], { kubeconfig, cols: 160 });
      const first = await t.waitFor(/What kind of cluster is this\?/);
      assert.doesNotMatch(first, /· minikube/, 'the probe has not answered yet');
      await t.press('Enter');
      const waiting = await t.waitFor(/waiting for the cluster probe/i);
      assert.match(waiting, /What kind of cluster is this\?/, 'still on the question');
      // The probe finds minikube: the default follows, shown before it is taken.
      await t.waitFor(/❯ minikube/, 30_000);
      const last = await enterUntil(t, /\[exit \d+\]/);
      assert.match(last, /\[exit 0\]/);
      assert.equal(yamlOf(join(cwd, 'config.yaml')).deploymentType, 'minikube');
    } finally {
      await cluster.close();
    }
  });

  test('a choice typed before the probe answers is taken at once', async () => {
    const { cluster, kubeconfig } = await slowMinikube(3000);
    try {
      const cwd = tempDir();
      const t = await open(cwd, ['--no-install', '--timeout', '30s'], { kubeconfig, cols: 160 });
      const first = await t.waitFor(/❯ kubernetes/);
      assert.doesNotMatch(first, /· minikube/);
      await t.press('Down');
      await t.waitFor(/❯ (?!kubernetes)/);
      await t.press('Enter');
      const next = await t.waitFor(/\? Namespace/, 2000);
      assert.doesNotMatch(next, /· minikube/, 'taken before the probe answered');
    } finally {
      await cluster.close();
    }
  });

  for (const mode of ['--plain', 'TERM=dumb'] as const) {
    test(`${mode}: Enter before the probe answers follows the probe`, async () => {
      const { cluster, kubeconfig } = await slowMinikube(1500);
      try {
        const cwd = tempDir();
        const args = ['--no-install', '--timeout', '30s', ...(mode === '--plain' ? ['--plain'] : [])];
        const env = mode === 'TERM=dumb' ? { TERM: 'dumb' } : undefined;
        const t = await open(cwd, args, { kubeconfig, cols: 160, env });
        const first = await t.waitFor(/What kind of cluster is this\?/);
        assert.doesNotMatch(first, /Cluster: fake/, 'the probe has not answered yet');
        await t.press('Enter');
        await t.waitFor(/Waiting for the cluster probe/);
        const last = await enterUntil(t, /\[exit \d+\]/, 80);
        assert.match(last, /\[exit 0\]/);
        assert.equal(yamlOf(join(cwd, 'config.yaml')).deploymentType, 'minikube');
      } finally {
        await cluster.close();
      }
    });
  }

  test('--resume: the answers given win over the probe, and a step the probe skipped stays skipped', async () => {
    const cwd = tempDir();
    let t = await open(cwd, ['--no-install'], { cols: 160, rows: 50 });
    await t.waitFor(/· minikube/);
    await enterUntil(t, /\? How will people reach Polyaxon\?/);
    await t.waitFor(/❯ NodePort/, 5000);
    for (let i = 0; i < 4 && !/❯ Port-forward only/.test(await t.screen()); i++) {
      const before = await t.screen();
      await t.press('Down');
      await changed(t, before);
    }
    await t.waitFor(/❯ Port-forward only/);
    await enterUntil(t, /\? Root user name/);
    await t.press('C-c');
    await t.waitFor(/\[exit 130\]/);

    t = await open(cwd, ['--no-install', '--resume'], { cols: 160, rows: 50 });
    const seen: string[] = [];
    await t.waitFor(/\? Root user name/);
    await t.waitFor(/· minikube/);
    const last = await enterUntil(t, /\[exit \d+\]/, 60, seen);
    assert.match(last, /\[exit 0\]/);
    const gpu = seen.flatMap((s) => s.split('\n')).filter((l) => /[▸✔] NVIDIA GPU|\? .*NVIDIA/.test(l));
    assert.deepEqual(gpu, [], 'the GPU step is not asked on a cluster with no GPU');
    const values = yamlOf(join(cwd, 'config.yaml'));
    assert.equal(values.gateway.service.type, 'ClusterIP', 'port-forward, not the NodePort the probe suggests');
  });

  test('the checks --yes makes come before the go-ahead: no helm, the review says so and offers no install', async () => {
    const cwd = tempDir();
    const t = await open(cwd, [], { env: { PATH: join(cwd, 'no-such-bin') }, cols: 220, rows: 60 });
    await t.waitFor(/· minikube/);
    const review = (await enterUntil(t, /\? What now\?/)).replace(/\s+/g, ' ');
    assert.match(review, /✗ cannot install: helm was not found/);
    assert.doesNotMatch(review, /Write config\.yaml and install/, 'no go-ahead while it cannot install');
    // doctor's problems are on the review too, with their fix.
    assert.match(
      review,
      /No default StorageClass: claims without a class \(postgresql, redis\) stay Pending\. → Mark one default/,
    );
    await select(t, /❯ Quit without writing/);
    await t.press('Enter');
    const last = (await t.waitFor(/\[exit \d+\]/)).replace(/\s+/g, ' ');
    assert.match(last, /\[exit 8\]/);
    assert.doesNotMatch(last, /Error: not confirmed/);
    assert.match(last, /npx polyaxon-setup --resume/);
    assert.ok(!existsSync(join(cwd, 'config.yaml')), 'nothing written');
    assert.ok(existsSync(join(cwd, '.polyaxon-setup-answers.json')), 'the answers kept');
  });

  test('a release already there: the review says so, shows the values diff and offers the upgrade, which runs', async () => {
    const cluster = await serveFakeCluster(tempDir(), ['node-minikube.json'], OLD_KUBE);
    try {
      const cwd = tempDir();
      const helm = await helmBinary(4);
      const installed = await runCli(
        [
          '--preset',
          'minikube',
          '--yes',
          '--chart',
          fixtureChart,
          '--helm',
          helm,
          '--set',
          'user.password=Deployed-pw-7731',
        ],
        {
          cwd,
          env: { KUBECONFIG: cluster.kubeconfig, HOME: cwd },
        },
      );
      assert.equal(installed.exitCode, 0, installed.stderr);
      const deployedPassword = yamlOf(join(cwd, 'config.yaml')).user.password as string;
      assert.equal(typeof deployedPassword, 'string');
      const t = await open(cwd, ['--chart', fixtureChart, '--helm', helm, '--set', 'timezone=Europe/Paris'], {
        kubeconfig: cluster.kubeconfig,
        cols: 220,
        rows: 60,
      });
      await t.waitFor(/· minikube/);
      const seen: string[] = [];
      const review = (await enterUntil(t, /\? What now\?/, 60, seen)).replace(/\s+/g, ' ');
      assert.ok(
        seen.some((screen) => /❯ Keep the deployed password/.test(screen)),
        'the root user step offers the deployed password first',
      );
      assert.match(
        review,
        /Release polyaxon already exists in namespace polyaxon \(deployed, revision 1, chart 0\.6\.1\): confirming upgrades it/,
      );
      assert.match(review, /Changes to the deployed values/);
      assert.match(review, /~ timezone: UTC → Europe\/Paris/);
      // The root user step kept the deployed password: upgrading does not replace it.
      assert.doesNotMatch(review, /user\.password/, 'no password change unless one is chosen');
      assert.match(review, /Will run: helm upgrade .*-- polyaxon /);
      assert.match(review, /❯ Write config\.yaml and upgrade release polyaxon/);
      assert.doesNotMatch(review, /helm install/);
      await t.press('Enter');
      const last = (await t.waitFor(/\[exit \d+\]/, 90_000)).replace(/\s+/g, ' ');
      assert.match(last, /\[exit 0\]/);
      assert.doesNotMatch(last, /Upgrade it with config\.yaml instead\?/, 'decided on the review, not after it');
      assert.match(last, /Upgraded release polyaxon to revision 2/);
      const written = yamlOf(join(cwd, 'config.yaml')).user.password;
      assert.equal(written, deployedPassword, 'config.yaml keeps the deployed password');
      assert.ok(!seen.some((screen) => screen.includes(deployedPassword)), 'never shown');
      assert.ok(!last.includes(deployedPassword), 'never printed');
    } finally {
      await cluster.stop();
    }
  });

  test('quitting from the review says the answers are kept and how to resume; --resume opens the review', async () => {
    const cwd = tempDir();
    let t = await open(cwd, ['--no-install'], { cols: 160, rows: 50 });
    await t.waitFor(/· minikube/);
    // Ctrl-R: accept the rest and go to the review.
    await t.press('C-r');
    await t.waitFor(/\? What now\?/);
    await select(t, /❯ Quit without writing/);
    await t.press('Enter');
    const last = (await t.waitFor(/\[exit \d+\]/)).replace(/\s+/g, ' ');
    assert.match(last, /\[exit 8\]/);
    assert.doesNotMatch(last, /not confirmed/);
    assert.match(last, /Quit at the review: config\.yaml was not written, and nothing on the cluster changed\./);
    assert.match(
      last,
      /Your answers are kept in \S*\.polyaxon-setup-answers\.json; continue with: npx polyaxon-setup --resume/,
    );
    assert.ok(!existsSync(join(cwd, 'config.yaml')));

    t = await open(cwd, ['--no-install', '--resume'], { cols: 160, rows: 50 });
    await t.waitFor(/\? What now\?/);
    await t.press('Enter');
    assert.match(await t.waitFor(/\[exit \d+\]/), /\[exit 0\]/);
    assert.equal(yamlOf(join(cwd, 'config.yaml')).deploymentType, 'minikube');
  });

  test('a preset answers every field it sets, not only whole steps; Ctrl-R on any step opens the review', async () => {
    const cwd = tempDir();
    const t = await open(cwd, ['--no-install', '--preset', 'gke'], { cols: 200, rows: 60 });
    const seen: string[] = [];
    await t.waitFor(/· minikube/);
    await enterUntil(t, /\? Root user name/, 60, seen);
    const asked = new Set(seen.flatMap((s) => s.split('\n')).filter((l) => l.startsWith('? ')));
    const questions = [...asked].join('\n');
    // gke sets deploymentType, serviceType, ingress.enabled and ingress.path, resourcesDaemon.enabled.
    assert.doesNotMatch(questions, /\? What kind of cluster is this\?/);
    assert.doesNotMatch(questions, /\? How will people reach Polyaxon\?/);
    assert.doesNotMatch(questions, /\? API service type behind the ingress/);
    assert.doesNotMatch(questions, /\? Path/);
    assert.match(questions, /\? Namespace/, 'what the preset leaves is still asked');
    assert.match(questions, /\? Host name/);
    // The given answers are shown, not hidden.
    assert.ok(seen.some((s) => /✔ What kind of cluster is this\? kubernetes/.test(s)));
    await t.press('C-r');
    await t.waitFor(/\? What now\?/);
    await t.press('Enter');
    assert.match(await t.waitFor(/\[exit \d+\]/), /\[exit 0\]/);
    const values = yamlOf(join(cwd, 'config.yaml'));
    assert.equal(values.deploymentType, 'kubernetes');
    assert.equal(values.gateway.service.type, 'NodePort');
  });

  test('TLS defaults follow the probe: a secret that covers the host, else a ready ClusterIssuer, the reason shown', async () => {
    const issuer = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt' },
      spec: { acme: { server: 'https://acme.example/dir' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const secret = tlsSecretFor('acme-tls', 'polyaxon', ['polyaxon.example.com']);
    const cluster = await startFakeCluster({
      objects: [fixture('node-minikube.json'), secret, issuer],
      certManager: true,
    });
    try {
      const kubeconfig = join(tempDir(), 'kubeconfig');
      await cluster.writeKubeconfig(kubeconfig, { context: 'fake' });
      const toHttps = async (host: string) => {
        const t = await open(tempDir(), ['--no-install'], { kubeconfig, cols: 200, rows: 50 });
        await t.waitFor(/· minikube/);
        await enterUntil(t, /\? How will people reach Polyaxon\?/);
        await select(t, /❯ Ingress/);
        await t.press('Enter');
        await enterUntil(t, /\? Host name/);
        await t.write(host);
        await t.waitFor(new RegExp(`Host name ${host.replace(/\./g, '\\.')}`));
        return enterUntil(t, /\? HTTPS for the ingress/);
      };
      let screen = await toHttps('polyaxon.example.com');
      assert.match(screen, /❯ From an existing TLS secret/);
      assert.match(screen, /the TLS secret acme-tls covers polyaxon\.example\.com/);
      await terminal.current()!.press('Enter');
      screen = await terminal.current()!.waitFor(/\? TLS secret/);
      assert.match(screen, /❯ acme-tls/, 'the secret that exists, not a made-up name');

      screen = await toHttps('other.example.org');
      assert.match(screen, /❯ From cert-manager/);
      assert.match(screen, /ClusterIssuer letsencrypt is ready/);
    } finally {
      await cluster.close();
    }
  });

  test('a failed probe is said on the first screen: what failed, what it means for the defaults, how to retry', async () => {
    const port = await new Promise<number>((done) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => done(port));
      });
    });
    const cwd = tempDir();
    const kubeconfig = join(cwd, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: lab',
        'contexts: [{name: lab, context: {cluster: lab, user: lab}}]',
        `clusters: [{name: lab, cluster: {server: 'https://127.0.0.1:${port}', insecure-skip-tls-verify: true}}]`,
        'users: [{name: lab, user: {token: abc}}]',
        '',
      ].join('\n'),
    );
    const t = await open(cwd, ['--no-install'], { kubeconfig, cols: 200, rows: 40 });
    const first = (await t.waitFor(/could not be probed/)).replace(/\s+/g, ' ');
    assert.match(first, /\? What kind of cluster is this\?/, 'on the first screen, before any answer');
    assert.match(first, /The cluster could not be probed: .*connection refused/i);
    assert.match(first, /The defaults come from the preset and the chart, not from the cluster\./);
    assert.match(first, /To retry: Ctrl-C \(the answers are kept\), then polyaxon-setup --resume/);
    assert.doesNotMatch(first, /cluster \? \(\?\)/);
  });

  test('a small terminal (60x20): every screen fits, the header drawn once at the top; the review grows with the window', async () => {
    const cwd = tempDir();
    const t = await open(cwd, ['--no-install'], { cols: 60, rows: 20 });
    await t.waitFor(/· mi/);
    const seen: string[] = [];
    const review = await enterUntil(t, /\? What now\?/, 60, seen);
    for (const screen of [...seen, review]) {
      const headers = screen.split('\n').filter((l) => l.startsWith('polyaxon-setup'));
      assert.equal(headers.length, 1, `one header:\n${screen}`);
      assert.match(screen, /^polyaxon-setup/, `the header at the top:\n${screen}`);
    }
    const shownLines = (s: string) => Number(/config\.yaml \(lines 1–(\d+) of/.exec(s)?.[1]);
    const small = shownLines(review);
    assert.ok(small > 0, review);
    await t.resize(60, 40);
    const grown = await t.waitFor(/config\.yaml \(lines 1–\d+ of/);
    await t.waitFor(new RegExp(`config\\.yaml \\(lines 1–(?!${small} )\\d+ of`));
    assert.ok(shownLines(await t.screen()) > small + 10, `the pane grew:\n${grown}`);
    await t.resize(60, 20);
    await t.waitFor(new RegExp(`config\\.yaml \\(lines 1–${small} of`));
  });

  test('a tiny terminal (40x12): the review keeps the header, the target and the choice on screen', async () => {
    const cwd = tempDir();
    const t = await open(cwd, ['--no-install'], { cols: 40, rows: 12 });
    await t.waitFor(/· mi|polyaxon-setup/);
    await t.waitFor(/cluster fake/);
    await t.press('C-r');
    const review = await t.waitFor(/Quit without writing/);
    assert.match(review, /^polyaxon-setup/);
    assert.match(
      review.replace(/\s+/g, ' '),
      /Target: context fake \(https:\/\/127\.0\.0\.1:\d+\) · namespace polyaxon · release polyaxon/,
    );
    assert.match(review, /\? What now\?\n❯ Write config\.yaml/);
  });

  test('every upgrade prints the values diff and the objects that change, never manifests; --json on upgrade, --dry-run, rollback, uninstall', async () => {
    const cluster = await serveFakeCluster(tempDir(), ['node-minikube.json'], OLD_KUBE);
    try {
      const cwd = tempDir();
      const helm = await helmBinary(4);
      const env = { KUBECONFIG: cluster.kubeconfig, HOME: cwd };
      const cli = (...args: string[]) => runCli([...args, '--chart', fixtureChart, '--helm', helm], { cwd, env });
      const bare = (...args: string[]) => runCli([...args, '--helm', helm], { cwd, env });
      assert.equal((await cli('--preset', 'minikube', '--yes')).exitCode, 0);

      const up = await cli('upgrade', '--yes', '--set', 'timezone=Europe/Paris');
      assert.equal(up.exitCode, 0, up.stderr);
      const out = `${up.stdout}\n${up.stderr}`;
      assert.match(out, /Changes to the deployed values:\n\s+~ timeZone: UTC → Europe\/Paris/);
      assert.match(out, /Objects that changed:\n\s+~ ConfigMap polyaxon-polyaxon-config/);
      assert.doesNotMatch(out, /^kind: /m, 'no manifests');

      const dry = await cli('upgrade', '--yes', '--dry-run', '--json', '--set', 'timezone=Asia/Tokyo');
      assert.equal(dry.exitCode, 0, dry.stderr);
      const dryDoc = JSON.parse(dry.stdout);
      assert.equal(dryDoc.dryRun, true);
      assert.deepEqual(dryDoc.values.changed, [{ path: 'timeZone', before: 'Europe/Paris', after: 'Asia/Tokyo' }]);
      assert.deepEqual(dryDoc.objects, [{ kind: 'ConfigMap', name: 'polyaxon-polyaxon-config', change: 'changed' }]);

      const upJson = await cli('upgrade', '--yes', '--json', '--set', 'timezone=Europe/Rome');
      assert.equal(upJson.exitCode, 0, upJson.stderr);
      const upDoc = JSON.parse(upJson.stdout);
      assert.equal(upDoc.revision, 3);
      assert.deepEqual(upDoc.objects, [{ kind: 'ConfigMap', name: 'polyaxon-polyaxon-config', change: 'changed' }]);

      // Rollback writes the deployed values back to config.yaml (with a backup), and says so in JSON.
      const back = await bare('rollback', '--yes', '--json');
      assert.equal(back.exitCode, 0, back.stderr);
      const backDoc = JSON.parse(back.stdout);
      assert.equal(backDoc.to, 2);
      assert.equal(backDoc.config.rewritten, true);
      assert.ok(existsSync(backDoc.config.backup));
      assert.equal(yamlOf(join(cwd, 'config.yaml')).timeZone, 'Europe/Paris');

      const gone = await bare('uninstall', '--yes', '--json');
      assert.equal(gone.exitCode, 0, gone.stderr);
      assert.equal(JSON.parse(gone.stdout).ok, true);
    } finally {
      await cluster.stop();
    }
  });

  test('the drift guard speaks on the review, where the person decides, not after the go-ahead', async () => {
    const cwd = tempDir();
    const helm = await helmBinary(4);
    const chart2x = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart-2x');
    const t = await open(cwd, ['--chart', chart2x, '--helm', helm], { cols: 220, rows: 60 });
    await t.waitFor(/· minikube/);
    await t.press('C-r');
    const review = (await t.waitFor(/\? What now\?/)).replace(/\s+/g, ' ');
    assert.match(
      review,
      /! the chart \S+polyaxon-chart-2x does not read these keys of config\.yaml; helm would ignore them without a word: [^.]*deploymentType/,
    );
    await select(t, /❯ Quit without writing/);
    await t.press('Enter');
    assert.match(await t.waitFor(/\[exit \d+\]/), /\[exit 8\]/);
  });

  test('a repository chart: its drift guard speaks on the review, before the go-ahead, and not again after it', async () => {
    const cwd = tempDir();
    const helm = await helmBinary(4);
    const chart2x = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart-2x');
    // The repository serves chart 2.4.0 (the 2.x stand-in) as its newest: what the install would pull.
    const repo = await serveChartRepo(helm, [chart2x], join(tempDir(), 'repo'), helmEnv(tempDir()));
    try {
      const t = await open(cwd, ['--helm', helm, '--repo-url', repo.url, '--wait', '0'], { cols: 220, rows: 60 });
      await t.waitFor(/· minikube/);
      await t.press('C-r');
      const review = (await t.waitFor(/\? What now\?/)).replace(/\s+/g, ' ');
      assert.match(
        review,
        /! the chart polyaxon\/polyaxon 2\.4\.0 does not read these keys of config\.yaml; helm would ignore them without a word: [^.]*deploymentType/,
      );
      assert.match(review, /❯ Write config\.yaml and install/);
      await t.press('Enter');
      const last = (await t.waitFor(/\[exit \d+\]/, 90_000)).replace(/\s+/g, ' ');
      assert.match(last, /\[exit 0\]/);
      assert.match(last, /Installed release polyaxon/);
      assert.doesNotMatch(last, /Warning: the chart/, 'said on the review, not after the go-ahead');
    } finally {
      await repo.close();
    }
  });
});
