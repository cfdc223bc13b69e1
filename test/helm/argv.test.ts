/** Every helm command line, exactly, for helm 3 and helm 4. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs } from '../../src/cli/args.js';
import {
  getHooksArgv,
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

test('install: no --wait, namespace created, values by file only', () => {
  for (const major of [3, 4] as const) {
    assert.deepEqual(installArgv(major, t, repo, 'config.yaml'), [
      'install',
      'polyaxon',
      'polyaxon/polyaxon',
      '--namespace',
      'polyaxon',
      '--create-namespace',
      '-f',
      'config.yaml',
    ]);
    assert.deepEqual(installArgv(major, tCtx, pinned, '/w/config.yaml'), [
      'install',
      'px',
      'polyaxon/polyaxon',
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
    ]);
  }
});

test('a local chart takes no --version: its Chart.yaml says which it is', () => {
  assert.deepEqual(installArgv(4, t, local, 'c.yaml'), [
    'install',
    'polyaxon',
    '/charts/polyaxon',
    '--namespace',
    'polyaxon',
    '--create-namespace',
    '-f',
    'c.yaml',
  ]);
  assert.deepEqual(templateArgv(t, local, 'c.yaml'), [
    'template',
    'polyaxon',
    '/charts/polyaxon',
    '--namespace',
    'polyaxon',
    '-f',
    'c.yaml',
  ]);
});

test('helm 4 renamed --atomic and --force', () => {
  const o = { rollbackOnFailure: true, forceReplace: true };
  assert.deepEqual(installArgv(3, t, repo, 'c.yaml', o).slice(-2), ['--atomic', '--force']);
  assert.deepEqual(installArgv(4, t, repo, 'c.yaml', o).slice(-2), ['--rollback-on-failure', '--force-replace']);
  assert.deepEqual(upgradeArgv(3, t, repo, 'c.yaml', o).slice(-2), ['--atomic', '--force']);
  assert.deepEqual(upgradeArgv(4, t, repo, 'c.yaml', o).slice(-2), ['--rollback-on-failure', '--force-replace']);
});

test('dry runs say which kind and hide Secrets', () => {
  for (const major of [3, 4] as const) {
    assert.deepEqual(installArgv(major, t, repo, 'c.yaml', { dryRun: 'server' }).slice(-2), [
      '--dry-run=server',
      '--hide-secret',
    ]);
    assert.deepEqual(upgradeArgv(major, t, repo, 'c.yaml', { dryRun: 'client' }).slice(-2), [
      '--dry-run=client',
      '--hide-secret',
    ]);
  }
});

test('upgrade, uninstall, rollback', () => {
  for (const major of [3, 4] as const) {
    assert.deepEqual(upgradeArgv(major, tCtx, pinned, 'c.yaml'), [
      'upgrade',
      'px',
      'polyaxon/polyaxon',
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
    ]);
  }
  assert.deepEqual(uninstallArgv(t), ['uninstall', 'polyaxon', '--namespace', 'polyaxon']);
  assert.deepEqual(uninstallArgv(tCtx, { noHooks: true }), [
    'uninstall',
    'px',
    '--namespace',
    'ml',
    '--kube-context',
    'prod',
    '--kubeconfig',
    '/k/config',
    '--no-hooks',
  ]);
  assert.deepEqual(uninstallArgv(t, { dryRun: true }), [
    'uninstall',
    'polyaxon',
    '--namespace',
    'polyaxon',
    '--dry-run',
  ]);
  assert.deepEqual(rollbackArgv(3, t, 2), ['rollback', 'polyaxon', '2', '--namespace', 'polyaxon']);
  // helm 3's rollback --dry-run is a switch; helm 4's takes a mode.
  assert.deepEqual(rollbackArgv(3, t, 2, { dryRun: true }), [
    'rollback',
    'polyaxon',
    '2',
    '--namespace',
    'polyaxon',
    '--dry-run',
  ]);
  assert.deepEqual(rollbackArgv(4, t, 2, { dryRun: true }), [
    'rollback',
    'polyaxon',
    '2',
    '--namespace',
    'polyaxon',
    '--dry-run=server',
  ]);
});

test('reads: values, history, hooks, chart values, repositories', () => {
  assert.deepEqual(getValuesArgv(t), ['get', 'values', 'polyaxon', '--namespace', 'polyaxon', '-o', 'json']);
  assert.deepEqual(getValuesArgv(t, 3), [
    'get',
    'values',
    'polyaxon',
    '--namespace',
    'polyaxon',
    '-o',
    'json',
    '--revision',
    '3',
  ]);
  assert.deepEqual(historyArgv(tCtx), [
    'history',
    'px',
    '--namespace',
    'ml',
    '--kube-context',
    'prod',
    '--kubeconfig',
    '/k/config',
    '-o',
    'json',
  ]);
  assert.deepEqual(getHooksArgv(t), ['get', 'hooks', 'polyaxon', '--namespace', 'polyaxon']);
  assert.deepEqual(showChartArgv(pinned), ['show', 'chart', 'polyaxon/polyaxon', '--version', '0.6.1']);
  assert.deepEqual(templateArgv(t, pinned, ['a.yaml', 'b.yaml']), [
    'template',
    'polyaxon',
    'polyaxon/polyaxon',
    '--namespace',
    'polyaxon',
    '-f',
    'a.yaml',
    '-f',
    'b.yaml',
    '--version',
    '0.6.1',
  ]);
  assert.deepEqual(repoListArgv(), ['repo', 'list', '-o', 'json']);
  assert.deepEqual(repoAddArgv('https://charts.polyaxon.com'), [
    'repo',
    'add',
    'polyaxon',
    'https://charts.polyaxon.com',
    '--force-update',
  ]);
  assert.deepEqual(repoUpdateArgv(), ['repo', 'update', 'polyaxon']);
});

test('the dry run is server-side when the cluster answers, else client-side (helm 3: helm template)', () => {
  const p = { op: 'install' as const, target: t, chart: repo, valuesFile: 'c.yaml' };
  assert.deepEqual(dryRunArgv(3, true, p).argv.slice(0, 2), ['install', 'polyaxon']);
  assert.ok(dryRunArgv(3, true, p).argv.includes('--dry-run=server'));
  assert.ok(dryRunArgv(4, false, p).argv.includes('--dry-run=client'));
  assert.deepEqual(dryRunArgv(3, false, p).argv, [
    'template',
    'polyaxon',
    'polyaxon/polyaxon',
    '--namespace',
    'polyaxon',
    '-f',
    'c.yaml',
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
    'helm install polyaxon polyaxon/polyaxon --namespace polyaxon --create-namespace -f config.yaml',
  );
  assert.equal(
    commandFor(args, '/w/config.yaml', '/w'),
    "helm install polyaxon polyaxon/polyaxon --namespace polyaxon --create-namespace -f config.yaml --version 0.6.1 --kube-context 'my ctx'",
  );
  assert.equal(
    commandFor(parseCliArgs(['--chart', './chart.tgz', '--chart-version', '1.0.0']), '/elsewhere/c.yaml', '/w'),
    'helm install polyaxon ./chart.tgz --namespace polyaxon --create-namespace -f /elsewhere/c.yaml',
  );
  assert.equal(
    commandFor(parseCliArgs(['--kubeconfig', '/k', '-n', 'ml']), '/w/sub/config.yaml', '/w'),
    'helm install polyaxon polyaxon/polyaxon --namespace ml --create-namespace -f sub/config.yaml --kubeconfig /k',
  );
  assert.equal(shellJoin(['a', "it's", '$HOME']), `a 'it'\\''s' '$HOME'`);
});

test('a local chart whose path starts with "-" reaches helm as a path, never as a flag', () => {
  const chart = chartOf({ chart: '--set=evil.tgz' });
  assert.equal(chart.ref, './--set=evil.tgz');
  assert.equal(chartOf({ chart: 'charts/polyaxon' }).ref, 'charts/polyaxon');
});
