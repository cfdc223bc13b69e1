/**
 * Mounting an Ink screen for one phase and getting its outcome. The screen reports through a
 * callback; unmounting happens here, after the callback, so the terminal is restored before the
 * caller goes on (and before anything else reads stdin).
 */
import type { ReactElement } from 'react';
import { render } from 'ink';

// Callers load this module lazily and build their trees with these: a dynamic import('react')
// of its CommonJS build does not reliably expose named exports once bundled.
export { createElement } from 'react';
export { render } from 'ink';

export interface InkStreams {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Every frame written whole, nothing erased (tests, or a log of a session). */
  debug?: boolean;
}

/** How every screen of the wizard is rendered. */
export function renderOptions(io: InkStreams) {
  return {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    debug: io.debug ?? false,
    // Ctrl-C is the screen's to handle: it saves the answers before quitting.
    exitOnCtrlC: false,
    patchConsole: false,
  };
}

export async function mountUntil<T>(make: (finish: (value: T) => void) => ReactElement, io: InkStreams): Promise<T> {
  let settle!: (v: T) => void;
  const outcome = new Promise<T>((resolve) => (settle = resolve));
  let finished = false;
  const instance = render(
    make((value) => {
      if (finished) return;
      finished = true;
      settle(value);
    }),
    renderOptions(io),
  );
  const exited = instance.waitUntilExit();
  const value = await outcome;
  // Let the render that follows the last key settle before tearing down.
  await new Promise((r) => setImmediate(r));
  instance.unmount();
  await exited;
  return value;
}
