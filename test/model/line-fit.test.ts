/** Which chart line installs on which Kubernetes, and the version advised, from the line table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubeMinorOf, lineFitsKube, newestFitting, versionFitsKube } from '../../src/model/lines/fit.js';
import { PUBLISHED_VERSIONS } from '../../src/model/lines/published.js';
import { lineOf } from '../../src/model/lines/table.js';

test('the Kubernetes minor of a gitVersion, managed suffixes included', () => {
  assert.equal(kubeMinorOf('v1.30.5-gke.1014001'), '1.30');
  assert.equal(kubeMinorOf('v1.21.14+k3s1'), '1.21');
  assert.equal(kubeMinorOf('nonsense'), undefined);
});

test('chart 1.0–1.11 installs up to 1.21; 1.12 on need 1.19; 0.6 never renders', () => {
  assert.equal(versionFitsKube('1.1.9', 'v1.21.14').fits, true);
  assert.match(versionFitsKube('1.1.9', 'v1.22.0').reason!, /needs Kubernetes 1\.21 or older: it uses apiextensions/);
  assert.equal(versionFitsKube('1.20.0', 'v1.34.1').fits, true);
  assert.match(versionFitsKube('2.15.1', 'v1.18.20').reason!, /needs Kubernetes 1\.19 or newer/);
  assert.match(lineFitsKube(lineOf('0.6.1'), 'v1.16.0').reason!, /cannot be rendered by helm/);
  assert.equal(versionFitsKube('2.15.1', undefined).fits, true, 'an unknown cluster is not held against a chart');
});

test('the newest published version that fits: 2.15.1 today, the last 1.11 on an old cluster, none for 0.6', () => {
  assert.equal(newestFitting(PUBLISHED_VERSIONS, 'v1.34.1'), '2.15.1');
  const old = newestFitting(PUBLISHED_VERSIONS, 'v1.18.20')!;
  assert.match(old, /^1\.11\.\d+$/);
  assert.ok(PUBLISHED_VERSIONS.includes(old));
  assert.equal(newestFitting(['0.6.1', '0.6.0'], 'v1.21.0'), undefined);
  assert.equal(newestFitting(['2.0.0-rc1', '1.20.0'], 'v1.30.0'), '1.20.0', 'pre-releases are never advised');
});
