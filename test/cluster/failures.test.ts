import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiException, AbortError, FetchError } from '@kubernetes/client-node';
import { classify, DeadlineError } from '../../src/cluster/failures.js';
import { fatalError } from '../../src/cluster/fatal.js';
import { ClusterError, ExitCode } from '../../src/errors.js';
import { fixture } from '../support/paths.js';

const target = { context: 'prod', server: 'https://127.0.0.1:6443', timeoutMs: 5000 };

test("the client's errors, by kind, with the server's Status message", () => {
  const forbidden = new ApiException(
    403,
    'Unknown API Status Code!',
    JSON.stringify(fixture('status-403-forbidden.json')),
    {},
  );
  assert.deepEqual(classify(forbidden), {
    kind: 'forbidden',
    message: fixture('status-403-forbidden.json').message,
    httpStatus: 403,
  });
  assert.equal(
    classify(new ApiException(404, 'x', JSON.stringify(fixture('status-404-notfound.json')), {})).kind,
    'notFound',
  );
  assert.equal(classify(new ApiException(401, 'Unauthorized', undefined, {})).kind, 'unauthorized');
  assert.equal(classify(new ApiException(503, 'x', 'oops', {})).kind, 'http');
  assert.equal(classify(new AbortError('The user aborted a request.')).kind, 'timeout');
  assert.equal(classify(new DeadlineError(5000)).kind, 'timeout');
  assert.equal(
    classify(
      new FetchError('request failed, reason: connect ECONNREFUSED', 'system', { code: 'ECONNREFUSED' } as never),
    ).kind,
    'refused',
  );
  assert.equal(classify(new SyntaxError('Unexpected token < in JSON at position 0')).kind, 'badResponse');
  assert.equal(
    classify(
      Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
    ).kind,
    'tls',
  );
});

test('fatal failures: one line naming the cluster, a hint, and the exit code', () => {
  const unauthorized = fatalError({ kind: 'unauthorized', message: 'x', httpStatus: 401 }, target);
  assert.ok(unauthorized instanceof ClusterError);
  assert.equal(unauthorized.exitCode, ExitCode.Forbidden);
  assert.match(
    unauthorized.message,
    /^The cluster at https:\/\/127\.0\.0\.1:6443 \(context "prod"\) rejected the credentials \(401 Unauthorized\)\.$/,
  );
  assert.match(unauthorized.hint ?? '', /expired/);
  const timeout = fatalError({ kind: 'timeout', message: '' }, target);
  assert.equal(timeout.exitCode, ExitCode.ClusterUnreachable);
  assert.match(timeout.message, /did not answer within 5s\./);
  for (const kind of ['refused', 'closed', 'unresolved', 'tls', 'badResponse', 'http', 'other', 'forbidden'] as const) {
    const e = fatalError({ kind, message: 'detail', httpStatus: 500 }, target);
    assert.equal(e.message.includes('\n'), false, kind);
    assert.ok(e.hint, kind);
  }
});
