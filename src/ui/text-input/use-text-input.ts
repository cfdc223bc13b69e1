/** Keys to text-input actions. State lives in a ref too, so keys arriving faster than renders all count. */
import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import { chunkKeys, initialTextInput, textInputReducer, type TextInputAction, type TextInputState } from './state.js';

export interface UseTextInput {
  initial: string;
  isActive: boolean;
  onSubmit: (value: string) => void;
  onChange?: (value: string) => void;
}

// Control characters other than the line ends are never text.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex -- a chunk holding any of them is several keys, or text and Enter
const KEYS_IN_CHUNK = /[\u0000-\u001f\u007f]/;

export function useTextInput({ initial, isActive, onSubmit, onChange }: UseTextInput): TextInputState {
  const [state, setState] = useState(() => initialTextInput(initial));
  const ref = useRef(state);
  const handlers = useRef({ onSubmit, onChange });
  handlers.current = { onSubmit, onChange };

  const dispatch = (a: TextInputAction) => {
    const next = textInputReducer(ref.current, a);
    if (next === ref.current) return;
    const changed = next.value !== ref.current.value;
    ref.current = next;
    setState(next);
    if (changed) handlers.current.onChange?.(next.value);
  };

  useEffect(() => dispatch({ type: 'sync', value: initial }), [initial]);

  useInput(
    (input, key) => {
      // Several keys in one read arrive as one string: apply each of them, in order.
      if (input.length > 1 && KEYS_IN_CHUNK.test(input)) {
        for (const k of chunkKeys(input)) {
          if (k.type === 'submit') return handlers.current.onSubmit(ref.current.value);
          dispatch(k);
        }
        return;
      }
      if (key.return) return handlers.current.onSubmit(ref.current.value);
      if (key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return;
      // Most terminals send DEL for Backspace, which Ink reports as delete: both erase backwards.
      if (key.backspace || key.delete) return dispatch({ type: 'delete-back' });
      if (key.leftArrow) return dispatch({ type: 'left' });
      if (key.rightArrow) return dispatch({ type: 'right' });
      if (key.home || (key.ctrl && input === 'a')) return dispatch({ type: 'home' });
      if (key.end || (key.ctrl && input === 'e')) return dispatch({ type: 'end' });
      if (key.ctrl && input === 'u') return dispatch({ type: 'clear' });
      if (key.ctrl || key.meta) return;
      const text = input.replace(CONTROL, '');
      if (text) dispatch({ type: 'insert', text });
    },
    { isActive },
  );
  return state;
}
