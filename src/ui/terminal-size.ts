/** The terminal's size, kept current as the window is resized (Ink's useStdout does not re-render on resize). */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  rows: number;
  columns: number;
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ rows: stdout.rows || 40, columns: stdout.columns || 100 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** How many terminal lines `text` takes at `columns`, word-wrapped as Ink wraps it (at least one). */
export function linesOf(text: string, columns: number): number {
  const width = Math.max(1, columns);
  let total = 0;
  for (const line of text.split('\n')) {
    let lines = 1;
    let used = 0;
    for (const word of line.split(' ')) {
      let w = [...word].length;
      const need = used === 0 ? w : used + 1 + w;
      if (need <= width) {
        used = need;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than the line is cut across lines.
      while (w > width) {
        lines++;
        w -= width;
      }
      used = w;
    }
    total += lines;
  }
  return total;
}
