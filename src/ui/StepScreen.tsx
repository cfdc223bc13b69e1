/**
 * A step on screen: where the person is among the steps, the answers given in this step, the
 * question being asked, and the keys.
 */
import { Box, Text } from 'ink';
import { displayAnswer, type Answer } from '../../steps/types.js';
import type { StepSummary, StepView } from '../wizard/flow.js';
import { FieldPrompt } from './FieldPrompt.js';
import { Header, type ProbeStatus } from './Header.js';
import { linesOf, useTerminalSize } from './terminal-size.js';
import { Tone } from './theme.js';

/** Answers of the step shown above the question; long steps keep the screen short. */
const SHOWN_ANSWERS = 6;
/** Below this many rows the screen drops what it can do without: the step list, blank lines. */
const COMPACT_ROWS = 30;

const MARKS: Record<StepSummary['status'], string> = {
  done: '✔',
  current: '▸',
  todo: '·',
  answered: '✔',
  'not-applicable': '–',
};

function StepList({ steps, oneLine, columns }: { steps: StepSummary[]; oneLine: boolean; columns: number }) {
  return (
    <Box
      flexWrap={oneLine ? 'nowrap' : 'wrap'}
      marginBottom={oneLine ? 0 : 1}
      height={oneLine ? 1 : undefined}
      overflow="hidden"
      width={Math.max(10, columns - 1)}
    >
      {steps.map((s) => (
        <Box key={s.id} marginRight={2} flexShrink={0}>
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
  const { rows, columns } = useTerminalSize();
  // The whole screen stays shorter than the terminal: a taller frame scrolls and Ink redraws it
  // below the old one (the header twice).
  const compact = rows < COMPACT_ROWS;
  const stepList = compact
    ? 1
    : linesOf(view.steps.map((s) => `${MARKS[s.status]} ${s.title}  `).join(''), columns) + 1;
  const f = view.field;
  const unreachable = probe.facts?.unreachable ? 2 : 0;
  const layout = (shown: number, help: boolean, tight = false) =>
    (compact ? 1 : 2) +
    unreachable +
    stepList +
    1 +
    (shown > 0
      ? view.previous
          .slice(-shown)
          .reduce(
            (n, { field, answer }) =>
              n +
              linesOf(
                `✔ ${field.label}${field.label.endsWith('?') ? ' ' : ': '}${displayAnswer(field, answer)}`,
                columns,
              ),
            0,
          )
      : 0) +
    (view.previous.length > shown && !tight ? 1 : 0) +
    linesOf(`? ${f.label} ${f.kind === 'text' || f.kind === 'secret' ? String(view.initial) : ''}`, columns) +
    (f.hint ? (tight ? 1 : linesOf(` ↳ ${f.hint}`, columns)) : 0) +
    (help && f.help ? linesOf(` ${f.help}`, columns) : 0) +
    2;
  // Two more for the "↑ n more" and "↓ n more" of a long list; room for two choices at least:
  // on a short terminal the earlier answers, then the help, give way.
  // The lines the first n choices take (a choice with a hint may wrap on a narrow terminal).
  const options =
    f.kind === 'select'
      ? f.choices.map((c) => linesOf(`❯ ${c.label}${c.hint ? ` · ${c.hint}` : ''}`, columns))
      : f.kind === 'confirm'
        ? [1, 1]
        : [];
  const choiceLines = (n: number, tight = false) =>
    tight ? Math.min(n, options.length) : options.slice(0, n).reduce((a, b) => a + b, 0);
  const fits = (shown: number, help: boolean) => rows - 3 - layout(shown, help) >= choiceLines(2);
  // The last resort (a very short terminal): no help, no "earlier answers" line, and the probe's
  // reason and each choice on one line, cut at the width, so the question and its pointer stay on screen.
  const [shown, help, tight] = !compact
    ? [SHOWN_ANSWERS, true, false]
    : fits(2, true)
      ? [2, true, false]
      : fits(0, true)
        ? [0, true, false]
        : fits(0, false)
          ? [0, false, false]
          : [0, false, true];
  const room = rows - 3 - layout(shown, help, tight);
  let limit = Math.max(tight ? 1 : 2, Math.min(8, room));
  while (limit > (tight ? 1 : 2) && choiceLines(limit, tight) > room) limit--;
  return (
    <Box flexDirection="column">
      <Header title={title} probe={probe} compact={compact} />
      <StepList steps={view.steps} oneLine={compact} columns={columns} />
      <Text bold>
        {view.step.title}{' '}
        <Tone tone="muted">
          ({n} of {position.length})
        </Tone>
      </Text>
      {view.previous.length > shown && !tight && (
        <Tone tone="muted" wrap="truncate-end">
          {' '}
          … {view.previous.length - shown} earlier answer{view.previous.length - shown > 1 ? 's' : ''}
        </Tone>
      )}
      {(shown > 0 ? view.previous.slice(-shown) : []).map(({ field, answer }) => (
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
        limit={limit}
        terse={!help}
        tight={tight}
      />
      <Box marginTop={1}>
        <Tone tone="muted" wrap="truncate-end">
          {columns < 92
            ? 'Enter · ↑↓ · Esc back · Ctrl-R review · Ctrl-C quit'
            : 'Enter accept · ↑↓ choose · Esc back · Ctrl-R accept the rest, review · Ctrl-C save and quit'}
        </Tone>
      </Box>
    </Box>
  );
}
