/** Driving the wizard to an existing PostgreSQL, for the wizard and chart tests of the Database step. */
import assert from 'node:assert/strict';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { leafPaths, mergeValues } from '../../src/model/merge.js';
import type { Values } from '../../src/model/values.js';
import { createFlow, type Flow, type FlowState } from '../../src/wizard/flow.js';
import { STEPS } from '../../steps/index.js';
import type { Answer } from '../../steps/types.js';
import { PASSWORD } from './fixtures.js';

export const PG_PASSWORD = 'planted-PG-secret-42';

export function flowOf(
  chartVersion: string,
  opts: { own?: Record<string, unknown>; resumed?: string[]; initial?: Values } = {},
): Flow {
  return createFlow({
    steps: STEPS,
    initial: mergeValues(SPEC_DEFAULTS, opts.initial ?? {}),
    answered: new Set(leafPaths(opts.own ?? {})),
    own: opts.own,
    meta: { release: 'polyaxon', namespace: 'polyaxon', chartVersion },
    mode: 'install',
    generated: { password: PASSWORD },
    resumed: opts.resumed ? new Set(opts.resumed) : undefined,
  });
}

export function where(flow: Flow, s: FlowState): string {
  const v = flow.view(s);
  return v.kind === 'review' ? 'review' : `${v.step.id}/${v.field.id}`;
}

export function answer(flow: Flow, s: FlowState, value?: Answer): FlowState {
  const v = flow.view(s);
  assert.equal(v.kind, 'step');
  if (v.kind !== 'step') return s;
  return flow.reduce(s, { type: 'answer', step: v.step.id, field: v.field.id, value: value ?? v.initial });
}

export function enterUntil(flow: Flow, s: FlowState, target: string): FlowState {
  for (let i = 0; i < 200 && where(flow, s) !== target; i++) s = answer(flow, s);
  assert.equal(where(flow, s), target);
  return s;
}

/** Enter everywhere, except an existing PostgreSQL at db.example.com:6543. */
export function chooseExisting(chartVersion: string): { flow: Flow; state: FlowState } {
  const flow = flowOf(chartVersion);
  let s = enterUntil(flow, flow.initialState(), 'database/postgres');
  s = answer(flow, s, 'external');
  assert.equal(where(flow, s), 'database/host');
  s = answer(flow, s, 'db.example.com');
  s = answer(flow, s, '6543');
  s = answer(flow, s, 'px');
  s = answer(flow, s, 'pxdb');
  s = answer(flow, s, PG_PASSWORD);
  return { flow, state: enterUntil(flow, s, 'review') };
}
