/**
 * Driving Ink screens in tests: fake terminal streams, named keys, and polling of the rendered
 * frames until a condition holds (never a fixed sleep). Works for a tree rendered through
 * ink-testing-library and for code that mounts Ink itself on streams it is given (runWizard).
 *
 * ink-testing-library 4 predates Ink 6 and React 19; it still works, with two gaps handled here:
 * input written before the screen's effects register is lost (so `ready()` waits for a frame and
 * a turn of the event loop), and in CI Ink writes a bare "\n" on unmount that would replace the
 * last frame (so the fake stdout ignores it).
 */
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render as itlRender } from 'ink-testing-library';

export const KEYS = {
  ENTER: '\r',
  ESC: '\u001b',
  UP: '\u001b[A',
  DOWN: '\u001b[B',
  RIGHT: '\u001b[C',
  LEFT: '\u001b[D',
  TAB: '\t',
  BACKSPACE: '\u007f',
  PAGE_UP: '\u001b[5~',
  PAGE_DOWN: '\u001b[6~',
  CTRL_C: '\u0003',
  CTRL_U: '\u0015',
} as const;

/** A terminal the size of a laptop window; frames are kept whole (render with debug). */
export class FakeStdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  readonly frames: string[] = [];
  write = (s: string): boolean => {
    if (s !== '\n') this.frames.push(s);
    return true;
  };
  lastFrame(): string {
    return this.frames[this.frames.length - 1] ?? '';
  }
}

/** What Ink reads input from: 'readable' then read(), as in a raw-mode TTY. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  write(data: string): void {
    this.queue.push(data);
    this.emit('readable');
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const turn = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Strips colour and cursor codes, for assertions on text. */
export function plain(frame: string): string {
  return frame.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

export interface Driver {
  lastFrame(): string;
  frames(): string[];
  /** Waits until the first frame is out and input handlers have had a turn to register. */
  ready(): Promise<void>;
  /** Writes keys one at a time, letting each render before the next. */
  press(...keys: string[]): Promise<void>;
  /** Types text as one chunk (like a paste), then waits a turn. */
  type(text: string): Promise<void>;
  /** Polls until the last frame contains the text, matches, or satisfies the predicate; the frame. */
  waitFor(what: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
}

function driver(stdin: { write(s: string): void }, frames: () => string[]): Driver {
  const last = () => plain(frames()[frames().length - 1] ?? '');
  const settle = async () => {
    // A lone ESC is held for a turn by Ink's parser; two turns and a timer tick cover every path.
    await turn();
    await turn();
    await sleep(1);
  };
  const d: Driver = {
    lastFrame: last,
    frames: () => frames().map(plain),
    async ready() {
      await d.waitFor((f) => f.length > 0);
      await settle();
    },
    async press(...keys) {
      for (const k of keys) {
        stdin.write(k);
        await settle();
      }
    },
    async type(text) {
      stdin.write(text);
      await settle();
    },
    async waitFor(what, timeoutMs = 3000) {
      const test =
        typeof what === 'string'
          ? (f: string) => f.includes(what)
          : what instanceof RegExp
            ? (f: string) => what.test(f)
            : what;
      const until = Date.now() + timeoutMs;
      for (;;) {
        const f = last();
        if (test(f)) {
          await settle();
          return last();
        }
        if (Date.now() > until)
          throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(what)}. Last frame:\n${f}`);
        await sleep(5);
      }
    },
  };
  return d;
}

/** A fake terminal for code that mounts Ink itself: pass `stdin`/`stdout`/`stderr` and inkDebug: true. */
export function fakeTerminal(): Driver & {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  errText(): string;
} {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  return {
    ...driver(stdin, () => stdout.frames),
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    errText: () => stderr.frames.join(''),
  };
}

/** A component rendered with ink-testing-library, with the same helpers. */
export function renderInk(tree: ReactElement): Driver & { unmount(): void; rerender(tree: ReactElement): void } {
  const r = itlRender(tree);
  // ink-testing-library keeps every write, the CI unmount "\n" included: drop it.
  const frames = () => r.frames.filter((f) => f !== '\n');
  return { ...driver(r.stdin, frames), unmount: r.unmount, rerender: r.rerender };
}
