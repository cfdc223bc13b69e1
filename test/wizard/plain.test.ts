import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CancelledError } from '../../src/errors.js';
import { RESUME_FILE } from '../../src/commands/support/resume.js';
import { runWizard } from '../../src/ui/wizard-session.js';
import { FakeStdout } from '../support/ink-harness.js';
import { CANCEL, fakePrompter } from './fake-prompter.js';
import { minikubeFacts, PASSWORD, wizardOptions } from './fixtures.js';

function plainRun(script: Parameters<typeof fakePrompter>[0], facts = Promise.resolve(minikubeFacts())) {
  const fake = fakePrompter(script);
  const out = new FakeStdout();
  const opts = wizardOptions({
    facts,
    plain: true,
    prompter: fake.prompter,
    stdout: out as unknown as NodeJS.WriteStream,
  });
  const result = runWizard(opts);
  result.catch(() => undefined);
  return { fake, result, text: () => out.frames.join(''), dir: opts.dir };
}

test('line mode asks the same steps through the prompter and ends on a printed review', async () => {
  const { fake, result, text } = plainRun([
    ['Namespace', 'Bad_NS'],
    ['Namespace', 'ml'],
    ['How will people reach Polyaxon?', 'port-forward'],
    ['What now?', 'confirm'],
  ]);
  const r = await result;
  assert.equal(r.namespace, 'ml');
  assert.equal(r.values.deploymentType, 'minikube');
  assert.equal(r.values.serviceType, 'ClusterIP');
  assert.equal(r.values.user?.password, PASSWORD);
  assert.deepEqual(fake.unused, []);
  assert.match(fake.refused[0], /^Namespace: "Bad_NS" must be lower-case/);
  const out = text();
  assert.match(out, /Cluster: minikube \(https:\/\/192\.168\.49\.2:8443\), minikube/);
  assert.match(out, /== Deployment/);
  assert.match(out, /↳ the cluster looks like minikube/);
  assert.match(out, /== Review/);
  assert.match(out, /Will run: helm install --namespace ml -f config\.yaml.* -- polyaxon polyaxon\/polyaxon/);
  assert.match(
    out,
    /After install: Reach Polyaxon with: kubectl port-forward svc\/polyaxon-polyaxon-api 31811:80 31812:1337 -n ml/,
  );
  assert.match(out, /password: "\*\*\*\*\*\*\*\*"/);
  assert.ok(!out.includes(PASSWORD));
  // Yes/no questions are selects in line mode, so they can offer Back.
  const ssl = fake.asked.find((a) => a.question === 'Expose the NVIDIA libraries to jobs?');
  assert.equal(ssl, undefined, 'no GPU question on a cluster without GPUs');
  const confirm = fake.asked.find((a) => a.question === 'Run the core containers as a non-root user?');
  assert.deepEqual(confirm?.choices, ['Yes', 'No', '‹ Back', '» Accept the rest and review']);
});

test('line mode: Back in a select goes to the previous question', async () => {
  const { fake, result } = plainRun([
    ['Release name', 'first'],
    ['Polyaxon version pinned for polyaxon-cli (deploymentVersion)', '1.22.0'],
    ['How will people reach Polyaxon?', '‹ Back'],
    ['Polyaxon version pinned for polyaxon-cli (deploymentVersion)', '1.21.0'],
    ['What now?', 'confirm'],
  ]);
  const r = await result;
  assert.equal(r.values.deploymentVersion, '1.21.0');
  const versions = fake.asked.filter(
    (a) => a.question === 'Polyaxon version pinned for polyaxon-cli (deploymentVersion)',
  );
  assert.deepEqual(
    versions.map((a) => a.default),
    ['latest', '1.22.0'],
  );
});

test('line mode: a step reopened from the review', async () => {
  const { result } = plainRun([
    ['What now?', 'edit'],
    ['Which step?', 'dns'],
    ["The cluster's DNS Service", 'coredns'],
    ['What now?', 'confirm'],
  ]);
  assert.equal((await result).values.dns?.backend, 'coredns');
});

test('line mode: Ctrl-C saves the answers and throws CancelledError', async () => {
  const { result, dir, text } = plainRun([['How will people reach Polyaxon?', CANCEL]]);
  await assert.rejects(result, CancelledError);
  assert.ok(existsSync(join(dir, RESUME_FILE)));
  assert.doesNotMatch(text(), /Review/);
});

test('line mode: ">>" answers a text question with "accept the rest", said in the question; "\\>>" is the text itself', async () => {
  const { fake, result, text } = plainRun([
    ['Polyaxon version pinned for polyaxon-cli (deploymentVersion)', '\\>>'],
    ['Root user name', ' >> '],
    ['What now?', 'confirm'],
  ]);
  const r = await result;
  assert.deepEqual(fake.unused, []);
  const questions = fake.asked.map((a) => a.prompt);
  assert.ok(questions.includes('Root user name (>> accepts the rest)'), questions.join('\n'));
  assert.ok(!questions.some((q) => q.startsWith('Root user email')), 'the rest is taken, not asked');
  assert.match(text(), /== Review/);
  assert.equal(r.values.deploymentVersion, '>>', 'the escaped answer is kept as typed');
  assert.equal(r.values.user?.username, 'root');
  assert.equal(r.values.user?.password, PASSWORD);
  // Every text question says it; select questions offer it as a choice instead.
  for (const a of fake.asked.filter((q) => q.kind === 'input')) assert.match(a.prompt, /\(>> accepts the rest\)$/);
});
