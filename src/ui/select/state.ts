/** A list to pick one from, as a pure reducer: the focused option and the visible window. */

export interface SelectState {
  focus: number;
  /** First visible option when the list is longer than the window. */
  offset: number;
  count: number;
  limit: number;
}

export type SelectAction =
  { type: 'next' } | { type: 'previous' } | { type: 'first' } | { type: 'last' } | { type: 'focus'; index: number };

export function initialSelect(count: number, limit: number, focus: number): SelectState {
  const f = Math.max(0, Math.min(count - 1, focus));
  return visible({ focus: f, offset: 0, count, limit });
}

/** Keeps the focused option inside the window. */
function visible(s: SelectState): SelectState {
  if (s.focus < s.offset) return { ...s, offset: s.focus };
  if (s.focus >= s.offset + s.limit) return { ...s, offset: s.focus - s.limit + 1 };
  return s;
}

export function selectReducer(s: SelectState, a: SelectAction): SelectState {
  if (s.count === 0) return s;
  switch (a.type) {
    case 'next':
      return visible({ ...s, focus: (s.focus + 1) % s.count });
    case 'previous':
      return visible({ ...s, focus: (s.focus - 1 + s.count) % s.count });
    case 'first':
      return visible({ ...s, focus: 0 });
    case 'last':
      return visible({ ...s, focus: s.count - 1 });
    case 'focus':
      return visible({ ...s, focus: Math.max(0, Math.min(s.count - 1, a.index)) });
  }
}
