/** Render-only view of a text field: the value (or a mask), with the cursor shown inverse. */
import { Text } from 'ink';
import { Tone } from '../theme.js';
import type { TextInputState } from './state.js';

export function TextInputView({ state, mask, isActive }: { state: TextInputState; mask?: string; isActive: boolean }) {
  const shown = mask ? mask.repeat(state.value.length) : state.value;
  if (!isActive) return <Text>{shown}</Text>;
  const at = Math.min(state.cursor, shown.length);
  return (
    <Text>
      {shown.slice(0, at)}
      <Tone tone="plain" inverse>
        {shown[at] ?? ' '}
      </Tone>
      {shown.slice(at + 1)}
    </Text>
  );
}
