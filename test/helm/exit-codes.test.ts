import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode } from '../../src/errors.js';
import { classifyHelmFailure } from '../../src/helm/classify.js';

const facts = { op: 'install', release: 'polyaxon', namespace: 'polyaxon', context: 'prod' };

test('helm failures exit with the codes the README gives: 4 unreachable, 5 refused, 6 the rest', () => {
  const code = (stderr: string) => classifyHelmFailure(stderr, facts).exitCode;
  assert.equal(
    code('Error: Kubernetes cluster unreachable: Get "https://10.0.0.1/version": dial tcp: connection refused'),
    ExitCode.ClusterUnreachable,
  );
  assert.equal(
    code(
      'Error: INSTALLATION FAILED: secrets is forbidden: User "dev" cannot list resource "secrets" in API group "" in the namespace "polyaxon"',
    ),
    ExitCode.Forbidden,
  );
  assert.equal(code('Error: Unauthorized'), ExitCode.Forbidden);
  assert.equal(code('Error: INSTALLATION FAILED: cannot re-use a name that is still in use'), ExitCode.HelmFailed);
  assert.equal(code('Error: something nobody has seen'), ExitCode.HelmFailed);
});
