import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldPrompt } from '../../src/ui/FieldPrompt.js';
import type { Answer, Field } from '../../steps/types.js';
import { KEYS, renderInk } from '../support/ink-harness.js';

function show(field: Field, initial: Answer) {
  const answers: Answer[] = [];
  const t = renderInk(<FieldPrompt field={field} initial={initial} isActive onAnswer={(a) => answers.push(a)} />);
  return { t, answers };
}

const host: Field = {
  kind: 'text',
  id: 'host',
  label: 'Host name',
  help: 'The name people type.',
  hint: 'the ingress host',
  default: '',
  validate: (s) => (s.includes(' ') ? 'has a space' : undefined),
};

test('text: the error shows beside the field and the answer is held back until it is fixed', async () => {
  const { t, answers } = show(host, 'px.acme.com');
  await t.ready();
  assert.match(t.lastFrame(), /\? Host name px\.acme\.com/);
  assert.match(t.lastFrame(), /↳ the ingress host\n\s+The name people type\./);
  await t.press(KEYS.CTRL_U);
  await t.type('bad host');
  await t.press(KEYS.ENTER);
  await t.waitFor(/\? Host name bad host\s+✗ has a space/);
  assert.deepEqual(answers, []);
  await t.press(KEYS.LEFT, KEYS.LEFT, KEYS.LEFT, KEYS.LEFT, KEYS.BACKSPACE);
  await t.waitFor((f) => !f.includes('✗'));
  await t.press(KEYS.ENTER);
  assert.deepEqual(answers, ['badhost']);
});

test('text: a paste that ends with a line end is submitted', async () => {
  const { t, answers } = show(host, '');
  await t.ready();
  await t.type('px.acme.com\r');
  assert.deepEqual(answers, ['px.acme.com']);
});

test('secret: typed characters are masked', async () => {
  const { t, answers } = show({ kind: 'secret', id: 'p', label: 'Password' }, '');
  await t.ready();
  await t.type('hunter22');
  await t.waitFor('? Password ********');
  assert.doesNotMatch(t.lastFrame(), /hunter/);
  await t.press(KEYS.ENTER);
  assert.deepEqual(answers, ['hunter22']);
});

test('select: starts on the default, arrows move, Enter picks', async () => {
  const { t, answers } = show(
    {
      kind: 'select',
      id: 'mode',
      label: 'Mode',
      default: 'b',
      choices: [
        { value: 'a', label: 'Alpha' },
        { value: 'b', label: 'Beta', hint: 'the usual' },
        { value: 'c', label: 'Gamma' },
      ],
    },
    'b',
  );
  await t.ready();
  assert.match(t.lastFrame(), /❯ Beta · the usual/);
  await t.press(KEYS.DOWN, KEYS.DOWN);
  assert.match(t.lastFrame(), /❯ Alpha/);
  await t.press(KEYS.ENTER);
  assert.deepEqual(answers, ['a']);
});

test('select: a line feed picks too (Enter typed before the terminal was in raw mode)', async () => {
  const { t, answers } = show(
    {
      kind: 'select',
      id: 'mode',
      label: 'Mode',
      default: 'b',
      choices: [
        { value: 'a', label: 'Alpha' },
        { value: 'b', label: 'Beta' },
      ],
    },
    'b',
  );
  await t.ready();
  await t.press('\n');
  assert.deepEqual(answers, ['b']);
});

test('confirm: y and n answer at once', async () => {
  const { t, answers } = show({ kind: 'confirm', id: 'ok', label: 'Sure?', default: false }, false);
  await t.ready();
  assert.match(t.lastFrame(), /❯ No/);
  await t.press('y');
  assert.deepEqual(answers, [true]);
});

test('text: every key of a chunk counts, in order (three Backspaces at once; Ctrl-U then text)', async () => {
  const { t, answers } = show(host, 'px.acme.com');
  await t.ready();
  await t.type('\u007f\u007f\u007f');
  await t.waitFor((f) => f.includes('? Host name px.acme.') && !f.includes('px.acme.com'));
  await t.type('\u0015new.host\r');
  await t.waitFor(() => answers.length > 0);
  assert.deepEqual(answers, ['new.host']);
  const again = show(host, 'abc');
  await again.t.ready();
  await again.t.type('\u001b[D\u001b[DX\r');
  await again.t.waitFor(() => again.answers.length > 0);
  assert.deepEqual(again.answers, ['aXbc']);
});
