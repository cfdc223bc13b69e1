/**
 * The Ink root of the wizard: holds the flow's state, feeds it keys and the probe's answer, and
 * reports the end (confirmed, quit, or Ctrl-C) through callbacks. It owns stdin for the whole
 * session, so nothing else may read it while mounted.
 */
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { useInput } from 'ink';
import { ReviewScreen } from './ReviewScreen.js';
import { StepScreen } from './StepScreen.js';
import { ColorContext } from './theme.js';
import { startFacts, type FactsSource } from '../wizard/facts-source.js';
import type { Flow, FlowState } from '../wizard/flow.js';
import type { ReviewData } from '../wizard/review.js';

export interface WizardAppProps {
  title: string;
  flow: Flow;
  initialState: FlowState;
  facts: FactsSource;
  color: boolean;
  actionLabel: string;
  review: (state: FlowState) => ReviewData;
  /** After every finished step, so an interrupted run can resume. */
  onProgress: (state: FlowState) => void;
  onConfirm: (state: FlowState) => void;
  onQuit: (state: FlowState) => void;
  onCancel: (state: FlowState) => void;
  /** Aborted: end as if Ctrl-C was pressed (SIGINT from outside the terminal). */
  signal?: AbortSignal;
}

export function WizardApp(props: WizardAppProps) {
  const { flow } = props;
  const [state, dispatch] = useReducer(flow.reduce, props.initialState);
  const current = useRef(state);
  current.current = state;
  const ended = useRef(false);
  const end = (fn: (s: FlowState) => void) => {
    if (ended.current) return;
    ended.current = true;
    fn(current.current);
  };

  useEffect(() => {
    let live = true;
    startFacts(props.facts).then(
      (facts) => live && dispatch({ type: 'facts', facts }),
      (e: unknown) =>
        live &&
        dispatch({ type: 'facts', facts: undefined, note: e instanceof Error ? e.message.split('\n')[0] : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [props.facts]);

  useEffect(() => {
    const cancel = () => end(props.onCancel);
    if (props.signal?.aborted) cancel();
    props.signal?.addEventListener('abort', cancel);
    return () => props.signal?.removeEventListener('abort', cancel);
  }, [props.signal]);

  const doneCount = state.done.length;
  useEffect(() => {
    if (doneCount > 0) props.onProgress(current.current);
  }, [doneCount, state.at]);

  const view = flow.view(state);
  useInput((input, key) => {
    if (key.ctrl && input === 'c') end(props.onCancel);
    else if (key.escape && view.kind === 'step') dispatch({ type: 'back' });
    else if (key.ctrl && input === 'r' && view.kind === 'step') dispatch({ type: 'accept-rest' });
  });

  const probe = { state: state.probe, facts: state.facts, note: state.probeNote, waiting: Boolean(state.pending) };
  const data = useMemo(() => (view.kind === 'review' ? props.review(state) : undefined), [view.kind, state]);
  return (
    <ColorContext.Provider value={props.color}>
      {view.kind === 'step' ? (
        <StepScreen
          title={props.title}
          view={view}
          probe={probe}
          isActive={!ended.current}
          onAnswer={(value) =>
            dispatch({
              type: 'answer',
              step: view.step.id,
              field: view.field.id,
              value,
              defaulted: view.fromDefault && value === view.initial,
            })
          }
        />
      ) : (
        <ReviewScreen
          title={props.title}
          data={data!}
          steps={view.steps}
          probe={probe}
          actionLabel={props.actionLabel}
          isActive={!ended.current}
          onConfirm={() => end(props.onConfirm)}
          onQuit={() => end(props.onQuit)}
          onEdit={(step) => dispatch({ type: 'edit', step })}
          onBack={() => dispatch({ type: 'back' })}
        />
      )}
    </ColorContext.Provider>
  );
}
