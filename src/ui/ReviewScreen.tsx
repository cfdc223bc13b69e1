/**
 * The last screen before anything is written or changed: the target cluster, the YAML (or, for
 * an upgrade, what changes), every problem, the exact helm command, and the choice.
 */
import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { StepSummary } from '../wizard/flow.js';
import type { ReviewData } from '../wizard/review.js';
import { Header, type ProbeStatus } from './Header.js';
import { SelectView } from './select/Select.js';
import { useSelect } from './select/use-select.js';
import { linesOf, useTerminalSize } from './terminal-size.js';
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
  quitHint,
  isActive,
  onPick,
}: {
  data: ReviewData;
  actionLabel: string;
  quitHint?: string;
  isActive: boolean;
  onPick: (c: ReviewChoice) => void;
}) {
  const choices: { value: ReviewChoice; label: string; hint?: string }[] = [
    ...(data.errors ? [] : [{ value: 'confirm' as const, label: data.actionLabel ?? actionLabel }]),
    { value: 'edit', label: 'Change a step…' },
    {
      value: 'quit',
      label: data.mode === 'upgrade' ? 'Cancel: change nothing' : 'Quit without writing',
      hint: quitHint,
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
  const { rows, columns } = useTerminalSize();
  const [picking, setPicking] = useState(false);
  const [offset, setOffset] = useState(0);
  const body = data.diff
    ? data.diff.lines.length
      ? data.diff.lines
      : ['(no changes to the values)']
    : data.yaml.trimEnd().split('\n');
  const t = data.target;
  // Everything is laid out to fit the terminal as it is now (resizes included): the target and the
  // choice always show; findings as many as fit; the values pane takes what is left.
  const compact = rows < 30;
  const targetText = `Target: context ${t.context ?? '(none probed)'}${t.server ? ` (${t.server})` : ''} · namespace ${t.namespace} · release ${t.release} · chart ${data.diff ? `${data.diff.chartFrom ?? '?'} → ${data.diff.chartTo ?? 'latest'}` : t.chartVersion || 'latest'}`;
  const quitHint = data.mode === 'upgrade' || compact ? undefined : 'answers are saved for --resume';
  const menuLines = (picking ? Math.min(10, props.steps.length) + 1 : 4) + (compact ? 0 : 1);
  const errorLine = data.errors > 0 ? 1 : 0;
  // A short terminal shows the command on one line, cut; the target is never cut.
  const command = data.helmCommand ? (compact ? 1 : linesOf(`Will run: ${data.helmCommand}`, columns)) : 0;
  const fixed = (compact ? 1 : 3) + linesOf(targetText, columns) + command + errorLine + menuLines;
  const findings = [
    ...data.problems.map((p) => ({
      tone: p.severity === 'error' ? ('error' as const) : ('warn' as const),
      text: `${p.severity === 'error' ? '✗' : '!'} ${p.field}: ${p.message}${p.fix ? ` → ${p.fix}` : ''}`,
    })),
    ...data.blockers.map((b) => ({ tone: 'error' as const, text: `✗ ${b}` })),
    ...data.warnings.map((w) => ({ tone: 'warn' as const, text: `! ${w}` })),
    ...data.notes.map((n) => ({ tone: 'plain' as const, text: `After install: ${n}` })),
  ];
  // Room kept for at least three lines of values when the terminal allows it.
  const paneMin = 3 + 3;
  let room = rows - 1 - fixed - paneMin;
  let shownFindings = 0;
  for (const f of findings) {
    const need = linesOf(f.text, columns);
    if (need > room - (shownFindings + 1 < findings.length ? 1 : 0)) break;
    room -= need;
    shownFindings++;
  }
  const hidden = findings.length - shownFindings;
  const left =
    rows -
    1 -
    fixed -
    (hidden ? 1 : 0) -
    findings.slice(0, shownFindings).reduce((n, f) => n + linesOf(f.text, columns), 0);
  // The pane needs its border and caption (3 lines); below that, one line says what is not shown.
  const height = left >= 4 ? left - 3 : 0;
  const last = Math.max(0, body.length - Math.max(1, height));
  useInput(
    (_input, key) => {
      if (key.pageDown) setOffset((o) => Math.min(last, o + Math.max(1, height)));
      else if (key.pageUp) setOffset((o) => Math.max(0, o - Math.max(1, height)));
      else if (key.escape) {
        if (picking) setPicking(false);
        else props.onBack();
      }
    },
    { isActive: props.isActive },
  );
  const shownOffset = Math.min(offset, last);
  return (
    <Box flexDirection="column">
      <Header title={props.title} probe={props.probe} compact={compact} />
      {!compact && <Text bold>Review</Text>}
      <Text>
        Target: context <Text bold>{t.context ?? '(none probed)'}</Text>
        {t.server ? ` (${t.server})` : ''} · namespace <Text bold>{t.namespace}</Text> · release{' '}
        <Text bold>{t.release}</Text> · chart{' '}
        <Text bold>
          {data.diff ? `${data.diff.chartFrom ?? '?'} → ${data.diff.chartTo ?? 'latest'}` : t.chartVersion || 'latest'}
        </Text>
      </Text>
      {height > 0 ? (
        <>
          <Tone tone="muted" wrap="truncate-end">
            {data.diff ? 'Changes to the deployed values' : 'config.yaml'} (lines{' '}
            {Math.min(shownOffset + 1, body.length)}–{Math.min(shownOffset + height, body.length)} of {body.length}
            {body.length > height ? ', PgUp/PgDn to scroll' : ''})
          </Tone>
          <Box flexDirection="column" borderStyle="single" paddingX={1}>
            {body.slice(shownOffset, shownOffset + height).map((line, i) => (
              <Text key={shownOffset + i} wrap="truncate-end">
                {line || ' '}
              </Text>
            ))}
          </Box>
        </>
      ) : left >= 1 ? (
        <Tone tone="muted" wrap="truncate-end">
          {data.diff ? 'Changes to the deployed values' : 'config.yaml'}: {body.length} lines (a taller terminal shows
          them)
        </Tone>
      ) : null}
      {findings.slice(0, shownFindings).map((f, i) => (
        <Tone key={`f${i}`} tone={f.tone}>
          {f.text}
        </Tone>
      ))}
      {hidden > 0 && (
        <Tone tone="muted" wrap="truncate-end">
          … {hidden} more finding{hidden > 1 ? 's' : ''} (a taller terminal shows them; --plain lists them all)
        </Tone>
      )}
      {data.helmCommand && (
        <Text wrap={compact ? 'truncate-end' : 'wrap'}>
          Will run: <Tone tone="accent">{data.helmCommand}</Tone>
        </Text>
      )}
      {data.errors > 0 && (
        <Tone tone="error" wrap="truncate-end">
          {data.blockers.length && data.errors === data.blockers.length
            ? 'Nothing can be installed until this is fixed: Quit keeps the answers for --resume.'
            : `Fix the ${data.errors} error${data.errors > 1 ? 's' : ''} above first: Change a step…`}
        </Tone>
      )}
      <Box marginTop={compact ? 0 : 1} flexDirection="column">
        {picking ? (
          <StepPicker steps={props.steps} isActive={props.isActive} onPick={props.onEdit} />
        ) : (
          <Menu
            data={data}
            actionLabel={props.actionLabel}
            quitHint={quitHint}
            isActive={props.isActive}
            onPick={(c) => (c === 'confirm' ? props.onConfirm() : c === 'edit' ? setPicking(true) : props.onQuit())}
          />
        )}
      </Box>
    </Box>
  );
}
