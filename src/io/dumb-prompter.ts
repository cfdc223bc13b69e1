/**
 * Questions for a terminal that cannot draw (TERM=dumb, screen readers, some CI consoles): one line
 * out, one line in, choices numbered, never an escape code. End of input (Ctrl-D) and Ctrl-C cancel,
 * as they do everywhere else.
 */
import { CancelledError } from '../errors.js';
import type { Prompter } from './prompter.js';

export interface LineStreams {
  input: NodeJS.ReadableStream & {
    isTTY?: boolean;
    setRawMode?: (raw: boolean) => unknown;
    pause?(): unknown;
    resume?(): unknown;
  };
  output: NodeJS.WritableStream;
}

/**
 * One reader for the whole session: lines that arrive together (a paste, a script) are queued, not
 * lost between questions. A secret is read with the terminal in raw mode, so nothing is echoed.
 */
class LineReader {
  private buffer = '';
  private lines: string[] = [];
  private waiting?: { resolve: (line: string) => void; reject: (e: Error) => void; secret: boolean };
  private ended = false;
  private listening = false;

  constructor(private readonly s: LineStreams) {}

  read(prompt: string, secret = false): Promise<string> {
    this.s.output.write(prompt);
    const raw = secret && this.s.input.isTTY && this.s.input.setRawMode;
    if (!raw && this.lines.length) return Promise.resolve(this.lines.shift()!);
    if (this.ended) return Promise.reject(new CancelledError());
    this.listen();
    if (raw) this.s.input.setRawMode!(true);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, secret: Boolean(raw) };
      this.s.input.resume?.();
    });
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.s.input.on('data', (chunk: Buffer | string) => this.take(String(chunk)));
    this.s.input.on('end', () => {
      this.ended = true;
      this.settle((w) => w.reject(new CancelledError()));
    });
  }

  private settle(f: (w: NonNullable<LineReader['waiting']>) => void): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = undefined;
    if (w.secret) {
      this.s.input.setRawMode?.(false);
      this.s.output.write('\n');
    }
    f(w);
    if (!this.waiting) this.s.input.pause?.();
  }

  private take(chunk: string): void {
    for (const c of chunk) {
      if (c === '\u0003' || (c === '\u0004' && this.buffer === '')) {
        this.ended = c === '\u0004' || this.ended;
        this.settle((w) => w.reject(new CancelledError()));
        continue;
      }
      if (c === '\r' || c === '\n') {
        if (c === '\n' && this.lastWasCr) {
          this.lastWasCr = false;
          continue;
        }
        this.lastWasCr = c === '\r';
        const line = this.buffer.trim();
        this.buffer = '';
        if (this.waiting) this.settle((w) => w.resolve(line));
        else this.lines.push(line);
        continue;
      }
      this.lastWasCr = false;
      if (c === '\u007f' || c === '\b') this.buffer = this.buffer.slice(0, -1);
      else if (c >= ' ') this.buffer += c;
    }
  }

  private lastWasCr = false;
}

export function dumbPrompter(s: LineStreams): Prompter {
  const reader = new LineReader(s);
  const say = (line: string) => s.output.write(`${line}\n`);
  const readLine = (prompt: string) => reader.read(prompt);
  const ask = async (question: string, validate?: (v: string) => string | undefined, secret = false) => {
    for (;;) {
      const v = await reader.read(question, secret);
      const problem = validate?.(v);
      if (problem === undefined) return v;
      say(`  ${problem}`);
    }
  };
  return {
    async confirm(question, o) {
      const hint = o.default ? 'Y/n' : 'y/N';
      for (;;) {
        const v = (await readLine(`${question} [${hint}] `)).toLowerCase();
        if (v === '') return o.default ?? false;
        if (['y', 'yes'].includes(v)) return true;
        if (['n', 'no'].includes(v)) return false;
        say('  Answer y or n.');
      }
    },
    async input(question, o) {
      if (o.secret) return ask(`${question}: `, o.validate, true);
      const shown = o.default ? ` [${o.default}]` : '';
      const v = await ask(`${question}${shown}: `, (x) => o.validate?.(x === '' ? (o.default ?? '') : x));
      return v === '' ? (o.default ?? '') : v;
    },
    async select(question, choices, o) {
      say(question);
      choices.forEach((c, i) => say(`  ${i + 1}) ${c.name}${c.value === o.default ? ' (default)' : ''}`));
      const def = Math.max(
        0,
        choices.findIndex((c) => c.value === o.default),
      );
      for (;;) {
        const v = await readLine(`Choose 1-${choices.length} [${def + 1}]: `);
        const n = v === '' ? def + 1 : Number(v);
        if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1].value;
        say(`  Type a number from 1 to ${choices.length}.`);
      }
    },
  };
}
