/**
 * helm's output and the release's pods while an install or upgrade runs, until ready or failed;
 * on failure, why and what to do next. Fed entirely by props.
 */
import { Box, Text } from 'ink';
import type { FailureExplanation, PodRow } from '../wizard/failure.js';
import { Spinner } from './Spinner.js';
import { Tone } from './theme.js';

export interface InstallProgressProps {
  release: string;
  namespace: string;
  action: 'install' | 'upgrade';
  lines: string[];
  pods: PodRow[];
  status: 'running' | 'ready' | 'failed';
  error?: string;
  /** Shown on failure. */
  diagnosis?: FailureExplanation;
  /** How many of helm's last lines to show. */
  maxLines?: number;
}

function podMark(p: PodRow): { mark: string; tone: 'ok' | 'warn' | 'error' | 'muted' } {
  if (p.phase === 'Succeeded') return { mark: '✔', tone: 'muted' };
  if (p.phase === 'Failed' || /BackOff|Err|Error/.test(p.reason ?? '')) return { mark: '✗', tone: 'error' };
  const [ready, total] = (p.ready ?? '0/1').split('/').map(Number);
  if (p.phase === 'Running' && ready === total) return { mark: '✔', tone: 'ok' };
  return { mark: '…', tone: 'warn' };
}

export function InstallProgress(props: InstallProgressProps) {
  const { lines, pods, status } = props;
  const shown = lines.slice(-(props.maxLines ?? 8));
  const width = Math.max(10, ...pods.map((p) => p.name.length));
  const what = `helm ${props.action} ${props.release} (namespace ${props.namespace})`;
  return (
    <Box flexDirection="column">
      {status === 'running' && <Spinner label={`${what}: waiting for the pods`} />}
      {status === 'ready' && <Tone tone="ok">✔ {what}: ready</Tone>}
      {status === 'failed' && (
        <Tone tone="error">
          ✗ {what} failed{props.error ? `: ${props.error}` : ''}
        </Tone>
      )}
      {shown.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Tone tone="muted">helm:</Tone>
          {shown.map((l, i) => (
            <Tone key={lines.length - shown.length + i} tone="muted" wrap="truncate-end">
              {'  '}
              {l}
            </Tone>
          ))}
        </Box>
      )}
      {pods.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Pods</Text>
          {pods.map((p) => {
            const m = podMark(p);
            return (
              <Text key={p.name} wrap="truncate-end">
                <Tone tone={m.tone}>{m.mark}</Tone> {p.name.padEnd(width)} {p.phase.padEnd(9)}{' '}
                {(p.ready ?? '').padEnd(5)}
                {p.restarts ? ` ${p.restarts} restarts` : ''}
                {p.reason ? <Tone tone={m.tone}> {p.reason}</Tone> : null}
                {p.message ? <Tone tone="muted"> {p.message}</Tone> : null}
              </Text>
            );
          })}
        </Box>
      )}
      {status === 'failed' && props.diagnosis && (
        <Box flexDirection="column" marginTop={1}>
          {props.diagnosis.cause && <Text bold>Why: {props.diagnosis.cause}</Text>}
          {props.diagnosis.step && (
            <Text>
              Revisit the wizard's <Text bold>{props.diagnosis.step.title}</Text> step: {props.diagnosis.step.why}.
            </Text>
          )}
          <Text bold>Next:</Text>
          {props.diagnosis.nextSteps.map((s) => (
            <Tone key={s} tone="accent">
              {'  '}
              {s}
            </Tone>
          ))}
        </Box>
      )}
    </Box>
  );
}
