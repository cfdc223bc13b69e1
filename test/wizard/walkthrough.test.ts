import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWizard } from '../../src/ui/wizard-session.js';
import type { ClusterFacts } from '../../steps/facts.js';
import { fakeTerminal, KEYS } from '../support/ink-harness.js';
import { at, choose, enterUntil, scrollUntil, typeAnswer } from './drive.js';
import { gkeFacts, minikubeFacts, PASSWORD, wizardOptions } from './fixtures.js';

function start(facts: Promise<ClusterFacts | undefined>) {
  const t = fakeTerminal();
  const result = runWizard({ ...wizardOptions({ facts }), stdin: t.stdin, stdout: t.stdout, stderr: t.stderr });
  return { t, result };
}

test('kubernetes on GKE: ingress with cert-manager, no driver paths on chart 2.x, review, install', async () => {
  const { t, result } = start(Promise.resolve(gkeFacts()));
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  await t.waitFor('cluster gke_acme_europe-west1_prod (https://34.76.0.1) · gke');
  await enterUntil(t, '? How will people reach Polyaxon?');
  await choose(t, 'How will people reach Polyaxon?', 'Ingress');
  await at(t, 'API service type behind the ingress');
  assert.match(t.lastFrame(), /❯ NodePort/);
  await t.press(KEYS.ENTER);
  await typeAnswer(t, 'Host name', 'polyaxon.acme.com');
  await enterUntil(t, '? Ingress class');
  await choose(t, 'Ingress class', 'nginx');
  await enterUntil(t, '? HTTPS for the ingress');
  await choose(t, 'HTTPS for the ingress', 'From cert-manager');
  await at(t, 'ClusterIssuer');
  assert.match(t.lastFrame(), /❯ letsencrypt-prod/);
  const review = await enterUntil(t, 'Review');
  assert.ok(!t.frames().some((f) => f.includes('Expose the NVIDIA libraries')), 'no host-path question on 2.x');
  assert.match(
    review,
    /Target: context gke_acme_europe-west1_prod \(https:\/\/34\.76\.0\.1\) · namespace polyaxon · release polyaxon/,
  );
  assert.match(review, /Will run: helm install --namespace polyaxon -f config\.yaml.* -- polyaxon polyaxon\/polyaxon/);
  await scrollUntil(t, /password: "\*\*\*\*\*\*\*\*"/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.deepEqual(r.values.ingress?.annotations, {
    'kubernetes.io/ingress.class': 'nginx',
    'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
  });
  assert.deepEqual(r.values.ingress?.tls, [{ secretName: 'polyaxon-tls', hosts: ['polyaxon.acme.com'] }]);
  assert.equal(r.values.serviceType, 'NodePort');
  assert.equal(r.values.dirs?.nvidia?.lib, undefined);
  assert.deepEqual(r.values.resourcesDaemon?.tolerations, [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  assert.equal(r.values.hostName, 'polyaxon.acme.com');
  assert.equal(r.values.user?.password, PASSWORD);
  assert.ok(!t.frames().some((f) => f.includes(PASSWORD)), 'the password never reaches the screen');
});

test('minikube: NodePort with SSL, everything else by Enter', async () => {
  const { t, result } = start(Promise.resolve(minikubeFacts()));
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  assert.match(t.lastFrame(), /❯ minikube: a local single-node cluster/);
  assert.match(t.lastFrame(), /↳ the cluster looks like minikube/);
  await enterUntil(t, '? How will people reach Polyaxon?');
  assert.match(t.lastFrame(), /❯ NodePort/);
  await t.press(KEYS.ENTER);
  await choose(t, 'Serve HTTPS from the API with your own certificate?', 'Yes');
  await typeAnswer(t, 'Secret with the certificate and key', 'minikube-cert');
  await enterUntil(t, 'Review');
  assert.match(t.lastFrame(), /polyaxon config set --host/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.equal(r.values.deploymentType, 'minikube');
  assert.equal(r.values.serviceType, 'NodePort');
  assert.deepEqual(r.values.ssl, { enabled: true, secretName: 'minikube-cert' });
  assert.equal(r.values.ingress?.enabled, false);
});

test('microk8s: port-forward only, with the command on the review and in the result', async () => {
  const { t, result } = start(Promise.resolve(undefined));
  await t.ready();
  await choose(t, 'What kind of cluster is this?', 'microk8s: a single-node microk8s');
  await typeAnswer(t, 'Namespace', 'ml');
  await typeAnswer(t, 'Release name', 'px');
  await enterUntil(t, '? How will people reach Polyaxon?');
  await choose(t, 'How will people reach Polyaxon?', 'Port-forward only');
  const review = await enterUntil(t, 'Review');
  assert.match(
    review,
    /After install: Reach Polyaxon with: kubectl port-forward svc\/px-polyaxon-api 31811:80 31812:1337 -n ml/,
  );
  assert.match(review, /no cluster facts/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.deepEqual(
    [r.release, r.namespace, r.values.namespace, r.values.deploymentType, r.values.serviceType],
    ['px', 'ml', 'ml', 'microk8s', 'ClusterIP'],
  );
  assert.match(r.notes[0], /kubectl port-forward svc\/px-polyaxon-api/);
});

test('docker-compose: a LoadBalancer with service annotations and a chart version', async () => {
  const { t, result } = start(Promise.resolve(undefined));
  await t.ready();
  await choose(t, 'What kind of cluster is this?', 'docker-compose: values only, not installed with helm');
  await enterUntil(t, '? Helm chart version');
  await typeAnswer(t, 'Helm chart version', '0.6.1');
  await enterUntil(t, '? How will people reach Polyaxon?');
  await choose(t, 'How will people reach Polyaxon?', 'LoadBalancer');
  await typeAnswer(t, 'API service annotations (key=value, comma separated)', 'domainName=polyaxon.my.domain.com');
  const review = await enterUntil(t, 'Review');
  assert.match(review, /chart 0\.6\.1/);
  assert.match(review, /--version 0\.6\.1/);
  // chart 0.6.x reads the timezone as timeZone: the review shows what will be written.
  await scrollUntil(t, /timeZone: UTC/);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.equal(r.chartVersion, '0.6.1');
  assert.equal(r.values.deploymentType, 'docker-compose');
  assert.deepEqual(r.values.api?.service?.annotations, { domainName: 'polyaxon.my.domain.com' });
});

test('the first question shows at once; the probe fills untouched defaults when it answers', async () => {
  let answer!: (f: ClusterFacts) => void;
  const { t, result } = start(new Promise<ClusterFacts>((r) => (answer = r)));
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  assert.match(t.lastFrame(), /probing the cluster/);
  assert.match(t.lastFrame(), /❯ kubernetes: any cluster/);
  answer(minikubeFacts());
  await t.waitFor('❯ minikube: a local single-node cluster');
  assert.match(t.lastFrame(), /cluster minikube \(https:\/\/192\.168\.49\.2:8443\)/);
  await enterUntil(t, 'Review');
  await t.press(KEYS.ENTER);
  assert.equal((await result).values.deploymentType, 'minikube');
});
