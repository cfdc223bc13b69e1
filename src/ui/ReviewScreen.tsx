/**
 * The last screen before anything is written or changed: the target cluster, the YAML (or, for
 * an upgrade, what changes), every problem, the exact helm command, and the choice.
 */
import { useState } from 'react';
import { Box, Text, useInput, useStdout } from 'ink';
import type { StepSummary } from '../wizard/flow.js';
import type { ReviewData } from '../wizard/review.js';
import { Header, type ProbeStatus } from './Header.js';
import { SelectView } from './select/Select.js';
import { useSelect } from './select/use-select.js';
import { Tone } from './theme.js';

export type ReviewChoice = 'confirm' | 'edit' | 'quit';

export interface ReviewScreenProps {
  title: string;
  data: ReviewData;
  steps: StepSummary[];
  probe: ProbeStatus;
  /** The label of the go-ahead, e.g. "Write config.yaml and install". */
  actionLabel: string;
  isActive: boolean;
  onConfirm: () => void;
  onEdit: (stepId: string) => void;
  onQuit: () => void;
  onBack: () => void;
}

function Menu({
  data,
  actionLabel,
  isActive,
  onPick,
}: {
  data: ReviewData;
  actionLabel: string;
  isActive: boolean;
  onPick: (c: ReviewChoice) => void;
}) {
  const choices: { value: ReviewChoice; label: string; hint?: string }[] = [
    ...(data.errors ? [] : [{ value: 'confirm' as const, label: data.actionLabel ?? actionLabel }]),
    { value: 'edit', label: 'Change a step…' },
    {
      value: 'quit',
      label: data.mode === 'upgrade' ? 'Cancel: change nothing' : 'Quit without writing',
      hint: data.mode === 'upgrade' ? undefined : 'answers are saved for --resume',
    },
  ];
  const state = useSelect({
    count: choices.length,
    limit: choices.length,
    initialIndex: 0,
    isActive,
    onSubmit: (i) => onPick(choices[i].value),
  });
  return (
    <Box flexDirection="column">
      <Text>
        <Tone tone="accent">? </Tone>
        <Text bold>What now?</Text>
      </Text>
      <SelectView options={choices} state={state} isActive={isActive} />
    </Box>
  );
}

function StepPicker({
  steps,
  isActive,
  onPick,
}: {
  steps: StepSummary[];
  isActive: boolean;
  onPick: (id: string) => void;
}) {
  const options = steps.filter((s) => s.status !== 'not-applicable');
  const state = useSelect({
    count: options.length,
    limit: 10,
    initialIndex: 0,
    isActive,
    onSubmit: (i) => onPick(options[i].id),
  });
  return (
    <Box flexDirection="column">
      <Text>
        <Tone tone="accent">? </Tone>
        <Text bold>Which step?</Text> <Tone tone="muted">(Esc: back to the review)</Tone>
      </Text>
      <SelectView
        options={options.map((s) => ({ label: s.title, hint: s.status === 'answered' ? s.reason : undefined }))}
        state={state}
        isActive={isActive}
      />
    </Box>
  );
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { data } = props;
  const { stdout } = useStdout();
  const [picking, setPicking] = useState(false);
  const [offset, setOffset] = useState(0);
  const body = data.diff
    ? data.diff.lines.length
      ? data.diff.lines
      : ['(no changes to the values)']
    : data.yaml.trimEnd().split('\n');
  const reserved =
    16 + Math.min(data.problems.length, 8) + data.notes.length + data.warnings.length + data.blockers.length;
  const height = Math.max(6, (stdout.rows ?? 40) - reserved);
  const last = Math.max(0, body.length - height);
  useInput(
    (_input, key) => {
      if (key.pageDown) setOffset((o) => Math.min(last, o + height));
      else if (key.pageUp) setOffset((o) => Math.max(0, o - height));
      else if (key.escape) {
        if (picking) setPicking(false);
        else props.onBack();
      }
    },
    { isActive: props.isActive },
  );
  const t = data.target;
  return (
    <Box flexDirection="column">
      <Header title={props.title} probe={props.probe} />
      <Text bold>Review</Text>
      <Text>
        Target: context <Text bold>{t.context ?? '(none probed)'}</Text>
        {t.server ? ` (${t.server})` : ''} · namespace <Text bold>{t.namespace}</Text> · release{' '}
        <Text bold>{t.release}</Text> · chart{' '}
        <Text bold>
          {data.diff ? `${data.diff.chartFrom ?? '?'} → ${data.diff.chartTo ?? 'latest'}` : t.chartVersion || 'latest'}
        </Text>
      </Text>
      <Tone tone="muted">
        {data.diff ? 'Changes to the deployed values' : 'config.yaml'} (lines {Math.min(offset + 1, body.length)}–
        {Math.min(offset + height, body.length)} of {body.length}
        {body.length > height ? ', PgUp/PgDn to scroll' : ''})
      </Tone>
      <Box flexDirection="column" borderStyle="single" paddingX={1}>
        {body.slice(offset, offset + height).map((line, i) => (
          <Text key={offset + i} wrap="truncate-end">
            {line || ' '}
          </Text>
        ))}
      </Box>
      {data.problems.slice(0, 8).map((p, i) => (
        <Tone key={i} tone={p.severity === 'error' ? 'error' : 'warn'}>
          {p.severity === 'error' ? '✗' : '!'} {p.field}: {p.message}
          {p.fix ? ` → ${p.fix}` : ''}
        </Tone>
      ))}
      {data.problems.length > 8 && <Tone tone="muted">… and {data.problems.length - 8} more</Tone>}
      {data.blockers.map((b, i) => (
        <Tone key={`b${i}`} tone="error">
          ✗ {b}
        </Tone>
      ))}
      {data.warnings.map((w, i) => (
        <Tone key={`w${i}`} tone="warn">
          ! {w}
        </Tone>
      ))}
      {data.helmCommand && (
        <Text>
          Will run: <Tone tone="accent">{data.helmCommand}</Tone>
        </Text>
      )}
      {data.notes.map((n, i) => (
        <Text key={`n${i}`}>After install: {n}</Text>
      ))}
      {data.errors > 0 && (
        <Tone tone="error">
          {data.blockers.length && data.errors === data.blockers.length
            ? 'Nothing can be installed until this is fixed: Quit keeps the answers for --resume.'
            : `Fix the ${data.errors} error${data.errors > 1 ? 's' : ''} above first: Change a step…`}
        </Tone>
      )}
      <Box marginTop={1} flexDirection="column">
        {picking ? (
          <StepPicker steps={props.steps} isActive={props.isActive} onPick={props.onEdit} />
        ) : (
          <Menu
            data={data}
            actionLabel={props.actionLabel}
            isActive={props.isActive}
            onPick={(c) => (c === 'confirm' ? props.onConfirm() : c === 'edit' ? setPicking(true) : props.onQuit())}
          />
        )}
      </Box>
    </Box>
  );
}
