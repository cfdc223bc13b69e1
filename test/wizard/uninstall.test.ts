import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError } from '../../src/errors.js';
import { confirmUninstall, type UninstallOptions } from '../../src/ui/confirm-uninstall.js';
import { fakeTerminal, FakeStdout, KEYS } from '../support/ink-harness.js';
import { CANCEL, fakePrompter } from './fake-prompter.js';

const WHAT: Omit<UninstallOptions, 'plain'> = {
  release: 'polyaxon',
  namespace: 'ml',
  context: 'gke_acme_prod',
  server: 'https://34.76.0.1',
  removed: ['helm release polyaxon (revision 3)', 'hook jobs left by failed installs'],
  kept: ['PVC polyaxon-pvc-logs (10Gi)', 'namespace ml'],
};

function start() {
  const t = fakeTerminal();
  const answer = confirmUninstall({
    ...WHAT,
    plain: false,
    color: false,
    inkDebug: true,
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  answer.catch(() => undefined);
  return { t, answer };
}

test('uninstall: shows the target, what goes and what stays, and needs the release name typed', async () => {
  const { t, answer } = start();
  await t.ready();
  const frame = t.lastFrame();
  assert.match(
    frame,
    /Uninstall release polyaxon from namespace ml on context gke_acme_prod \(https:\/\/34\.76\.0\.1\)/,
  );
  assert.match(frame, /Removed:\n\s+✗ helm release polyaxon \(revision 3\)/);
  assert.match(frame, /Kept:\n\s+✔ PVC polyaxon-pvc-logs \(10Gi\)\n\s+✔ namespace ml/);
  await t.type('polyaxn');
  await t.press(KEYS.ENTER);
  await t.waitFor('✗ "polyaxn" is not polyaxon');
  await t.press(KEYS.BACKSPACE);
  await t.type('on');
  await t.press(KEYS.ENTER);
  assert.equal(await answer, true);
});

test('uninstall: Enter on nothing asks again; Esc keeps everything', async () => {
  const { t, answer } = start();
  await t.ready();
  await t.press(KEYS.ENTER);
  await t.waitFor('type the release name, or Esc to keep everything');
  await t.press(KEYS.ESC);
  assert.equal(await answer, false);
});

test('uninstall: Ctrl-C cancels', async () => {
  const { t, answer } = start();
  await t.ready();
  await t.press(KEYS.CTRL_C);
  await assert.rejects(answer, CancelledError);
});

test('uninstall in line mode: the same list, the name typed back, empty keeps everything', async () => {
  const out = new FakeStdout();
  const typed = fakePrompter([
    [/^Type the release name/, 'nope'],
    [/^Type the release name/, 'polyaxon'],
  ]);
  assert.equal(
    await confirmUninstall({
      ...WHAT,
      plain: true,
      prompter: typed.prompter,
      stdout: out as unknown as NodeJS.WriteStream,
    }),
    true,
  );
  assert.match(typed.refused[0], /"nope" is not polyaxon/);
  assert.match(out.frames.join(''), /Kept:\n {2}✔ PVC polyaxon-pvc-logs \(10Gi\)/);
  const empty = fakePrompter([[/^Type the release name/, '']]);
  assert.equal(
    await confirmUninstall({
      ...WHAT,
      plain: true,
      prompter: empty.prompter,
      stdout: out as unknown as NodeJS.WriteStream,
    }),
    false,
  );
  const cancel = fakePrompter([[/^Type the release name/, CANCEL]]);
  await assert.rejects(
    confirmUninstall({ ...WHAT, plain: true, prompter: cancel.prompter, stdout: out as unknown as NodeJS.WriteStream }),
    CancelledError,
  );
});
