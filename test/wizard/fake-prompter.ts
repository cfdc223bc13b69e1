/**
 * A Prompter that answers from a script instead of a terminal: each entry answers the first
 * question matching it, anything unscripted gets its default (as if Enter was pressed), and
 * invalid scripted answers are refused as the real prompts refuse them.
 */
import { CancelledError } from '../../src/errors.js';
import type { Prompter } from '../../src/io/prompter.js';

export const CANCEL = Symbol('Ctrl-C');
type Scripted = string | boolean | typeof CANCEL;

export interface Asked {
  kind: 'input' | 'secret' | 'select' | 'confirm';
  /** The question's label: a text question's "(>> accepts the rest)" is in `prompt`. */
  question: string;
  /** The question as the prompt shows it. */
  prompt: string;
  default?: string | boolean;
  choices?: string[];
}

export function fakePrompter(script: [string | RegExp, Scripted][]) {
  const asked: Asked[] = [];
  const refused: string[] = [];
  const take = (q: string): Scripted | undefined => {
    const i = script.findIndex(([m]) => (typeof m === 'string' ? q === m : m.test(q)));
    if (i < 0) return undefined;
    const [[, a]] = script.splice(i, 1);
    if (a === CANCEL) throw new CancelledError();
    return a;
  };
  const prompter: Prompter = {
    async input(prompt, o) {
      // A text question ends with line mode's "(>> accepts the rest)": a script names it by its label.
      const question = prompt.replace(/ \(>> accepts the rest\)$/, '');
      asked.push({ kind: o.secret ? 'secret' : 'input', question, prompt, default: o.default });
      for (;;) {
        const a = take(question);
        const v = a === undefined ? (o.default ?? '') : String(a);
        const problem = o.validate?.(v);
        if (!problem) return v;
        refused.push(`${question}: ${problem}`);
        if (a === undefined) throw new Error(`the default of "${question}" is refused: ${problem}`);
      }
    },
    async select(question, choices, o) {
      asked.push({
        kind: 'select',
        question,
        prompt: question,
        default: o.default,
        choices: choices.map((c) => c.name),
      });
      const a = take(question);
      if (a === undefined) return o.default ?? choices[0].value;
      const c = choices.find((x) => x.value === a || x.name === a || x.name.startsWith(String(a)));
      if (!c)
        throw new Error(`"${String(a)}" is not a choice of "${question}": ${choices.map((x) => x.name).join(', ')}`);
      return c.value;
    },
    async confirm(question, o) {
      asked.push({ kind: 'confirm', question, prompt: question, default: o.default });
      const a = take(question);
      return a === undefined ? (o.default ?? false) : Boolean(a);
    },
  };
  return { prompter, asked, refused, unused: script };
}
