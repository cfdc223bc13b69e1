/**
 * At 40 columns and 12 rows every step screen and the review fit the terminal: a taller frame
 * scrolls, and the line being answered (the question, the choice under the pointer) or the
 * review's target and go-ahead scroll away. Every field of every step is rendered there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWizard } from '../../src/ui/wizard-session.js';
import type { ClusterFacts } from '../../steps/facts.js';
import { fakeTerminal, KEYS, type Driver } from '../support/ink-harness.js';
import { at, choose, enterUntil } from '../wizard/drive.js';
import { gkeFacts, minikubeFacts, wizardOptions } from '../wizard/fixtures.js';

const COLS = 40;
const ROWS = 12;

/** Terminal rows a frame takes at COLS (a line longer than the width wraps). */
function rowsOf(frame: string): number {
  return frame
    .replace(/\n$/, '')
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil([...line].length / COLS)), 0);
}

/** The question being answered, or the pointer's choice: what must be on screen. */
function cursorLine(frame: string): string | undefined {
  return frame.split('\n').find((l) => l.startsWith('❯') || /^\? /.test(l));
}

function start(facts: ClusterFacts) {
  const t = fakeTerminal();
  Object.assign(t.stdout, { columns: COLS, rows: ROWS });
  const result = runWizard({
    ...wizardOptions({ facts: Promise.resolve(facts) }),
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
    inkDebug: true,
  });
  result.catch(() => undefined);
  return t;
}

const overflowing: string[] = [];
/** Checks the frame on screen now: it fits, and the line being answered is in it. */
function check(t: Driver, where: string): void {
  const f = t.lastFrame();
  const rows = rowsOf(f);
  const label = /^\? (.*)$/m.exec(f)?.[1]?.slice(0, 30) ?? where;
  if (rows > ROWS || !cursorLine(f)) overflowing.push(`${label}: ${rows} rows\n${f}`);
}

/** Enter on every question until the review, checking every screen on the way. */
async function walk(t: Driver): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const before = t.lastFrame();
    check(t, `screen ${i}`);
    if (/What now\?/.test(before)) return before;
    await t.press(KEYS.ENTER);
    await t.waitFor((f) => f !== before);
  }
  throw new Error(`the review never showed; last frame:\n${t.lastFrame()}`);
}

test('40x12: every step screen and the review fit, the line being answered on screen', async () => {
  let t = start(minikubeFacts());
  await t.ready();
  await t.waitFor('minikube');
  const review = await walk(t);
  // The review: the header, the target and the go-ahead under the pointer.
  assert.match(review, /^polyaxon-setup/);
  assert.match(review.replace(/\s+/g, ' '), /Target: context minikube/);
  assert.match(review, /❯ Write config\.yaml/);

  // A typed password: the secret fields.
  t = start(minikubeFacts());
  await t.ready();
  await t.waitFor('minikube');
  await enterUntil(t, '? Root password');
  await choose(t, 'Root password', 'Type my own');
  for (const question of ['Password', 'The same password again']) {
    await at(t, question);
    check(t, question);
    await t.type('a-long-s3cret');
    await t.press(KEYS.ENTER);
  }
  await walk(t);

  // Ingress with TLS, GPUs, a typed password: the steps' other fields.
  t = start(gkeFacts());
  await t.ready();
  await t.waitFor('gke');
  for (let i = 0; i < 10 && !t.lastFrame().includes('? How will people reach'); i++) {
    check(t, 'deployment');
    const before = t.lastFrame();
    await t.press(KEYS.ENTER);
    await t.waitFor((f) => f !== before);
  }
  await choose(t, 'How will people reach Polyaxon?', 'Ingress');
  await walk(t);
  assert.deepEqual(overflowing, [], overflowing.join('\n\n'));
});
