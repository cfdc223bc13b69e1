// Colour is forced on for this file, so the test sees what a colour terminal gets.
process.env.FORCE_COLOR = '1';

import { test } from 'node:test';
import assert from 'node:assert/strict';

test('NO_COLOR: tones drop their colour, while the same screen is coloured otherwise', async () => {
  const { createElement: h } = await import('react');
  const { render } = await import('ink-testing-library');
  const { ColorContext, Tone, colorAllowed } = await import('../../src/ui/theme.js');
  const frame = (color: boolean) => {
    const r = render(h(ColorContext.Provider, { value: color }, h(Tone, { tone: 'error' }, 'failed')));
    const f = r.lastFrame() ?? '';
    r.unmount();
    return f;
  };
  assert.match(frame(true), /\u001b\[31mfailed/);
  assert.equal(frame(false), 'failed');
  assert.equal(colorAllowed({ NO_COLOR: '' }), false);
  assert.equal(colorAllowed({ TERM: 'dumb' }), false);
  assert.equal(colorAllowed({ TERM: 'xterm-256color' }), true);
});
