/** Render-only view of a select: a window of options, the focused one marked. */
import { Box, Text } from 'ink';
import { Tone } from '../theme.js';
import type { SelectState } from './state.js';

export interface SelectOption {
  label: string;
  hint?: string;
}

export function SelectView({
  options,
  state,
  isActive,
  oneLine,
}: {
  options: SelectOption[];
  state: SelectState;
  isActive: boolean;
  /** Each option on one line, its hint cut at the width (a very short terminal). */
  oneLine?: boolean;
}) {
  const shown = options.slice(state.offset, state.offset + state.limit);
  return (
    <Box flexDirection="column">
      {state.offset > 0 && <Tone tone="muted"> ↑ {state.offset} more</Tone>}
      {shown.map((o, i) => {
        const focused = state.offset + i === state.focus;
        return (
          <Text key={state.offset + i} wrap={oneLine ? 'truncate-end' : 'wrap'}>
            {focused && isActive ? <Tone tone="accent">❯ {o.label}</Tone> : <Text> {o.label}</Text>}
            {o.hint ? <Tone tone="muted"> · {o.hint}</Tone> : null}
          </Text>
        );
      })}
      {state.offset + state.limit < options.length && (
        <Tone tone="muted"> ↓ {options.length - state.offset - state.limit} more</Tone>
      )}
    </Box>
  );
}
