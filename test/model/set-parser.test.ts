import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySet, parseSet } from '../../src/model/set-parser.js';
import { ConfigError } from '../../src/errors.js';

/** The maps --set builds have no prototype; compared here by their keys and values. */
const set = (expr: string, string = false) => JSON.parse(JSON.stringify(applySet({}, expr, { string })));

test('the maps --set builds have no prototype', () => {
  const v = applySet(Object.create(null), 'a.b.c=1', { string: false }) as any;
  assert.equal(Object.getPrototypeOf(v.a), null);
  assert.equal(Object.getPrototypeOf(v.a.b), null);
});

test('dotted keys build nested maps', () => {
  assert.deepEqual(set('ingress.hostName=px.acme.com'), { ingress: { hostName: 'px.acme.com' } });
});

test('several assignments separated by commas', () => {
  assert.deepEqual(set('a=1,b.c=x'), { a: 1, b: { c: 'x' } });
});

test('values are typed as helm types them', () => {
  assert.deepEqual(set('t=true,f=false,n=null,i=42,z=0,neg=-3,fl=1.5,oct=0755,s=hello'), {
    t: true,
    f: false,
    n: null,
    i: 42,
    z: 0,
    neg: -3,
    fl: '1.5',
    oct: '0755',
    s: 'hello',
  });
});

test('--set-string keeps every value a string', () => {
  assert.deepEqual(set('a=true,b=42,c=null', true), { a: 'true', b: '42', c: 'null' });
});

test('escaped dots stay inside the key', () => {
  assert.deepEqual(set('ingress.annotations.kubernetes\\.io/ingress\\.class=nginx'), {
    ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
  });
});

test('list literals', () => {
  assert.deepEqual(set('allowedHosts={127.0.0.1,.acme.com}'), { allowedHosts: ['127.0.0.1', '.acme.com'] });
});

test('indexes build lists of maps', () => {
  assert.deepEqual(set('ingress.tls[0].secretName=px-tls,ingress.tls[0].hosts[0]=px.acme.com'), {
    ingress: { tls: [{ secretName: 'px-tls', hosts: ['px.acme.com'] }] },
  });
});

test('an index past the end pads with null, as helm does', () => {
  assert.deepEqual(set('l[2]=x'), { l: [null, null, 'x'] });
});

test('escaped commas stay in the value', () => {
  assert.deepEqual(set('a=x\\,y,b=z'), { a: 'x,y', b: 'z' });
});

test('an empty value is an empty string', () => {
  assert.deepEqual(set('dns.prefix='), { dns: { prefix: '' } });
});

test('a value may contain "="', () => {
  assert.deepEqual(set('api.service.annotations.k=a=b'), { api: { service: { annotations: { k: 'a=b' } } } });
});

for (const [bad, why] of [
  ['novalue', /no "="/],
  ['=x', /key is empty/],
  ['a..b=1', /empty part/],
  ['a.=1', /ends with "."/],
  ['a[x]=1', /bad list index/],
  ['[0]=1', /starts with an index/],
  ['', /nothing to set/],
] as const) {
  test(`rejects ${JSON.stringify(bad)} naming the flag`, () => {
    assert.throws(
      () => parseSet(bad, { string: false }),
      (e: unknown) => e instanceof ConfigError && why.test(e.message) && e.problems[0].field === '--set',
    );
  });
}
