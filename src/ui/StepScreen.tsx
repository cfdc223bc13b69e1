/**
 * A step on screen: where the person is among the steps, the answers given in this step, the
 * question being asked, and the keys.
 */
import { Box, Text } from 'ink';
import { displayAnswer, type Answer } from '../../steps/types.js';
import type { StepSummary, StepView } from '../wizard/flow.js';
import { FieldPrompt } from './FieldPrompt.js';
import { Header, type ProbeStatus } from './Header.js';
import { Tone } from './theme.js';

/** Answers of the step shown above the question; long steps keep the screen short. */
const SHOWN_ANSWERS = 6;

const MARKS: Record<StepSummary['status'], string> = {
  done: '✔',
  current: '▸',
  todo: '·',
  answered: '✔',
  'not-applicable': '–',
};

function StepList({ steps }: { steps: StepSummary[] }) {
  return (
    <Box flexWrap="wrap" marginBottom={1}>
      {steps.map((s) => (
        <Box key={s.id} marginRight={2}>
          <Tone
            tone={s.status === 'current' ? 'accent' : s.status === 'done' || s.status === 'answered' ? 'ok' : 'muted'}
            bold={s.status === 'current'}
          >
            {MARKS[s.status]} {s.title}
          </Tone>
        </Box>
      ))}
    </Box>
  );
}

export interface StepScreenProps {
  title: string;
  view: StepView;
  probe: ProbeStatus;
  onAnswer: (value: Answer) => void;
  isActive: boolean;
}

export function StepScreen({ title, view, probe, onAnswer, isActive }: StepScreenProps) {
  const position = view.steps.filter((s) => s.status !== 'not-applicable');
  const n = position.findIndex((s) => s.id === view.step.id) + 1;
  return (
    <Box flexDirection="column">
      <Header title={title} probe={probe} />
      <StepList steps={view.steps} />
      <Text bold>
        {view.step.title}{' '}
        <Tone tone="muted">
          ({n} of {position.length})
        </Tone>
      </Text>
      {view.previous.length > SHOWN_ANSWERS && (
        <Tone tone="muted"> … {view.previous.length - SHOWN_ANSWERS} earlier answers</Tone>
      )}
      {view.previous.slice(-SHOWN_ANSWERS).map(({ field, answer }) => (
        <Text key={field.id}>
          <Tone tone="ok">✔ </Tone>
          {field.label.endsWith('?') ? `${field.label} ` : `${field.label}: `}
          <Tone tone="muted">{displayAnswer(field, answer)}</Tone>
        </Text>
      ))}
      <FieldPrompt
        key={`${view.step.id}/${view.field.id}`}
        field={view.field}
        initial={view.initial}
        isActive={isActive}
        onAnswer={onAnswer}
      />
      <Box marginTop={1}>
        <Tone tone="muted">
          Enter accept · ↑↓ choose · Esc back · Ctrl-R accept the rest, review · Ctrl-C save and quit
        </Tone>
      </Box>
    </Box>
  );
}
