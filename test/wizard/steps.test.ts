import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_AFFINITY, SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { mergeValues } from '../../src/model/merge.js';
import { validateValues } from '../../src/model/validate.js';
import type { Values } from '../../src/model/values.js';
import { STEPS } from '../../steps/index.js';
import { accessStep, portForwardCommand } from '../../steps/access.js';
import { deploymentStep } from '../../steps/deployment.js';
import { dnsStep } from '../../steps/dns.js';
import { gpuStep } from '../../steps/gpu.js';
import { hostsStep } from '../../steps/hosts.js';
import { persistenceStep } from '../../steps/persistence.js';
import { rootUserStep } from '../../steps/root-user.js';
import { schedulingStep } from '../../steps/scheduling.js';
import { securityStep } from '../../steps/security.js';
import { volumesStep } from '../../steps/volumes.js';
import { parseKeyValues, parseTolerations, replaceWith } from '../../steps/lib/answers.js';
import type { Field } from '../../steps/types.js';
import { coversHost, emptyFacts } from '../../steps/facts.js';
import { gkeFacts, minikubeFacts, PASSWORD } from './fixtures.js';
import { answerStep, ids } from './step-helpers.js';

const field = (fields: Field[], id: string) => {
  const f = fields.find((x) => x.id === id);
  assert.ok(f, `no field ${id} in ${ids(fields).join(', ')}`);
  return f;
};
const validate = (f: Field, s: string) => (f.kind === 'text' || f.kind === 'secret' ? f.validate?.(s) : undefined);

test('pressing Enter through every step on the spec defaults keeps them valid', () => {
  let values: Values = SPEC_DEFAULTS;
  for (const step of STEPS) values = mergeValues(values, answerStep(step, { values }).change);
  assert.deepEqual(
    validateValues(values).filter((p) => p.severity === 'error'),
    [],
  );
  assert.equal(values.user?.password, PASSWORD);
});

test('deployment: type, namespace, release and versions; release names are checked', () => {
  const r = answerStep(deploymentStep, {
    answers: { deploymentType: 'microk8s', namespace: 'ml', release: 'px', chartVersion: '0.6.1' },
  });
  assert.deepEqual(r.change, { deploymentType: 'microk8s', namespace: 'ml', deploymentVersion: 'latest' });
  assert.deepEqual(r.meta, { namespace: 'ml', release: 'px', chartVersion: '0.6.1' });
  assert.match(validate(field(r.fields, 'release'), 'Polyaxon_1') ?? '', /lower-case/);
  assert.match(validate(field(r.fields, 'release'), 'a'.repeat(54)) ?? '', /at most 53/);
  assert.match(validate(field(r.fields, 'chartVersion'), 'newest') ?? '', /not a chart version/);
});

test('deployment: the type is prefilled from the values the probe suggested, with its reason', () => {
  const r = answerStep(deploymentStep, {
    values: mergeValues(SPEC_DEFAULTS, { deploymentType: 'minikube' }),
    facts: minikubeFacts(),
  });
  const f = field(r.fields, 'deploymentType');
  assert.equal(f.kind === 'select' && f.default, 'minikube');
  assert.match(f.hint ?? '', /looks like minikube/);
});

test('deployment: an upgrade does not offer to move the release', () => {
  assert.deepEqual(ids(answerStep(deploymentStep, { mode: 'upgrade' }).fields), [
    'deploymentType',
    'chartVersion',
    'deploymentVersion',
  ]);
});

test('access: ingress with cert-manager and a ClusterIssuer the probe found', () => {
  const r = answerStep(accessStep, {
    facts: gkeFacts(),
    answers: {
      mode: 'ingress',
      serviceType: 'NodePort',
      hostName: 'polyaxon.acme.com',
      ingressClass: 'nginx',
      tls: 'cert-manager',
    },
  });
  assert.deepEqual(r.values.ingress, {
    enabled: true,
    hostName: 'polyaxon.acme.com',
    path: '/',
    annotations: { 'kubernetes.io/ingress.class': 'nginx', 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    tls: [{ secretName: 'polyaxon-tls', hosts: ['polyaxon.acme.com'] }],
  });
  assert.equal(r.values.serviceType, 'NodePort');
});

test('access: TLS from an existing secret picked from the cluster', () => {
  const r = answerStep(accessStep, {
    facts: gkeFacts(),
    answers: { mode: 'ingress', hostName: 'px.acme.com', tls: 'secret' },
  });
  const f = field(r.fields, 'tlsSecret');
  assert.deepEqual(f.kind === 'select' && f.choices.map((c) => c.value), ['polyaxon-tls', '__other']);
  assert.deepEqual(r.values.ingress?.tls, [{ secretName: 'polyaxon-tls', hosts: ['px.acme.com'] }]);
});

test('access: no TLS question without a host name', () => {
  assert.ok(!ids(answerStep(accessStep, { answers: { mode: 'ingress', hostName: '' } }).fields).includes('tls'));
});

test('access: dropping cert-manager removes its annotation', () => {
  const values = mergeValues(SPEC_DEFAULTS, {
    ingress: {
      hostName: 'a.com',
      annotations: { 'cert-manager.io/cluster-issuer': 'le' },
      tls: [{ secretName: 'a-tls', hosts: ['a.com'] }],
    },
  });
  const r = answerStep(accessStep, { values, answers: { mode: 'ingress', tls: 'none' } });
  assert.equal(
    field(r.fields, 'tls').kind === 'select' && (field(r.fields, 'tls') as { default: string }).default,
    'cert-manager',
  );
  assert.deepEqual(r.values.ingress?.annotations, { 'cert-manager.io/cluster-issuer': null });
  assert.deepEqual(r.values.ingress?.tls, []);
});

test('access: NodePort with SSL from a secret', () => {
  const r = answerStep(accessStep, { answers: { mode: 'nodeport', ssl: true, sslSecret: 'polyaxon-cert' } });
  assert.deepEqual(r.change.ssl, { enabled: true, secretName: 'polyaxon-cert' });
  assert.equal(r.change.serviceType, 'NodePort');
  assert.deepEqual(r.change.ingress, { enabled: false });
  assert.ok(
    r.notes.some((n) => /443/.test(n)),
    r.notes.join('\n'),
  );
});

test('access: LoadBalancer with service annotations', () => {
  const r = answerStep(accessStep, {
    answers: { mode: 'loadbalancer', serviceAnnotations: 'domainName=polyaxon.my.domain.com' },
  });
  assert.equal(r.values.serviceType, 'LoadBalancer');
  assert.deepEqual(r.values.api?.service?.annotations, { domainName: 'polyaxon.my.domain.com' });
});

test("access: port-forward only prints the spec's command", () => {
  const r = answerStep(accessStep, { answers: { mode: 'port-forward' }, meta: { release: 'px', namespace: 'ml' } });
  assert.equal(r.values.serviceType, 'ClusterIP');
  assert.equal(r.values.ingress?.enabled, false);
  assert.equal(
    portForwardCommand('polyaxon', 'polyaxon'),
    'kubectl port-forward svc/polyaxon-polyaxon-api 31811:80 31812:1337 -n polyaxon',
  );
  assert.ok(r.notes.some((n) => n.includes('kubectl port-forward svc/px-polyaxon-api 31811:80 31812:1337 -n ml')));
});

test('dns: the probe says coredns; overriding with a prefix clears the backend', () => {
  const values = mergeValues(SPEC_DEFAULTS, { dns: { backend: 'coredns' } });
  const facts = { ...emptyFacts(), hints: { 'dns.backend': "kubespray's DNS Service is named coredns" } };
  const asked = answerStep(dnsStep, { values, facts });
  assert.match(field(asked.fields, 'mode').hint ?? '', /coredns/);
  assert.deepEqual(asked.change, { dns: { backend: 'coredns' } });
  const prefixed = answerStep(dnsStep, {
    values,
    answers: { mode: 'prefix', prefix: 'dns-default.openshift-dns', customCluster: 'corp.local' },
  });
  assert.deepEqual(prefixed.values.dns, {
    backend: null,
    prefix: 'dns-default.openshift-dns',
    customCluster: 'corp.local',
  });
});

test('dns: Enter on the defaults writes nothing', () => {
  assert.deepEqual(answerStep(dnsStep).change, { dns: {} });
});

test('persistence: a claim found in the namespace replaces the host path', () => {
  const r = answerStep(persistenceStep, {
    facts: gkeFacts(),
    answers: { logs: 'claim:polyaxon-pvc-logs', repos: 'host-other', 'repos.hostPath': '/mnt/repos' },
  });
  assert.deepEqual(r.values.persistence?.logs, {
    mountPath: '/polyaxon-logs',
    hostPath: null,
    existingClaim: 'polyaxon-pvc-logs',
  });
  assert.deepEqual(r.values.persistence?.repos, { mountPath: '/polyaxon-repos', hostPath: '/mnt/repos' });
  assert.match(validate(field(r.fields, 'repos.hostPath'), 'mnt/repos') ?? '', /absolute/);
});

test('volumes: keep, remove, change and add entries of data and outputs', () => {
  const r = answerStep(volumesStep, {
    facts: gkeFacts(),
    answers: {
      'data.default-data': 'remove',
      'data.add.0': true,
      'data.new.0.name': 'data-s3',
      'data.new.0.kind': 's3',
      'data.new.0.bucket': 's3://data-bucket',
      'data.new.0.secret': 'aws-creds',
      'data.new.0.secretKey': 'credentials',
      'data.add.1': true,
      'data.new.1.name': 'imagenet',
      'data.new.1.kind': 'claim',
      'data.new.1.claim': 'data-imagenet',
      'data.new.1.readOnly': true,
      'outputs.default-outputs': 'edit',
      'outputs.default-outputs.kind': 'claim',
      'outputs.default-outputs.claim': '__other',
      'outputs.default-outputs.claimName': 'outputs-pvc',
    },
  });
  assert.deepEqual(r.change.persistence?.data, {
    'default-data': null,
    'data-s3': { store: 's3', bucket: 's3://data-bucket', secret: 'aws-creds', secretKey: 'credentials' },
    imagenet: { mountPath: '/data/imagenet', existingClaim: 'data-imagenet', readOnly: true },
  });
  assert.deepEqual(r.values.persistence?.outputs, {
    'default-outputs': { mountPath: '/outputs', hostPath: null, existingClaim: 'outputs-pvc' },
  });
  assert.deepEqual(
    validateValues(r.values).filter((p) => p.severity === 'error'),
    [],
  );
});

test('volumes: bucket schemes and duplicate names are caught inline', () => {
  const r = answerStep(volumesStep, {
    answers: {
      'data.add.0': true,
      'data.new.0.name': 'x',
      'data.new.0.kind': 'gcs',
      'data.new.0.bucket': 'gs://b',
      'data.new.0.secret': 's',
      'data.new.0.secretKey': 'k',
    },
  });
  assert.match(validate(field(r.fields, 'data.new.0.bucket'), 's3://b') ?? '', /gs:\/\//);
  assert.match(validate(field(r.fields, 'data.new.0.name'), 'default-data') ?? '', /already/);
});

test('volumes: Enter keeps what is there and adds nothing', () => {
  assert.deepEqual(answerStep(volumesStep).change, { persistence: { data: {}, outputs: {} } });
});

const META_06 = { release: 'polyaxon', namespace: 'polyaxon', chartVersion: '0.6.1' };
const META_NEWEST = { ...META_06, chartVersion: '' };

test('gpu on 0.6.x: skipped when the probe found no GPU, asked when it could not tell', () => {
  assert.match(gpuStep.skip?.(emptyFacts(), SPEC_DEFAULTS, META_06) ?? '', /no GPU/);
  assert.equal(gpuStep.skip?.(undefined, SPEC_DEFAULTS, META_06), undefined);
  assert.equal(gpuStep.skip?.(gkeFacts(), SPEC_DEFAULTS, META_06), undefined);
});

test('gpu on 1.x and 2.x: never asks for host paths no template reads; names the device plugin it found', () => {
  assert.match(gpuStep.skip?.(gkeFacts(), SPEC_DEFAULTS, META_NEWEST) ?? '', /chart 2\.x .*device plugin.*GPU/);
  assert.match(
    gpuStep.skip?.(undefined, SPEC_DEFAULTS, { ...META_06, chartVersion: '1.20.0' }) ?? '',
    /chart 1\.13–1\.20 reads no driver host paths/,
  );
});

test("gpu: the probe's driver paths, mounted at the same paths", () => {
  const r = answerStep(gpuStep, { facts: gkeFacts() });
  assert.equal(r.answers.enabled, true);
  assert.deepEqual(r.values.dirs?.nvidia, gkeFacts().gpu!.paths);
  assert.deepEqual(r.values.mountPaths?.nvidia, gkeFacts().gpu!.paths);
});

test('gpu: turning it off clears the paths a preset set', () => {
  const values = mergeValues(SPEC_DEFAULTS, { dirs: { nvidia: { lib: '/a', bin: '/b', libcuda: '/c' } } });
  const r = answerStep(gpuStep, { values, answers: { enabled: false } });
  assert.deepEqual(r.values.dirs?.nvidia, { lib: null, bin: null, libcuda: null });
});

test('security: UID/GID with the host-path caveat', () => {
  const r = answerStep(securityStep, {
    answers: { enabled: true, uid: '1111', gid: '1111', fsGroupChangePolicy: 'OnRootMismatch' },
  });
  assert.match(field(r.fields, 'enabled').hint ?? '', /host paths/);
  assert.deepEqual(r.values.securityContext, {
    enabled: true,
    runAsUser: 1111,
    runAsGroup: 1111,
    fsGroup: 1111,
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    fsGroupChangePolicy: 'OnRootMismatch',
  });
  assert.match(validate(field(r.fields, 'uid'), '-1') ?? '', /whole number/);
});

test('root user: a generated password by default; typed ones must match; null lets the chart pick', () => {
  assert.equal(answerStep(rootUserStep).values.user?.password, PASSWORD);
  const typed = answerStep(rootUserStep, { answers: { password: 'type', typed: 's3cret-pass', again: 's3cret-pass' } });
  assert.equal(typed.values.user?.password, 's3cret-pass');
  assert.match(validate(field(typed.fields, 'again'), 'other') ?? '', /does not match/);
  assert.match(validate(field(typed.fields, 'typed'), 'short') ?? '', /at least 8/);
  assert.equal(answerStep(rootUserStep, { answers: { password: 'chart' } }).values.user?.password, null);
  const given = answerStep(rootUserStep, { values: mergeValues(SPEC_DEFAULTS, { user: { password: 'from-a-file' } }) });
  assert.equal(given.values.user?.password, 'from-a-file');
});

test('root user over a deployed release: the deployed password is kept by default, never read from the probe', () => {
  const existingRelease = {
    release: 'polyaxon',
    namespace: 'polyaxon',
    status: 'deployed',
    values: { user: { password: '********' } },
  };
  const facts = minikubeFacts({ existingRelease });
  const kept = answerStep(rootUserStep, { facts });
  assert.equal(kept.answers.password, 'deployed');
  // MASK stands for it until the install reads the real one with helm.
  assert.equal(kept.values.user?.password, '********');
  // Another release (or namespace) is a fresh install: a new password.
  assert.equal(answerStep(rootUserStep, { facts, meta: { release: 'other' } }).values.user?.password, PASSWORD);
  // A release that let the chart generate it keeps that; one on the chart's default keeps the default.
  const generated = minikubeFacts({ existingRelease: { ...existingRelease, values: { user: { password: null } } } });
  assert.equal(answerStep(rootUserStep, { facts: generated }).values.user?.password, null);
  const chose = answerStep(rootUserStep, { facts, answers: { password: 'generate' } });
  assert.equal(chose.values.user?.password, PASSWORD, 'a new one only when chosen');
});

test('scheduling: GPU taints offered to the resources daemon; dependencies follow the core pods', () => {
  const r = answerStep(schedulingStep, {
    facts: gkeFacts(),
    answers: { nodeSelector: 'pool=core', tolerations: 'dedicated=polyaxon:NoSchedule', deps: 'same' },
  });
  assert.match(field(r.fields, 'tolerations').hint ?? '', /nvidia\.com\/gpu:NoSchedule/);
  assert.deepEqual(r.values.resourcesDaemon?.tolerations, [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  assert.deepEqual(r.values.nodeSelector, { pool: 'core' });
  assert.deepEqual(r.values.tolerations, [
    { key: 'dedicated', operator: 'Equal', value: 'polyaxon', effect: 'NoSchedule' },
  ]);
  assert.deepEqual(r.values.redis?.master?.nodeSelector, { pool: 'core' });
  assert.deepEqual(r.values.rabbitmq?.tolerations, r.values.tolerations);
  assert.deepEqual(r.values.affinity, DEFAULT_AFFINITY);
});

test('scheduling: per-dependency overrides and no affinity', () => {
  const r = answerStep(schedulingStep, {
    answers: {
      affinity: 'none',
      deps: 'each',
      'postgresql.nodeSelector': 'disk=ssd',
      'redis.slave.tolerations': 'spot:NoExecute',
    },
  });
  assert.deepEqual(r.values.postgresql, { nodeSelector: { disk: 'ssd' }, tolerations: [] });
  assert.deepEqual(r.values.redis?.slave?.tolerations, [{ key: 'spot', operator: 'Exists', effect: 'NoExecute' }]);
  assert.deepEqual(r.change.affinity, { podAffinity: null });
});

test('hosts: the ingress host is the default hostName; lists and zones are checked', () => {
  const r = answerStep(hostsStep, {
    values: mergeValues(SPEC_DEFAULTS, { ingress: { hostName: 'px.acme.com' } }),
    answers: { allowedHosts: '127.0.0.1, .acme.com' },
  });
  assert.equal(r.values.hostName, 'px.acme.com');
  assert.deepEqual(r.values.allowedHosts, ['127.0.0.1', '.acme.com']);
  assert.match(validate(field(r.fields, 'allowedHosts'), 'ok.com, bad host') ?? '', /not a host/);
  assert.match(validate(field(r.fields, 'timezone'), 'Mars/Olympus') ?? '', /IANA/);
});

test('text answers: key=value lists, tolerations, and replacing a map under merge rules', () => {
  assert.deepEqual(parseKeyValues('a=1, example.com/b=x=y').map, { a: '1', 'example.com/b': 'x=y' });
  assert.match(parseKeyValues('novalue').error ?? '', /key=value/);
  assert.match(parseTolerations('k:Sometimes').error ?? '', /not a taint effect/);
  assert.deepEqual(replaceWith({ a: 1, b: { c: 1, d: 2 } }, { b: { c: 3 } }), { a: null, b: { c: 3, d: null } });
});

test('wording: articles agree, fsGroupChangePolicy offers each meaning once, the two version questions differ', () => {
  const kinds = answerStep(volumesStep, { answers: { 'data.add.0': true, 'data.new.0.name': 'x' } }).fields;
  const kind = field(kinds, 'data.new.0.kind');
  const labels = kind.kind === 'select' ? kind.choices.map((c) => c.label) : [];
  assert.ok(labels.includes('An Amazon S3 bucket (s3)'), labels.join(' | '));
  assert.ok(
    labels.every((l) => !/^A [aeiou]/i.test(l)),
    labels.join(' | '),
  );
  const noOutputs: Values = { ...SPEC_DEFAULTS, persistence: { ...SPEC_DEFAULTS.persistence, outputs: {} } };
  const outputs = answerStep(volumesStep, { values: noOutputs }).fields;
  assert.ok(
    outputs.some((f) => f.label === 'Add an outputs volume?'),
    outputs.map((f) => f.label).join(' | '),
  );
  for (const f of [...kinds, ...outputs]) assert.doesNotMatch(f.label, /\bA [aeiou]\w|\ba [aeiou]\w/i, f.label);

  const security = answerStep(securityStep, { answers: { enabled: true } }).fields;
  const policy = field(security, 'fsGroupChangePolicy');
  const meanings = policy.kind === 'select' ? policy.choices.map((c) => c.label.split(' ')[0].toLowerCase()) : [];
  assert.deepEqual(meanings, [...new Set(meanings)], 'one choice per behaviour');

  const versions = answerStep(deploymentStep)
    .fields.filter((f) => /version/i.test(f.label))
    .map((f) => f.label);
  assert.equal(versions.length, 2);
  assert.match(versions[0], /^Helm chart version/);
  assert.match(versions[1], /polyaxon-cli/);
});

test('access: TLS defaults follow the probe: a secret covering the host, else a ready ClusterIssuer', () => {
  const facts = {
    ...emptyFacts(),
    tlsSecrets: ['other-tls', 'acme-tls'],
    tlsHosts: { 'other-tls': ['other.example.com'], 'acme-tls': ['*.acme.com'] },
    clusterIssuers: ['le'],
  };
  const ingress = { mode: 'ingress', hostName: 'px.acme.com' };
  const tls = field(answerStep(accessStep, { facts, answers: ingress }).fields, 'tls');
  assert.equal(tls.kind === 'select' && tls.default, 'secret');
  assert.match(tls.hint ?? '', /acme-tls covers px\.acme\.com/);
  const secret = field(answerStep(accessStep, { facts, answers: { ...ingress, tls: 'secret' } }).fields, 'tlsSecret');
  assert.equal(secret.kind === 'select' && secret.default, 'acme-tls', 'the secret that exists, not "Another name…"');
  const r = answerStep(accessStep, { facts, answers: ingress });
  assert.deepEqual(r.values.ingress?.tls, [{ secretName: 'acme-tls', hosts: ['px.acme.com'] }]);

  const elsewhere = field(
    answerStep(accessStep, { facts, answers: { mode: 'ingress', hostName: 'px.beta.io' } }).fields,
    'tls',
  );
  assert.equal(elsewhere.kind === 'select' && elsewhere.default, 'cert-manager');
  assert.match(elsewhere.hint ?? '', /ClusterIssuer le is ready/);
  const bare = field(answerStep(accessStep, { facts: emptyFacts(), answers: ingress }).fields, 'tls');
  assert.equal(bare.kind === 'select' && bare.default, 'none');
});

test('coversHost: a wildcard covers one label, no more', () => {
  assert.ok(coversHost('*.acme.com', 'px.acme.com'));
  assert.ok(coversHost('PX.acme.com', 'px.ACME.com'));
  assert.ok(!coversHost('*.acme.com', 'a.b.acme.com'));
  assert.ok(!coversHost('*.acme.com', 'acme.com'));
});

test('persistence of logs, repos and uploads is asked on 0.6.x only: later lines keep them in the artifacts store', () => {
  assert.equal(persistenceStep.skip?.(undefined, SPEC_DEFAULTS, META_06), undefined);
  assert.match(persistenceStep.skip?.(undefined, SPEC_DEFAULTS, META_NEWEST) ?? '', /chart 2\.x .*artifacts store/);
  const outputs = answerStep(volumesStep, { meta: META_NEWEST }).fields.find((f) => f.id.startsWith('outputs.'));
  assert.match(outputs?.help ?? '', /artifacts store: logs, repos and uploads/);
  const old = answerStep(volumesStep, { meta: META_06 }).fields.find((f) => f.id.startsWith('outputs.'));
  assert.equal(old?.help, undefined);
});
