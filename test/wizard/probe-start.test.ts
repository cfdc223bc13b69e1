import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWizard } from '../../src/ui/wizard-session.js';
import type { ClusterFacts } from '../../steps/facts.js';
import { fakeTerminal, KEYS } from '../support/ink-harness.js';
import { at } from './drive.js';
import { minikubeFacts, wizardOptions } from './fixtures.js';

test('the probe starts only once the first screen is drawn, and its findings then arrive', async () => {
  const t = fakeTerminal();
  let frameWhenProbed: string | undefined;
  const facts = (): Promise<ClusterFacts | undefined> => {
    frameWhenProbed = t.lastFrame();
    return Promise.resolve(minikubeFacts());
  };
  const result = runWizard({ ...wizardOptions({ facts }), stdin: t.stdin, stdout: t.stdout, stderr: t.stderr });
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  await t.waitFor(/· minikube/);
  assert.match(
    frameWhenProbed ?? '',
    /What kind of cluster is this\?/,
    'the first frame was on screen before the probe started',
  );
  await t.press(KEYS.CTRL_C);
  await assert.rejects(result, { name: 'CancelledError' });
});

test('Enter before the probe answers waits for it, saying so, and then shows the default the probe found', async () => {
  const t = fakeTerminal();
  let answer!: (f: ClusterFacts) => void;
  const facts = new Promise<ClusterFacts | undefined>((r) => (answer = r));
  const result = runWizard({ ...wizardOptions({ facts }), stdin: t.stdin, stdout: t.stdout, stderr: t.stderr });
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  await t.press(KEYS.ENTER);
  await t.waitFor('waiting for the cluster probe');
  assert.match(t.lastFrame(), /\? What kind of cluster is this\?/, 'still on the question');
  answer(minikubeFacts());
  const frame = await t.waitFor(/❯ minikube/);
  assert.match(frame, /\? What kind of cluster is this\?/, 'the new default is shown before it is taken');
  await t.press(KEYS.ENTER);
  await at(t, 'Namespace');
  await t.press(KEYS.CTRL_C);
  await assert.rejects(result, { name: 'CancelledError' });
});

test('Ctrl-R on the first screen accepts every default and opens the review', async () => {
  const t = fakeTerminal();
  const result = runWizard({
    ...wizardOptions({ facts: Promise.resolve(minikubeFacts()) }),
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  await t.ready();
  await t.waitFor(/· minikube/);
  assert.match(t.lastFrame(), /Ctrl-R accept the rest, review/);
  await t.press('\u0012');
  await t.waitFor('What now?');
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.equal(r.values.deploymentType, 'minikube');
});
