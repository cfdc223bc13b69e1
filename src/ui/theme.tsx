/**
 * Colours in one place, so NO_COLOR (and TERM=dumb) is honoured everywhere: chalk, which Ink
 * uses, does not read NO_COLOR, so components ask for a tone and get no colour when it is off.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Text } from 'ink';

export type ToneName = 'accent' | 'muted' | 'error' | 'warn' | 'ok' | 'plain';

const COLORS: Record<ToneName, object> = {
  accent: { color: 'cyan' },
  muted: { dimColor: true },
  error: { color: 'red' },
  warn: { color: 'yellow' },
  ok: { color: 'green' },
  plain: {},
};

export const ColorContext = createContext(true);

export { colorAllowed } from '../io/system.js';

export function Tone(props: {
  tone: ToneName;
  bold?: boolean;
  inverse?: boolean;
  wrap?: 'wrap' | 'truncate-end';
  children?: ReactNode;
}) {
  const color = useContext(ColorContext);
  return (
    <Text {...(color ? COLORS[props.tone] : {})} bold={props.bold} inverse={props.inverse} wrap={props.wrap}>
      {props.children}
    </Text>
  );
}
