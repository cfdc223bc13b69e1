/**
 * The uninstall gate: what goes, what stays, on which cluster, and the release name typed back.
 * Esc keeps everything.
 */
import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { TextInputView } from './text-input/TextInput.js';
import { useTextInput } from './text-input/use-text-input.js';
import { Tone } from './theme.js';

export interface UninstallConfirmProps {
  release: string;
  namespace: string;
  context?: string;
  server?: string;
  removed: string[];
  kept: string[];
  onAnswer: (confirmed: boolean) => void;
  onCancel: () => void;
}

export function UninstallConfirm(props: UninstallConfirmProps) {
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const finish = (v: boolean) => {
    setDone(true);
    props.onAnswer(v);
  };
  const state = useTextInput({
    initial: '',
    isActive: !done,
    onChange: () => setError(undefined),
    onSubmit: (v) =>
      v === props.release
        ? finish(true)
        : setError(v === '' ? 'type the release name, or Esc to keep everything' : `"${v}" is not ${props.release}`),
  });
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') {
        setDone(true);
        props.onCancel();
      } else if (key.escape) finish(false);
    },
    { isActive: !done },
  );
  return (
    <Box flexDirection="column">
      <Text>
        Uninstall release <Text bold>{props.release}</Text> from namespace <Text bold>{props.namespace}</Text> on
        context <Text bold>{props.context ?? '(current)'}</Text>
        {props.server ? ` (${props.server})` : ''}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Removed:</Text>
        {props.removed.map((r) => (
          <Tone key={r} tone="error">
            {'  '}✗ {r}
          </Tone>
        ))}
        {props.kept.length > 0 && <Text bold>Kept:</Text>}
        {props.kept.map((k) => (
          <Tone key={k} tone="ok">
            {'  '}✔ {k}
          </Tone>
        ))}
      </Box>
      <Box marginTop={1}>
        <Tone tone="accent">? </Tone>
        <Text bold>Type the release name ({props.release}) to uninstall: </Text>
        <TextInputView state={state} isActive={!done} />
        {error ? <Tone tone="error"> ✗ {error}</Tone> : null}
      </Box>
      <Tone tone="muted">Enter confirm · Esc keep everything · Ctrl-C quit</Tone>
    </Box>
  );
}
