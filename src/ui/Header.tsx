/** The top line of every wizard screen: what is being set up, and on which cluster. */
import { Box, Text } from 'ink';
import { unreachableLines, type ClusterFacts } from '../../steps/facts.js';
import { Spinner } from './Spinner.js';
import { useTerminalSize } from './terminal-size.js';
import { Tone } from './theme.js';

export interface ProbeStatus {
  state: 'running' | 'done' | 'unavailable';
  facts?: ClusterFacts;
  note?: string;
  /** A default was accepted while the probe runs: it is taken once the probe answers. */
  waiting?: boolean;
}

/**
 * One line, whatever the width (what does not fit is cut, never wrapped: a header that grows
 * pushes the screen past the terminal's height). `compact`: no blank line under it.
 */
export function Header({ title, probe, compact }: { title: string; probe: ProbeStatus; compact?: boolean }) {
  const f = probe.facts;
  const { columns } = useTerminalSize();
  return (
    <Box flexDirection="column" marginBottom={compact ? 0 : 1}>
      {/* One column short of the width: a line that fills it leaves the cursor where Ink miscounts. */}
      <Box height={1} overflow="hidden" width={Math.max(10, columns - 1)}>
        <Box flexShrink={0}>
          <Text bold>{title} </Text>
        </Box>
        {probe.state === 'running' &&
          (probe.waiting ? (
            <Spinner label="waiting for the cluster probe: it may change this default (or choose another now)" />
          ) : (
            <Spinner label="probing the cluster (keep going, defaults will follow)" />
          ))}
        {probe.state === 'done' && f && !f.unreachable && (
          <Tone tone="muted" wrap="truncate-end">
            cluster {f.context ?? '?'} ({f.server ?? '?'}){f.distribution ? ` · ${f.distribution}` : ''}
          </Tone>
        )}
        {probe.state === 'unavailable' && (
          <Tone tone="warn" wrap="truncate-end">
            no cluster facts{probe.note ? `: ${probe.note}` : ''}
          </Tone>
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
