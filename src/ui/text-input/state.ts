/** A one-line text field as a pure reducer: the value, where the cursor is, and whether it was edited. */

export interface TextInputState {
  value: string;
  cursor: number;
  /** Edited by the person: a new default (e.g. from the probe) no longer replaces the value. */
  touched: boolean;
}

export type TextInputAction =
  | { type: 'insert'; text: string }
  | { type: 'delete-back' }
  | { type: 'delete-forward' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'clear' }
  | { type: 'sync'; value: string };

export function initialTextInput(value: string): TextInputState {
  return { value, cursor: value.length, touched: false };
}

export function textInputReducer(s: TextInputState, a: TextInputAction): TextInputState {
  switch (a.type) {
    case 'insert':
      return {
        value: s.value.slice(0, s.cursor) + a.text + s.value.slice(s.cursor),
        cursor: s.cursor + a.text.length,
        touched: true,
      };
    case 'delete-back':
      if (s.cursor === 0) return s;
      return { value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1, touched: true };
    case 'delete-forward':
      if (s.cursor >= s.value.length) return s;
      return { ...s, value: s.value.slice(0, s.cursor) + s.value.slice(s.cursor + 1), touched: true };
    case 'left':
      return { ...s, cursor: Math.max(0, s.cursor - 1) };
    case 'right':
      return { ...s, cursor: Math.min(s.value.length, s.cursor + 1) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: s.value.length };
    case 'clear':
      return { value: '', cursor: 0, touched: true };
    case 'sync':
      return s.touched || s.value === a.value ? s : initialTextInput(a.value);
  }
}

/** What one key of a chunk does: an edit, or Enter. */
export type ChunkKey = TextInputAction | { type: 'submit' };

// Escape sequences a terminal sends for the editing keys (xterm and VT220 spellings).
const SEQUENCES: [string, ChunkKey][] = [
  ['\u001b[D', { type: 'left' }],
  ['\u001bOD', { type: 'left' }],
  ['\u001b[C', { type: 'right' }],
  ['\u001bOC', { type: 'right' }],
  ['\u001b[H', { type: 'home' }],
  ['\u001bOH', { type: 'home' }],
  ['\u001b[1~', { type: 'home' }],
  ['\u001b[F', { type: 'end' }],
  ['\u001bOF', { type: 'end' }],
  ['\u001b[4~', { type: 'end' }],
  // The Delete key erases backwards too, as a lone Delete does (most terminals send DEL for Backspace).
  ['\u001b[3~', { type: 'delete-back' }],
];

const CONTROL_KEYS: Record<string, ChunkKey> = {
  '\u007f': { type: 'delete-back' },
  '\b': { type: 'delete-back' },
  '\u0015': { type: 'clear' },
  '\u0001': { type: 'home' },
  '\u0005': { type: 'end' },
  '\r': { type: 'submit' },
  '\n': { type: 'submit' },
};

/**
 * A chunk of keys that arrived in one read (fast typing, a paste, a test writing several at once),
 * split into what each key does, in order. Text runs are inserted whole; other control characters
 * and unknown escape sequences are dropped.
 */
export function chunkKeys(chunk: string): ChunkKey[] {
  const out: ChunkKey[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'insert', text });
    text = '';
  };
  for (let i = 0; i < chunk.length;) {
    const seq = chunk[i] === '\u001b' ? SEQUENCES.find(([s]) => chunk.startsWith(s, i)) : undefined;
    if (seq) {
      flush();
      out.push(seq[1]);
      i += seq[0].length;
      continue;
    }
    const c = chunk[i];
    if (c === '\u001b') {
      // An escape sequence we do not know: skip it whole (ESC, then up to its final letter or ~).
      flush();
      // eslint-disable-next-line no-control-regex -- an escape sequence starts with ESC
      const end = /^\u001b[[O]?[\d;]*[A-Za-z~]?/.exec(chunk.slice(i))?.[0].length ?? 1;
      i += end;
      continue;
    }
    const key = CONTROL_KEYS[c];
    if (key) {
      flush();
      out.push(key);
    } else if (c >= ' ') text += c;
    i++;
  }
  flush();
  return out;
}
