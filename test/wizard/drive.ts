/** Walking the wizard's screens by their questions, as a person would. */
import { KEYS, type Driver } from '../support/ink-harness.js';

/** Waits until `question` is the one being asked. */
export function at(t: Driver, question: string): Promise<string> {
  return t.waitFor(`? ${question}`);
}

/** Replaces the text of the current question and presses Enter. */
export async function typeAnswer(t: Driver, question: string, text: string): Promise<void> {
  await at(t, question);
  await t.press(KEYS.CTRL_U);
  await t.type(text);
  await t.press(KEYS.ENTER);
}

/** Moves down to the option and picks it. */
export async function choose(t: Driver, question: string, label: string): Promise<void> {
  await at(t, question);
  for (let i = 0; i < 30 && !t.lastFrame().includes(`❯ ${label}`); i++) await t.press(KEYS.DOWN);
  if (!t.lastFrame().includes(`❯ ${label}`)) throw new Error(`no option "${label}" in:\n${t.lastFrame()}`);
  await t.press(KEYS.ENTER);
}

/** Presses Enter, accepting each default, until the frame shows `text`. */
export async function enterUntil(t: Driver, text: string, max = 80): Promise<string> {
  for (let i = 0; i < max; i++) {
    const before = t.lastFrame();
    if (before.includes(text)) return before;
    await t.press(KEYS.ENTER);
    await t.waitFor((f) => f !== before);
  }
  throw new Error(`"${text}" never showed after ${max} Enters. Last frame:\n${t.lastFrame()}`);
}

/** Pages through the review's YAML until `what` shows. */
export async function scrollUntil(t: Driver, what: RegExp, max = 10): Promise<string> {
  for (let i = 0; i < max && !what.test(t.lastFrame()); i++) await t.press(KEYS.PAGE_DOWN);
  if (!what.test(t.lastFrame())) throw new Error(`${what} never showed. Last frame:\n${t.lastFrame()}`);
  return t.lastFrame();
}
