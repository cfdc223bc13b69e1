import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeHelmRelease, interpretReleaseSecrets } from '../../src/cluster/helm-release.js';
import { accessChecks, accessReviewBody, interpretAccess } from '../../src/cluster/permissions.js';
import { fixture } from '../support/paths.js';
import { variant } from './compose.js';

test("helm's release Secret decodes (base64 twice, gzip) to the release", () => {
  const r = decodeHelmRelease(fixture('helm-release-secret.json'));
  const expected = fixture('helm-release-decoded.json');
  assert.equal(r.name, 'polyaxon');
  assert.equal(r.namespace, 'polyaxon');
  assert.equal(r.revision, 2);
  assert.equal(r.status, 'deployed');
  assert.deepEqual(r.chart, { name: 'polyaxon', version: '2.15.1', appVersion: '2.15.1' });
  assert.deepEqual(r.values, expected.config);
  assert.equal(r.lastDeployed, expected.info.last_deployed);
});

test('the latest revision wins; an uncompressed release is read too; a broken one is reported', () => {
  const plainJson = {
    name: 'polyaxon',
    namespace: 'polyaxon',
    version: 3,
    info: { status: 'pending-upgrade' },
    config: { a: 1 },
  };
  const encode = (buf: Buffer) => Buffer.from(buf.toString('base64')).toString('base64');
  const v3 = variant('helm-release-secret.json', (s) => {
    s.metadata.name = 'sh.helm.release.v1.polyaxon.v3';
    s.metadata.labels.version = '3';
    s.data.release = encode(Buffer.from(JSON.stringify(plainJson)));
  });
  const found = interpretReleaseSecrets([v3, fixture('helm-release-secret.json')]);
  assert.equal(found.revisions, 2);
  assert.equal(found.latest?.revision, 3);
  assert.equal(found.latest?.status, 'pending-upgrade');
  const gz = variant('helm-release-secret.json', (s) => (s.data.release = encode(gzipSync(JSON.stringify(plainJson)))));
  assert.deepEqual(decodeHelmRelease(gz).values, { a: 1 });
  const broken = variant('helm-release-secret.json', (s) => (s.data.release = encode(Buffer.from('not json'))));
  const bad = interpretReleaseSecrets([broken]);
  assert.equal(bad.latest, undefined);
  assert.match(bad.decodeError ?? '', /^sh\.helm\.release\.v1\.polyaxon\.v2: /);
  assert.deepEqual(interpretReleaseSecrets([]), { revisions: 0 });
});

test('access checks: namespaced ones carry the namespace; the review body is what kubectl auth can-i sends', () => {
  const checks = accessChecks('ml');
  const crb = checks.find((c) => c.resource === 'clusterroles')!;
  assert.equal(crb.namespace, undefined);
  assert.deepEqual(accessReviewBody(crb).spec.resourceAttributes, {
    verb: 'create',
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
  });
  const deploy = checks.find((c) => c.resource === 'deployments' && c.verb === 'create')!;
  assert.deepEqual(accessReviewBody(deploy).spec.resourceAttributes, {
    verb: 'create',
    group: 'apps',
    resource: 'deployments',
    namespace: 'ml',
  });
});

test('access answers: allowed, denied (listed), and reviews that failed', () => {
  const checks = accessChecks('polyaxon');
  const answers = checks.map((c) =>
    c.resource === 'clusterroles'
      ? { review: fixture('ssar-response-denied.json') }
      : c.resource === 'jobs'
        ? { error: 'timed out' }
        : { review: fixture('ssar-response-allowed.json') },
  );
  const p = interpretAccess(checks, answers, false);
  assert.deepEqual(p.denied, ['create clusterroles.rbac.authorization.k8s.io']);
  assert.equal(p.namespaceExists, false);
  assert.equal(p.checks.find((c) => c.resource === 'jobs')?.error, 'timed out');
  assert.equal(p.checks.find((c) => c.resource === 'jobs')?.allowed, undefined);
});
