/** TERM=dumb: questions as plain lines, numbered choices, no escape codes; end of input cancels. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { CancelledError } from '../../src/errors.js';
import { dumbPrompter } from '../../src/io/dumb-prompter.js';

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (b: Buffer) => (text += String(b)));
  return { input, output, text: () => text };
}

test('questions, numbered choices and defaults as plain lines; lines sent together are all used', async () => {
  const s = streams();
  const p = dumbPrompter(s);
  s.input.write('2\n\nyes\nml\n');
  const choice = await p.select(
    'Which cluster?',
    [
      { value: 'kubernetes', name: 'kubernetes' },
      { value: 'minikube', name: 'minikube' },
    ],
    { flags: [], default: 'kubernetes' },
  );
  const name = await p.input('Release', { flags: [], default: 'polyaxon' });
  const ok = await p.confirm('Install?', { flags: [] });
  const ns = await p.input('Namespace', {
    flags: [],
    default: 'polyaxon',
    validate: (v) => (v === 'ml' ? undefined : 'no'),
  });
  assert.deepEqual([choice, name, ok, ns], ['minikube', 'polyaxon', true, 'ml']);
  assert.match(s.text(), /Which cluster\?\n {2}1\) kubernetes \(default\)\n {2}2\) minikube\nChoose 1-2 \[1\]: /);
  assert.doesNotMatch(s.text(), /\u001b/, 'no escape codes');
});

test('a wrong answer is asked again with the reason; end of input cancels', async () => {
  const s = streams();
  const p = dumbPrompter(s);
  s.input.write('7\n1\n');
  assert.equal(await p.select('Pick', [{ value: 'a', name: 'a' }], { flags: [] }), 'a');
  assert.match(s.text(), /Type a number from 1 to 1\./);
  s.input.end();
  await assert.rejects(p.confirm('Again?', { flags: [] }), CancelledError);
});
