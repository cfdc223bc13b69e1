import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialSelect, selectReducer } from '../../src/ui/select/state.js';
import { chunkKeys, initialTextInput, textInputReducer, type TextInputAction } from '../../src/ui/text-input/state.js';

const apply = (value: string, ...actions: TextInputAction[]) =>
  actions.reduce(textInputReducer, initialTextInput(value));

test('text input: edits at the cursor', () => {
  assert.deepEqual(apply('acme', { type: 'home' }, { type: 'insert', text: 'px.' }), {
    value: 'px.acme',
    cursor: 3,
    touched: true,
  });
  assert.equal(apply('abc', { type: 'left' }, { type: 'delete-back' }).value, 'ac');
  assert.equal(apply('abc', { type: 'home' }, { type: 'delete-forward' }).value, 'bc');
  assert.equal(apply('abc', { type: 'home' }, { type: 'delete-back' }).value, 'abc');
  assert.deepEqual(apply('abc', { type: 'clear' }), { value: '', cursor: 0, touched: true });
});

test('text input: a new default replaces the value only until the person edits it', () => {
  assert.equal(apply('kube-dns', { type: 'sync', value: 'coredns' }).value, 'coredns');
  assert.equal(apply('kube-dns', { type: 'insert', text: 'x' }, { type: 'sync', value: 'coredns' }).value, 'kube-dnsx');
});

test('select: moves wrap around and the window follows the focus', () => {
  let s = initialSelect(5, 3, 0);
  s = selectReducer(s, { type: 'previous' });
  assert.deepEqual([s.focus, s.offset], [4, 2]);
  s = selectReducer(s, { type: 'next' });
  assert.deepEqual([s.focus, s.offset], [0, 0]);
  assert.deepEqual([initialSelect(5, 3, 9).focus, initialSelect(5, 3, 9).offset], [4, 2]);
});

test('text input: a chunk of keys splits into each key, in order', () => {
  assert.deepEqual(chunkKeys('\u007f\u007f'), [{ type: 'delete-back' }, { type: 'delete-back' }]);
  assert.deepEqual(chunkKeys('\u0015ab\r'), [{ type: 'clear' }, { type: 'insert', text: 'ab' }, { type: 'submit' }]);
  assert.deepEqual(chunkKeys('x\u001b[Dy\u001b[A\u001b[3~'), [
    { type: 'insert', text: 'x' },
    { type: 'left' },
    { type: 'insert', text: 'y' },
    { type: 'delete-back' },
  ]);
  assert.deepEqual(chunkKeys('\u0001\u0005\u0007z'), [
    { type: 'home' },
    { type: 'end' },
    { type: 'insert', text: 'z' },
  ]);
});
