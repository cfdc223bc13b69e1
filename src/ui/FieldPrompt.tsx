/**
 * One question of a step: its label, the input for its kind, and beside it the validation error
 * of the last Enter. Help and the probe's reason sit under it. It only renders and reports the
 * answer; what happens next is the flow's business.
 */
import { useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Answer, ConfirmField, Field, SelectField, SecretField, TextField } from '../../steps/types.js';
import { SelectView } from './select/Select.js';
import { useSelect } from './select/use-select.js';
import { TextInputView } from './text-input/TextInput.js';
import { useTextInput } from './text-input/use-text-input.js';
import { Tone } from './theme.js';

export interface FieldPromptProps {
  field: Field;
  initial: Answer;
  isActive: boolean;
  onAnswer: (value: Answer) => void;
  /** How many options a select shows at once. */
  limit?: number;
  /** A short terminal: the help under the question is left out. */
  terse?: boolean;
  /** A very short terminal: the probe's reason and every choice take one line each, cut to the width. */
  tight?: boolean;
}

function Question({
  field,
  error,
  terse,
  tight,
  children,
}: {
  field: Field;
  error?: string;
  terse?: boolean;
  tight?: boolean;
  children?: ReactNode;
}) {
  return (
    <Box flexDirection="column">
      {/* One text, wrapped as words within the width: the input follows the label on its line. */}
      <Text>
        <Tone tone="accent">? </Tone>
        <Text bold>{field.label}</Text>
        {children ? ' ' : null}
        {children}
        {error ? <Tone tone="error"> ✗ {error}</Tone> : null}
      </Text>
      {field.hint ? (
        <Tone tone="ok" wrap={tight ? 'truncate-end' : 'wrap'}>
          {' '}
          ↳ {field.hint}
        </Tone>
      ) : null}
      {field.help && !terse ? <Tone tone="muted"> {field.help}</Tone> : null}
    </Box>
  );
}

function TextPrompt({
  field,
  initial,
  isActive,
  onAnswer,
  terse,
  tight,
}: FieldPromptProps & { field: TextField | SecretField }) {
  const [error, setError] = useState<string>();
  const state = useTextInput({
    initial: String(initial),
    isActive,
    onChange: () => setError(undefined),
    onSubmit: (value) => {
      const problem = field.validate?.(value);
      if (problem) setError(problem);
      else onAnswer(value);
    },
  });
  return (
    <Question field={field} error={error} terse={terse} tight={tight}>
      <TextInputView state={state} isActive={isActive} mask={field.kind === 'secret' ? '*' : undefined} />
    </Question>
  );
}

function SelectPrompt({
  field,
  initial,
  isActive,
  onAnswer,
  limit = 8,
  terse,
  tight,
}: FieldPromptProps & { field: SelectField }) {
  const index = Math.max(
    0,
    field.choices.findIndex((c) => c.value === initial),
  );
  const state = useSelect({
    count: field.choices.length,
    limit,
    initialIndex: index,
    isActive,
    onSubmit: (i) => onAnswer(field.choices[i].value),
  });
  return (
    <Box flexDirection="column">
      <Question field={field} terse={terse} tight={tight} />
      <SelectView options={field.choices} state={state} isActive={isActive} oneLine={tight} />
    </Box>
  );
}

const YES_NO = [
  { label: 'Yes', value: true },
  { label: 'No', value: false },
];

function ConfirmPrompt({
  field,
  initial,
  isActive,
  onAnswer,
  terse,
  tight,
}: FieldPromptProps & { field: ConfirmField }) {
  const state = useSelect({
    count: 2,
    limit: 2,
    initialIndex: initial === true ? 0 : 1,
    isActive,
    onSubmit: (i) => onAnswer(YES_NO[i].value),
    shortcuts: { y: 0, n: 1 },
  });
  return (
    <Box flexDirection="column">
      <Question field={field} terse={terse} tight={tight} />
      <SelectView options={YES_NO} state={state} isActive={isActive} />
    </Box>
  );
}

export function FieldPrompt(props: FieldPromptProps) {
  const { field } = props;
  switch (field.kind) {
    case 'text':
    case 'secret':
      return <TextPrompt {...props} field={field} />;
    case 'select':
      return <SelectPrompt {...props} field={field} />;
    case 'confirm':
      return <ConfirmPrompt {...props} field={field} />;
  }
}
