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
      return { value: s.value.slice(0, s.cursor) + a.text + s.value.slice(s.cursor), cursor: s.cursor + a.text.length, touched: true };
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
