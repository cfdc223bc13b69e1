/**
 * The cluster part of the hostile-input corpus (see cluster-corpus.ts): bad kubeconfigs and API
 * servers that misbehave. doctor meets every fault; `--preset auto --no-install` and the commands
 * that run helm a representative few (scripts/corpus.mjs runs them all). Each case: its exit code
 * and message, no crash, no file left in its folder or HOME, no planted secret printed, and an end
 * within a generous bound that names what it waited for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode } from '../../src/errors.js';
import { allCases, caseOf, runClusterCase, type ClusterCase, type CommandName } from './cluster-corpus.js';

const DOCUMENTED = new Set<number>(Object.values(ExitCode));

const SAMPLE: Partial<Record<CommandName, string[]>> = {
  auto: [
    'kubeconfig that is empty',
    'kubeconfig whose context names a missing user',
    'CA that does not match the server',
    'exec credential plugin that prints no JSON',
    'KUBECONFIG naming a FIFO',
    '403 on every resource (RBAC refuses the user)',
    '401 on every path but /version',
    'a huge string where a list is expected, on every path but /version',
    '/version answering a huge gitVersion',
    'an API answering /version and nothing else',
    'a healthy cluster',
    'an exec credential plugin that works',
  ],
  install: [
    'kubeconfig whose context names a missing user',
    'user on the removed gcp auth-provider',
    '403 on every resource (RBAC refuses the user)',
    '403 on every path but /version',
    '500 on every path but /version',
    'truncated answers on every path but /version',
    'an empty object where a list is expected, on every path but /version',
    'a healthy cluster',
  ],
  uninstall: [
    '403 on every resource (RBAC refuses the user)',
    '401 everywhere',
    'non-JSON answers on every path but /version',
    'exec credential plugin that exits non-zero',
  ],
  rollback: ['CA that does not match the server', '500 everywhere'],
  upgrade: ['kubeconfig without current-context', '403 on every resource (RBAC refuses the user)'],
};

const CASES: ClusterCase[] = [
  ...allCases(['doctor']),
  ...Object.entries(SAMPLE).flatMap(([cmd, names]) => names.map((n) => caseOf(n, cmd as CommandName))),
];

test('every expected exit code of the cluster corpus is documented, and none is Internal', () => {
  for (const c of allCases()) {
    assert.ok(DOCUMENTED.has(c.expect.exit), `${c.name}: exit ${c.expect.exit} is not documented`);
    assert.notEqual(c.expect.exit, ExitCode.Internal, c.name);
  }
});

for (const c of CASES) {
  test(`cluster corpus: ${c.name} → exit ${c.expect.exit}`, async () => {
    const o = await runClusterCase(c);
    assert.deepEqual(o.problems, [], `${o.problems.join('; ')}\n${o.output.slice(0, 2000)}`);
  });
}
