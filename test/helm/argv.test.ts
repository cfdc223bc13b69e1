/** Every helm command line, exactly, for helm 3 and helm 4. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs } from '../../src/cli/args.js';
import {
  commandName,
  getHooksArgv,
  getManifestArgv,
  pullArgv,
  pullFromRepoArgv,
  searchVersionsArgv,
  getValuesArgv,
  historyArgv,
  installArgv,
  installCommandLine,
  repoAddArgv,
  repoListArgv,
  repoUpdateArgv,
  rollbackArgv,
  shellJoin,
  showChartArgv,
  templateArgv,
  uninstallArgv,
  upgradeArgv,
  type ChartRef,
  type Target,
} from '../../src/helm/argv.js';
import { chartOf, dryRunArgv } from '../../src/helm/argv.js';
import type { Args } from '../../src/cli/args.js';

/** The install command line for what these flags name. */
const commandFor = (a: Args, path: string, cwd: string) => installCommandLine(a, chartOf(a), path, cwd);

const t: Target = { release: 'polyaxon', namespace: 'polyaxon' };
const tCtx: Target = { release: 'px', namespace: 'ml', kubeContext: 'prod', kubeconfig: '/k/config' };
const repo: ChartRef = { ref: 'polyaxon/polyaxon', local: false };
const pinned: ChartRef = { ref: 'polyaxon/polyaxon', version: '0.6.1', local: false };
const local: ChartRef = { ref: '/charts/polyaxon', version: '9.9.9', local: true };
/** The options: what comes before `--`. */
const flags = (argv: string[]) => argv.slice(0, argv.indexOf('--'));

test('install: no --wait, namespace created, values by file only', () => {
  for (const major of [3, 4] as const) {
    assert.deepEqual(installArgv(major, t, repo, 'config.yaml'), [
      'install',
      '--namespace',
      'polyaxon',
      '--create-namespace',
      '-f',
      'config.yaml',
      '--',
      'polyaxon',
      'polyaxon/polyaxon',
    ]);
    assert.deepEqual(installArgv(major, tCtx, pinned, '/w/config.yaml'), [
      'install',
      '--namespace',
      'ml',
      '--create-namespace',
      '-f',
      '/w/config.yaml',
      '--version',
      '0.6.1',
      '--kube-context',
      'prod',
      '--kubeconfig',
      '/k/config',
      '--',
      'px',
      'polyaxon/polyaxon',
    ]);
  }
});

test('a local chart takes no --version: its Chart.yaml says which it is', () => {
  assert.deepEqual(installArgv(4, t, local, 'c.yaml'), [
    'install',
    '--namespace',
    'polyaxon',
    '--create-namespace',
    '-f',
    'c.yaml',
    '--',
    'polyaxon',
    '/charts/polyaxon',
  ]);
  assert.deepEqual(templateArgv(t, local, 'c.yaml'), [
    'template',
    '--namespace',
    'polyaxon',
    '-f',
    'c.yaml',
    '--',
    'polyaxon',
    '/charts/polyaxon',
  ]);
});

test('helm 4 renamed --atomic and --force', () => {
  const o = { rollbackOnFailure: true, forceReplace: true };
  assert.deepEqual(flags(installArgv(3, t, repo, 'c.yaml', o)).slice(-2), ['--atomic', '--force']);
  assert.deepEqual(flags(installArgv(4, t, repo, 'c.yaml', o)).slice(-2), ['--rollback-on-failure', '--force-replace']);
  assert.deepEqual(flags(upgradeArgv(3, t, repo, 'c.yaml', o)).slice(-2), ['--atomic', '--force']);
  assert.deepEqual(flags(upgradeArgv(4, t, repo, 'c.yaml', o)).slice(-2), ['--rollback-on-failure', '--force-replace']);
});

test('dry runs say which kind and hide Secrets', () => {
  for (const major of [3, 4] as const) {
    assert.deepEqual(flags(installArgv(major, t, repo, 'c.yaml', { dryRun: 'server' })).slice(-2), [
      '--dry-run=server',
      '--hide-secret',
    ]);
    assert.deepEqual(flags(upgradeArgv(major, t, repo, 'c.yaml', { dryRun: 'client' })).slice(-2), [
      '--dry-run=client',
      '--hide-secret',
    ]);
  }
});

test('upgrade, uninstall, rollback', () => {
  for (const major of [3, 4] as const) {
    assert.deepEqual(upgradeArgv(major, tCtx, pinned, 'c.yaml'), [
      'upgrade',
      '--namespace',
      'ml',
      '-f',
      'c.yaml',
      '--version',
      '0.6.1',
      '--kube-context',
      'prod',
      '--kubeconfig',
      '/k/config',
      '--',
      'px',
      'polyaxon/polyaxon',
    ]);
  }
  assert.deepEqual(uninstallArgv(t), ['uninstall', '--namespace', 'polyaxon', '--', 'polyaxon']);
  assert.deepEqual(uninstallArgv(tCtx, { noHooks: true }), [
    'uninstall',
    '--namespace',
    'ml',
    '--kube-context',
    'prod',
    '--kubeconfig',
    '/k/config',
    '--no-hooks',
    '--',
    'px',
  ]);
  assert.deepEqual(uninstallArgv(t, { dryRun: true }), [
    'uninstall',
    '--namespace',
    'polyaxon',
    '--dry-run',
    '--',
    'polyaxon',
  ]);
  assert.deepEqual(rollbackArgv(3, t, 2), ['rollback', '--namespace', 'polyaxon', '--', 'polyaxon', '2']);
  // helm 3's rollback --dry-run is a switch; helm 4's takes a mode.
  assert.deepEqual(rollbackArgv(3, t, 2, { dryRun: true }), [
    'rollback',
    '--namespace',
    'polyaxon',
    '--dry-run',
    '--',
    'polyaxon',
    '2',
  ]);
  assert.deepEqual(rollbackArgv(4, t, 2, { dryRun: true }), [
    'rollback',
    '--namespace',
    'polyaxon',
    '--dry-run=server',
    '--',
    'polyaxon',
    '2',
  ]);
});

test('reads: values, history, hooks, chart values, repositories', () => {
  assert.deepEqual(getValuesArgv(t), ['get', 'values', '--namespace', 'polyaxon', '-o', 'json', '--', 'polyaxon']);
  assert.deepEqual(getValuesArgv(t, 3), [
    'get',
    'values',
    '--namespace',
    'polyaxon',
    '-o',
    'json',
    '--revision',
    '3',
    '--',
    'polyaxon',
  ]);
  assert.deepEqual(historyArgv(tCtx), [
    'history',
    '--namespace',
    'ml',
    '--kube-context',
    'prod',
    '--kubeconfig',
    '/k/config',
    '-o',
    'json',
    '--',
    'px',
  ]);
  assert.deepEqual(getHooksArgv(t), ['get', 'hooks', '--namespace', 'polyaxon', '--', 'polyaxon']);
  assert.deepEqual(showChartArgv(pinned), ['show', 'chart', '--version', '0.6.1', '--', 'polyaxon/polyaxon']);
  assert.deepEqual(templateArgv(t, pinned, ['a.yaml', 'b.yaml']), [
    'template',
    '--namespace',
    'polyaxon',
    '-f',
    'a.yaml',
    '-f',
    'b.yaml',
    '--version',
    '0.6.1',
    '--',
    'polyaxon',
    'polyaxon/polyaxon',
  ]);
  assert.deepEqual(repoListArgv(), ['repo', 'list', '-o', 'json']);
  assert.deepEqual(repoAddArgv('https://charts.polyaxon.com'), [
    'repo',
    'add',
    '--force-update',
    '--',
    'polyaxon',
    'https://charts.polyaxon.com',
  ]);
  assert.deepEqual(repoUpdateArgv(), ['repo', 'update', '--', 'polyaxon']);
});

test('the dry run is server-side when the cluster answers, else client-side (helm 3: helm template)', () => {
  const p = { op: 'install' as const, target: t, chart: repo, valuesFile: 'c.yaml' };
  assert.equal(dryRunArgv(3, true, p).argv[0], 'install');
  assert.deepEqual(dryRunArgv(3, true, p).argv.slice(-3), ['--', 'polyaxon', 'polyaxon/polyaxon']);
  assert.ok(dryRunArgv(3, true, p).argv.includes('--dry-run=server'));
  assert.ok(dryRunArgv(4, false, p).argv.includes('--dry-run=client'));
  assert.deepEqual(dryRunArgv(3, false, p).argv, [
    'template',
    '--namespace',
    'polyaxon',
    '-f',
    'c.yaml',
    '--',
    'polyaxon',
    'polyaxon/polyaxon',
  ]);
  assert.ok(
    dryRunArgv(3, false, { ...p, op: 'upgrade' }).argv.includes('--dry-run=server'),
    'an upgrade always reads the release from the cluster',
  );
});

test('the install command shown is one a person can paste', () => {
  const args = parseCliArgs(['--kube-context', 'my ctx', '--chart-version', '0.6.1']);
  assert.equal(
    commandFor(parseCliArgs([]), '/w/config.yaml', '/w'),
    'helm install --namespace polyaxon --create-namespace -f config.yaml -- polyaxon polyaxon/polyaxon',
  );
  assert.equal(
    commandFor(args, '/w/config.yaml', '/w'),
    "helm install --namespace polyaxon --create-namespace -f config.yaml --version 0.6.1 --kube-context 'my ctx' -- polyaxon polyaxon/polyaxon",
  );
  assert.equal(
    commandFor(parseCliArgs(['--chart', './chart.tgz', '--chart-version', '1.0.0']), '/elsewhere/c.yaml', '/w'),
    'helm install --namespace polyaxon --create-namespace -f /elsewhere/c.yaml -- polyaxon ./chart.tgz',
  );
  assert.equal(
    commandFor(parseCliArgs(['--kubeconfig', '/k', '-n', 'ml']), '/w/sub/config.yaml', '/w'),
    'helm install --namespace ml --create-namespace -f sub/config.yaml --kubeconfig /k -- polyaxon polyaxon/polyaxon',
  );
  assert.equal(shellJoin(['a', "it's", '$HOME']), `a 'it'\\''s' '$HOME'`);
});

test('a local chart whose path starts with "-" reaches helm as a path, never as a flag', () => {
  const chart = chartOf({ chart: '--set=evil.tgz' });
  assert.equal(chart.ref, './--set=evil.tgz');
  assert.equal(chartOf({ chart: 'charts/polyaxon' }).ref, 'charts/polyaxon');
});

test('every command that names a release or chart ends its options with --, so neither is read as a flag', () => {
  const odd: Target = { release: '--dry-run', namespace: 'ml' };
  const chart: ChartRef = { ref: '--set=x', local: true };
  const lines = [
    installArgv(4, odd, chart, 'c.yaml'),
    upgradeArgv(3, odd, chart, 'c.yaml'),
    uninstallArgv(odd),
    rollbackArgv(4, odd, 2),
    getValuesArgv(odd, 1),
    getManifestArgv(odd, 1),
    getHooksArgv(odd),
    historyArgv(odd),
    templateArgv(odd, chart, 'c.yaml'),
    searchVersionsArgv(chart),
    showChartArgv(chart),
    pullArgv(chart, '/d'),
    pullFromRepoArgv('https://mirror.example', pinned, '/d'),
    repoAddArgv('https://mirror.example'),
    repoUpdateArgv(),
  ];
  for (const argv of lines) {
    const end = argv.indexOf('--');
    assert.ok(end > 0, argv.join(' '));
    const positionals = argv.slice(end + 1);
    assert.ok(positionals.length > 0 && !flags(argv).includes(odd.release), argv.join(' '));
    assert.ok(!flags(argv).includes(chart.ref), argv.join(' '));
  }
  assert.deepEqual(uninstallArgv(odd).slice(-2), ['--', '--dry-run']);
  assert.deepEqual(pullFromRepoArgv('https://mirror.example', pinned, '/d'), [
    'pull',
    '--repo',
    'https://mirror.example',
    '--version',
    '0.6.1',
    '--destination',
    '/d',
    '--',
    'polyaxon',
  ]);
});

test('a command is named by its words, never by a flag value or the release', () => {
  assert.equal(commandName(getValuesArgv(tCtx, 2)), 'helm get values');
  assert.equal(commandName(installArgv(3, tCtx, pinned, 'c.yaml')), 'helm install');
  assert.equal(commandName(repoAddArgv('https://x')), 'helm repo add');
});
