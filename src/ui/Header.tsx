/** The top line of every wizard screen: what is being set up, and on which cluster. */
import { Box, Text } from 'ink';
import { unreachableLines, type ClusterFacts } from '../../steps/facts.js';
import { Spinner } from './Spinner.js';
import { Tone } from './theme.js';

export interface ProbeStatus {
  state: 'running' | 'done' | 'unavailable';
  facts?: ClusterFacts;
  note?: string;
  /** A default was accepted while the probe runs: it is taken once the probe answers. */
  waiting?: boolean;
}

export function Header({ title, probe }: { title: string; probe: ProbeStatus }) {
  const f = probe.facts;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Box>
        <Text bold>{title}</Text>
        <Text> </Text>
        {probe.state === 'running' &&
          (probe.waiting ? (
            <Spinner label="waiting for the cluster probe: it may change this default (or choose another now)" />
          ) : (
            <Spinner label="probing the cluster (keep going, defaults will follow)" />
          ))}
        {probe.state === 'done' && f && !f.unreachable && (
          <Tone tone="muted">
            cluster {f.context ?? '?'} ({f.server ?? '?'}){f.distribution ? ` · ${f.distribution}` : ''}
          </Tone>
        )}
        {probe.state === 'unavailable' && (
          <Tone tone="warn">no cluster facts{probe.note ? `: ${probe.note}` : ''}</Tone>
        )}
      </Box>
      {probe.state === 'done' &&
        f?.unreachable &&
        unreachableLines(f.unreachable).map((line, i) => (
          <Tone key={i} tone={i === 0 ? 'warn' : 'muted'}>
            {i === 0 ? `✗ ${line}` : `  ${line}`}
          </Tone>
        ))}
    </Box>
  );
}
