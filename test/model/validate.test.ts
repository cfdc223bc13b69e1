import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { mergeValues } from '../../src/model/merge.js';
import { ConfigError } from '../../src/errors.js';
import { parseValuesText } from '../../src/model/layers.js';
import { validateValues } from '../../src/model/validate.js';
import type { Values } from '../../src/model/values.js';

/** Validates the spec defaults with `layer` on top. */
const problemsOf = (layer: unknown) => validateValues(mergeValues(SPEC_DEFAULTS, layer as Values));
const errorsOf = (layer: unknown) => problemsOf(layer).filter((p) => p.severity === 'error');

test('the spec defaults are valid, with one warning: the default root password', () => {
  const p = validateValues(SPEC_DEFAULTS);
  assert.deepEqual(
    p.map((x) => [x.field, x.severity]),
    [['user.password', 'warning']],
  );
  assert.match(p[0].fix ?? '', /null/);
});

// One failing input per rule: [name, layer, field, message pattern]
const CASES: [string, unknown, string, RegExp][] = [
  ['namespace must be a DNS-1123 label', { namespace: 'Polyaxon_NS' }, 'namespace', /lower-case/],
  ['namespace length', { namespace: 'a'.repeat(64) }, 'namespace', /at most 63/],
  ['deploymentType enum', { deploymentType: 'k8s' }, 'deploymentType', /not allowed/],
  ['serviceType enum', { serviceType: 'External' }, 'serviceType', /not allowed/],
  ['unknown top-level key with a suggestion', { ingres: { enabled: true } }, 'ingres', /not a key/],
  ['wrong type', { rbac: { enabled: 'yes' } }, 'rbac.enabled', /expected boolean/],
  ['ingress host name', { ingress: { hostName: 'https://px.acme.com' } }, 'ingress.hostName', /not a host name/],
  ['ingress path', { ingress: { path: 'api' } }, 'ingress.path', /must start with/],
  ['an Ingress host is not an IP', { ingress: { hostName: '10.0.0.5' } }, 'ingress.hostName', /IP address/],
  ['an Ingress host is lower case', { ingress: { hostName: 'Px.Acme.com' } }, 'ingress.hostName', /upper-case/],
  [
    'a TLS host is lower case',
    { ingress: { hostName: 'a.com', tls: [{ secretName: 'a-tls', hosts: ['A.com'] }] } },
    'ingress.tls[0].hosts[0]',
    /upper-case/,
  ],
  [
    'a UID fits in 31 bits',
    { securityContext: { runAsUser: 2 ** 31 } },
    'securityContext.runAsUser',
    /above 2147483647/,
  ],
  ['an fsGroup fits in 31 bits', { securityContext: { fsGroup: 2 ** 32 } }, 'securityContext.fsGroup', /above/],
  ['time zones are spelt as the database does', { timezone: 'utc' }, 'timezone', /"UTC"/],
  ['time zones keep their case', { timezone: 'europe/berlin' }, 'timezone', /"Europe\/Berlin"/],
  [
    'tls needs secretName',
    { ingress: { hostName: 'a.com', tls: [{ hosts: ['a.com'] }] } },
    'ingress.tls[0].secretName',
    /missing/,
  ],
  [
    'tls needs hosts',
    { ingress: { hostName: 'a.com', tls: [{ secretName: 'a-tls' }] } },
    'ingress.tls[0].hosts',
    /empty/,
  ],
  [
    'tls secret name',
    { ingress: { hostName: 'a.com', tls: [{ secretName: 'A_TLS', hosts: ['a.com'] }] } },
    'ingress.tls[0].secretName',
    /lower-case/,
  ],
  [
    'tls with ingress needs a host',
    { ingress: { enabled: true, tls: [{ secretName: 'a-tls', hosts: ['a.com'] }] } },
    'ingress.hostName',
    /missing while ingress.tls/,
  ],
  ['ssl.enabled needs secretName', { ssl: { enabled: true } }, 'ssl.secretName', /missing while ssl.enabled/],
  ['ssl.path absolute', { ssl: { enabled: true, secretName: 'cert', path: 'etc/ssl' } }, 'ssl.path', /absolute/],
  ['hostName host or IP', { hostName: 'not a host' }, 'hostName', /neither a host name nor an IP/],
  ['allowedHosts entries', { allowedHosts: ['127.0.0.1', 'bad host'] }, 'allowedHosts[1]', /not a host/],
  ['timezone must be IANA', { timezone: 'Mars/Olympus' }, 'timezone', /IANA/],
  ['email shape', { user: { email: 'root' } }, 'user.email', /not an email/],
  ['empty username', { user: { username: '' } }, 'user.username', /empty/],
  ['mountPath absolute', { persistence: { logs: { mountPath: 'logs' } } }, 'persistence.logs.mountPath', /absolute/],
  [
    'hostPath absolute',
    { persistence: { repos: { hostPath: 'tmp/repos' } } },
    'persistence.repos.hostPath',
    /absolute/,
  ],
  [
    'claim and host path not both',
    { persistence: { upload: { existingClaim: 'up' } } },
    'persistence.upload',
    /both existingClaim and hostPath/,
  ],
  [
    'two mounts on one mountPath',
    { persistence: { data: { d1: { mountPath: '/polyaxon-logs', hostPath: '/d' } } } },
    'persistence.data.d1.mountPath',
    /also the mountPath of persistence.logs/,
  ],
  [
    'mountPath clash ignores a trailing slash',
    { persistence: { outputs: { o1: { mountPath: '/data/', hostPath: '/o' } } } },
    'persistence.outputs.o1.mountPath',
    /also the mountPath/,
  ],
  [
    'entry name is a volume name',
    { persistence: { data: { Data_1: { mountPath: '/d1', hostPath: '/d1' } } } },
    'persistence.data.Data_1',
    /the name/,
  ],
  [
    'store enum',
    { persistence: { data: { b: { store: 'ftp', bucket: 'ftp://x', secret: 's', secretKey: 'k' } } } },
    'persistence.data.b.store',
    /not allowed/,
  ],
  [
    'gcs bucket scheme',
    { persistence: { data: { b: { store: 'gcs', bucket: 's3://x', secret: 's', secretKey: 'k' } } } },
    'persistence.data.b.bucket',
    /gs:\/\//,
  ],
  [
    's3 bucket scheme',
    { persistence: { outputs: { b: { store: 's3', bucket: 'gs://x', secret: 's', secretKey: 'k' } } } },
    'persistence.outputs.b.bucket',
    /s3:\/\//,
  ],
  [
    'azure bucket scheme',
    { persistence: { data: { b: { store: 'azure', bucket: 'https://x', secret: 's', secretKey: 'k' } } } },
    'persistence.data.b.bucket',
    /wasbs:\/\//,
  ],
  [
    'bucket needs a secret',
    { persistence: { data: { b: { store: 'gcs', bucket: 'gs://x', secretKey: 'k' } } } },
    'persistence.data.b.secret',
    /missing/,
  ],
  [
    'bucket needs a secretKey',
    { persistence: { data: { b: { store: 'gcs', bucket: 'gs://x', secret: 's' } } } },
    'persistence.data.b.secretKey',
    /missing/,
  ],
  [
    'bucket fields need a store',
    { persistence: { data: { b: { bucket: 'gs://x', mountPath: '/b', hostPath: '/b' } } } },
    'persistence.data.b.store',
    /missing/,
  ],
  [
    'a volume needs a source',
    { persistence: { data: { d: { mountPath: '/d' } } } },
    'persistence.data.d',
    /no hostPath, existingClaim or store/,
  ],
  [
    'a volume needs a mountPath',
    { persistence: { data: { d: { hostPath: '/d' } } } },
    'persistence.data.d.mountPath',
    /missing/,
  ],
  [
    'a data entry: claim and host path not both',
    { persistence: { data: { d: { mountPath: '/d', hostPath: '/d', existingClaim: 'c' } } } },
    'persistence.data.d',
    /both/,
  ],
  ['UID non-negative', { securityContext: { runAsUser: -1 } }, 'securityContext.runAsUser', /below 0/],
  ['GID whole number', { securityContext: { runAsGroup: 1.5 } }, 'securityContext.runAsGroup', /expected integer/],
  [
    'fsGroupChangePolicy enum',
    { securityContext: { fsGroupChangePolicy: 'Sometimes' } },
    'securityContext.fsGroupChangePolicy',
    /not allowed/,
  ],
  ['nvidia paths absolute', { dirs: { nvidia: { lib: 'usr/lib/nvidia' } } }, 'dirs.nvidia.lib', /absolute/],
  [
    'nvidia mount without host dir',
    { mountPaths: { nvidia: { bin: '/usr/local/nvidia/bin' } } },
    'mountPaths.nvidia.bin',
    /dirs.nvidia.bin is not/,
  ],
  ['dns backend label', { dns: { backend: 'Core DNS' } }, 'dns.backend', /lower-case/],
  ['dns custom cluster', { dns: { customCluster: 'bad domain' } }, 'dns.customCluster', /not a host name/],
  [
    'toleration key',
    { tolerations: [{ operator: 'Equal', value: 'x', effect: 'NoSchedule' }] },
    'tolerations[0].key',
    /missing/,
  ],
  [
    'toleration Exists without value',
    { postgresql: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } },
    'postgresql.tolerations[0].value',
    /must be empty/,
  ],
  [
    'toleration effect enum',
    { redis: { master: { tolerations: [{ key: 'k', effect: 'Never' }] } } },
    'redis.master.tolerations[0].effect',
    /not allowed/,
  ],
  [
    'nodeSelector values are strings',
    { rabbitmq: { nodeSelector: { pool: { a: 1 } } } },
    'rabbitmq.nodeSelector.pool',
    /expected string/,
  ],
];

for (const [name, layer, field, pattern] of CASES) {
  test(`rule: ${name}`, () => {
    const errors = errorsOf(layer);
    const hit = errors.find((p) => p.field === field);
    assert.ok(hit, `expected an error on ${field}, got ${JSON.stringify(errors.map((e) => e.field))}`);
    assert.match(hit.message, pattern);
    assert.ok(hit.fix && hit.fix.length > 0, 'every error says how to fix it');
  });
}

test('an unknown key suggests the nearest known one', () => {
  const e = errorsOf({ ingress: { hostname: 'a.com' } }).find((p) => p.field === 'ingress.hostname');
  assert.equal(e?.fix, 'Did you mean "hostName"?');
});

test('all problems are reported at once', () => {
  const errors = errorsOf({ namespace: 'BAD', timezone: 'Nowhere/Zone', ssl: { enabled: true } });
  assert.deepEqual(errors.map((e) => e.field).sort(), ['namespace', 'ssl.secretName', 'timezone']);
});

test('allowedHosts accepts IPs, hosts and a leading dot for subdomains', () => {
  assert.deepEqual(
    errorsOf({ allowedHosts: ['127.0.0.1', '159.203.150.212', '.mysite.com', 'px.acme.com', '::1', '[::1]'] }),
    [],
  );
});

test('valid buckets of each store pass', () => {
  const data = {
    g: { store: 'gcs', bucket: 'gs://data-bucket', secret: 'secret-name', secretKey: 'secret-key' },
    s: { store: 's3', bucket: 's3://data-bucket', secret: 'secret-name', secretKey: 'secret-key' },
    a: {
      store: 'azure',
      bucket: 'wasbs://data-container@account.blob.core.windows.net/',
      secret: 'secret-name',
      secretKey: 'secret-key',
    },
  };
  assert.deepEqual(errorsOf({ persistence: { data } }), []);
});

test('null deletes: a claim may replace a host path with hostPath: null', () => {
  assert.deepEqual(errorsOf({ persistence: { logs: { existingClaim: 'logs-pvc', hostPath: null } } }), []);
});

test('user.password null (let the chart generate one) is fine and not warned about', () => {
  assert.deepEqual(problemsOf({ user: { password: null } }), []);
});

test('ssl on a non-NodePort service is a warning, not an error', () => {
  const p = problemsOf({ ssl: { enabled: true, secretName: 'polyaxon-cert' }, serviceType: 'LoadBalancer' });
  assert.deepEqual(
    p.filter((x) => x.field === 'serviceType').map((x) => x.severity),
    ['warning'],
  );
});

test('a security context with host paths warns about the UID/GID', () => {
  const p = problemsOf({ securityContext: { enabled: true, runAsUser: 1111, runAsGroup: 1111 } });
  const w = p.find((x) => x.field === 'securityContext.enabled');
  assert.equal(w?.severity, 'warning');
  assert.match(w!.message, /1111\/1111/);
});

test('wildcard TLS hosts are accepted', () => {
  assert.deepEqual(
    errorsOf({ ingress: { hostName: 'px.acme.com', tls: [{ secretName: 'acme-tls', hosts: ['*.acme.com'] }] } }),
    [],
  );
});

test('the largest UID and canonical zones pass', () => {
  assert.deepEqual(errorsOf({ securityContext: { runAsUser: 2 ** 31 - 1 }, timezone: 'Europe/Berlin' }), []);
  assert.deepEqual(errorsOf({ timezone: 'UTC' }), []);
});

test('.nan and .inf in a values file are refused where they are, not read as unset', () => {
  for (const [text, field, shown] of [
    ['securityContext:\n  runAsUser: .nan\n', 'securityContext.runAsUser', '.nan'],
    ['tolerations:\n  - key: a\n    tolerationSeconds: -.inf\n', 'tolerations[0].tolerationSeconds', '-.inf'],
  ] as const) {
    assert.throws(
      () => parseValuesText(text, '-f x.yaml'),
      (e: unknown) =>
        e instanceof ConfigError && e.problems[0].field === field && e.problems[0].message.startsWith(`is ${shown}`),
    );
  }
});
