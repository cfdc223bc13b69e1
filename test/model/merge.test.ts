import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leafPaths, mergeValues } from '../../src/model/merge.js';
import type { Values } from '../../src/model/values.js';

test('maps merge key by key; higher layers win', () => {
  const v = mergeValues({ ingress: { enabled: true, path: '/' } }, { ingress: { enabled: false } });
  assert.deepEqual(v.ingress, { enabled: false, path: '/' });
});

test('lists are replaced, not concatenated', () => {
  const v = mergeValues({ allowedHosts: ['a.com', 'b.com'] }, { allowedHosts: ['c.com'] });
  assert.deepEqual(v.allowedHosts, ['c.com']);
});

test('null removes the value below and stays for helm to see', () => {
  const v = mergeValues({ persistence: { logs: { hostPath: '/tmp/logs', mountPath: '/l' } } }, {
    persistence: { logs: { hostPath: null } },
  } as unknown as Values);
  assert.deepEqual(v.persistence?.logs, { hostPath: null, mountPath: '/l' });
});

test('layers are not mutated', () => {
  const low: Values = { ingress: { annotations: { a: '1' } } };
  mergeValues(low, { ingress: { annotations: { b: '2' } } });
  assert.deepEqual(low, { ingress: { annotations: { a: '1' } } });
});

test('leafPaths names what a layer sets, escaping dots in keys', () => {
  assert.deepEqual(leafPaths({ ingress: { annotations: { 'a.b': 'x' } }, tolerations: [] }), [
    'ingress.annotations.a\\.b',
    'tolerations',
  ]);
});
