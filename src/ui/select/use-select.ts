/** Keys to select actions; Enter picks the focused option, a shortcut letter picks its option at once. */
import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import { initialSelect, selectReducer, type SelectAction, type SelectState } from './state.js';

export interface UseSelect {
  count: number;
  limit: number;
  initialIndex: number;
  isActive: boolean;
  onSubmit: (index: number) => void;
  /** Lower-case letter to option index, e.g. y/n on a yes-or-no question. */
  shortcuts?: Record<string, number>;
}

export function useSelect({ count, limit, initialIndex, isActive, onSubmit, shortcuts }: UseSelect): SelectState {
  const [state, setState] = useState(() => initialSelect(count, limit, initialIndex));
  const ref = useRef(state);
  const moved = useRef(false);
  const submit = useRef(onSubmit);
  submit.current = onSubmit;
  const set = (next: SelectState) => {
    ref.current = next;
    setState(next);
  };
  const dispatch = (a: SelectAction) => {
    moved.current = true;
    set(selectReducer(ref.current, a));
  };
  // The options or the default can change while shown (the probe answered): follow them until
  // the person has moved.
  useEffect(() => {
    const s = ref.current;
    if (s.count === count && s.limit === limit && (moved.current || s.focus === initialIndex)) return;
    set(initialSelect(count, limit, moved.current ? s.focus : initialIndex));
  }, [count, limit, initialIndex]);
  useInput(
    (input, key) => {
      // A line feed is Enter too: typed before raw mode was on, the terminal turned it into \n.
      if (key.return || input === '\n') return submit.current(ref.current.focus);
      if (key.upArrow || (key.shift && key.tab)) return dispatch({ type: 'previous' });
      if (key.downArrow || key.tab) return dispatch({ type: 'next' });
      if (key.home) return dispatch({ type: 'first' });
      if (key.end) return dispatch({ type: 'last' });
      const shortcut = shortcuts?.[input.toLowerCase()];
      if (shortcut !== undefined && !key.ctrl && !key.meta) {
        dispatch({ type: 'focus', index: shortcut });
        submit.current(shortcut);
      }
    },
    { isActive },
  );
  return state;
}
