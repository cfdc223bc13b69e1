import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { leafPaths, mergeValues } from '../../src/model/merge.js';
import type { Values } from '../../src/model/values.js';
import { createFlow, suggestionLayer, type Flow, type FlowState } from '../../src/wizard/flow.js';
import { STEPS } from '../../steps/index.js';
import type { Answer } from '../../steps/types.js';
import { gkeFacts, minikubeFacts, PASSWORD } from './fixtures.js';

function flowOf(layer: Values = {}, opts: { resumed?: string[]; chartVersion?: string } = {}): Flow {
  return createFlow({
    steps: STEPS,
    initial: mergeValues(SPEC_DEFAULTS, layer),
    answered: new Set(leafPaths(layer)),
    meta: { release: 'polyaxon', namespace: 'polyaxon', chartVersion: opts.chartVersion ?? '' },
    mode: 'install',
    generated: { password: PASSWORD },
    resumed: opts.resumed ? new Set(opts.resumed) : undefined,
  });
}

/** The step and field being asked. */
function where(flow: Flow, s: FlowState): string {
  const v = flow.view(s);
  return v.kind === 'review' ? 'review' : `${v.step.id}/${v.field.id}`;
}

function answer(flow: Flow, s: FlowState, value?: Answer): FlowState {
  const v = flow.view(s);
  assert.equal(v.kind, 'step');
  if (v.kind !== 'step') return s;
  return flow.reduce(s, { type: 'answer', step: v.step.id, field: v.field.id, value: value ?? v.initial });
}

function enterUntil(flow: Flow, s: FlowState, target: string): FlowState {
  for (let i = 0; i < 200 && where(flow, s) !== target; i++) s = answer(flow, s);
  assert.equal(where(flow, s), target);
  return s;
}

test('starts at the first question, and Enter all the way reaches the review', () => {
  const flow = flowOf();
  let s = flow.initialState();
  assert.equal(where(flow, s), 'deployment/deploymentType');
  s = enterUntil(flow, s, 'review');
  assert.deepEqual(s.done, [
    'deployment',
    'access',
    'dns',
    // No 'persistence' and no 'gpu': the newest line (2.x) keeps logs, repos and uploads in the
    // artifacts store (the volumes step's outputs) and reads no driver host paths.
    'volumes',
    'security',
    'root-user',
    // Every line reads postgresql.enabled and externalServices.postgresql.
    'database',
    'scheduling',
    'hosts',
  ]);
  assert.equal(flow.result(s).values.user?.password, PASSWORD);
});

test('steps a preset answered are skipped, and shown again when gone back to', () => {
  const flow = flowOf({
    deploymentType: 'minikube',
    namespace: 'polyaxon',
    serviceType: 'NodePort',
    ingress: { enabled: false },
  });
  let s = flow.initialState();
  assert.equal(where(flow, s), 'dns/mode');
  const steps = flow.view(s).steps;
  assert.deepEqual(
    steps.slice(0, 2).map((x) => x.status),
    ['answered', 'answered'],
  );
  s = flow.reduce(s, { type: 'back' });
  assert.equal(where(flow, s), 'access/mode');
  s = enterUntil(flow, s, 'dns/mode');
  // Visited now: going back again lands on its last question (NodePort's SSL), not past it.
  s = flow.reduce(s, { type: 'back' });
  assert.equal(where(flow, s), 'access/ssl');
});

test('back and forward keep the answers', () => {
  const flow = flowOf();
  let s = flow.initialState();
  s = answer(flow, s, 'microk8s');
  s = answer(flow, s, 'research');
  assert.equal(where(flow, s), 'deployment/release');
  s = flow.reduce(s, { type: 'back' });
  s = flow.reduce(s, { type: 'back' });
  const v = flow.view(s);
  assert.equal(v.kind === 'step' && v.initial, 'microk8s');
  s = answer(flow, s);
  const ns = flow.view(s);
  assert.equal(ns.kind === 'step' && `${ns.field.id}=${ns.initial}`, 'namespace=research');
});

test('going back from the first question of a step reopens the last question of the one before', () => {
  const flow = flowOf();
  let s = enterUntil(flow, flow.initialState(), 'dns/mode');
  s = flow.reduce(s, { type: 'back' });
  assert.equal(where(flow, s), 'access/annotations');
});

test('a key that arrives after the screen moved on is dropped, not applied to the next question', () => {
  const flow = flowOf();
  const s = flow.initialState();
  const stale = flow.reduce(answer(flow, s, 'minikube'), {
    type: 'answer',
    step: 'deployment',
    field: 'deploymentType',
    value: 'kubernetes',
  });
  assert.equal(where(flow, stale), 'deployment/namespace');
  assert.equal(stale.progress.deployment.kept.deploymentType, 'minikube');
});

test('an earlier answer flows into the defaults of later steps', () => {
  const flow = flowOf();
  let s = enterUntil(flow, flow.initialState(), 'access/hostName');
  s = answer(flow, s, 'px.acme.com');
  s = enterUntil(flow, s, 'hosts/hostName');
  const v = flow.view(s);
  assert.equal(v.kind === 'step' && v.initial, 'px.acme.com');
});

test('editing a step from the review returns to the review', () => {
  const flow = flowOf();
  let s = enterUntil(flow, flow.initialState(), 'review');
  s = flow.reduce(s, { type: 'edit', step: 'dns' });
  assert.equal(where(flow, s), 'dns/mode');
  s = answer(flow, s, 'coredns');
  s = answer(flow, s);
  assert.equal(where(flow, s), 'review');
  assert.equal(flow.result(s).values.dns?.backend, 'coredns');
});

test('the probe seeds defaults, but never over what preset/-f/--set gave', () => {
  assert.deepEqual(
    suggestionLayer({ serviceType: 'NodePort', ingress: { enabled: false, path: '/x' } }, new Set(['ingress.enabled'])),
    {
      serviceType: 'NodePort',
      ingress: { path: '/x' },
    },
  );
  const flow = flowOf({ serviceType: 'LoadBalancer' });
  let s = flow.reduce(flow.initialState(), { type: 'facts', facts: minikubeFacts() });
  const v = flow.view(s);
  assert.equal(v.kind === 'step' && v.initial, 'minikube');
  s = enterUntil(flow, s, 'review');
  assert.equal(flow.result(s).values.serviceType, 'LoadBalancer');
  assert.equal(flow.result(s).values.deploymentType, 'minikube');
});

test('on chart 0.6.x the GPU step is skipped when the probe found none, and asked on a GPU cluster', () => {
  const none = flowOf({}, { chartVersion: '0.6.1' });
  let s = none.reduce(none.initialState(), { type: 'facts', facts: minikubeFacts() });
  s = enterUntil(none, s, 'security/enabled');
  assert.ok(!s.done.includes('gpu'));
  const gpu = flowOf({}, { chartVersion: '0.6.1' });
  enterUntil(gpu, gpu.reduce(gpu.initialState(), { type: 'facts', facts: gkeFacts() }), 'gpu/enabled');
});

test('on chart 2.x a GPU cluster is not asked for driver paths; the step says why', () => {
  const flow = flowOf();
  let s = flow.reduce(flow.initialState(), { type: 'facts', facts: gkeFacts() });
  s = enterUntil(flow, s, 'review');
  assert.ok(!s.done.includes('gpu'));
  const v = flow.view(s);
  const gpu = v.kind === 'review' ? v.steps.find((x) => x.id === 'gpu') : undefined;
  assert.equal(gpu?.status, 'not-applicable');
  assert.match(gpu?.reason ?? '', /device plugin/);
  assert.equal(flow.result(s).values.dirs?.nvidia?.lib, undefined);
});

test('resumed steps are skipped and the release chosen before is kept', () => {
  const flow = flowOf({}, { resumed: ['deployment', 'access'] });
  assert.equal(where(flow, flow.initialState()), 'dns/mode');
});

test('notes: the port-forward command with the chosen release and namespace', () => {
  const flow = flowOf();
  let s = answer(flow, flow.initialState());
  s = answer(flow, s, 'ml');
  s = answer(flow, s, 'px');
  s = enterUntil(flow, s, 'access/mode');
  s = answer(flow, s, 'port-forward');
  const r = flow.result(s);
  assert.deepEqual(r.meta, { release: 'px', namespace: 'ml', chartVersion: '' });
  assert.ok(r.notes[0].includes('kubectl port-forward svc/px-polyaxon-api 31811:80 31812:1337 -n ml'));
});

test('Enter on a default while the probe runs waits for it; the default is taken if the probe leaves it, shown anew if not', () => {
  const flow = flowOf();
  const start = flow.initialState();
  assert.equal(start.probe, 'running');
  const enter = (s: FlowState) => {
    const v = flow.view(s);
    if (v.kind !== 'step') throw new Error('not a step');
    return flow.reduce(s, {
      type: 'answer',
      step: v.step.id,
      field: v.field.id,
      value: v.initial,
      defaulted: v.fromDefault,
    });
  };
  // The probe finds minikube: the default kubernetes was not the answer; the person sees minikube first.
  const held = enter(start);
  assert.equal(where(flow, held), 'deployment/deploymentType');
  assert.ok(held.pending);
  const moved = flow.reduce(held, { type: 'facts', facts: minikubeFacts() });
  assert.equal(where(flow, moved), 'deployment/deploymentType');
  const v = flow.view(moved);
  assert.equal(v.kind === 'step' && v.initial, 'minikube');
  assert.equal(moved.pending, undefined);
  // A probe that leaves the default as it was: the Enter counts.
  const kept = flow.reduce(enter(start), { type: 'facts', facts: { ...minikubeFacts(), suggested: {} } });
  assert.notEqual(where(flow, kept), 'deployment/deploymentType');
  // No facts at all (the probe failed): the default stands.
  assert.notEqual(
    where(flow, flow.reduce(enter(start), { type: 'facts', facts: undefined, note: 'refused' })),
    'deployment/deploymentType',
  );
  // A choice of one's own is taken at once.
  const typed = flow.reduce(start, { type: 'answer', step: 'deployment', field: 'deploymentType', value: 'microk8s' });
  assert.notEqual(where(flow, typed), 'deployment/deploymentType');
  assert.equal(typed.pending, undefined);
});

test('accept the rest: every remaining field takes its default, as Enter on each would, up to the review', () => {
  const flow = flowOf();
  const withFacts = flow.reduce(flow.initialState(), { type: 'facts', facts: minikubeFacts() });
  const rest = flow.reduce(withFacts, { type: 'accept-rest' });
  assert.equal(where(flow, rest), 'review');
  const byEnter = enterUntil(flow, withFacts, 'review');
  assert.deepEqual(flow.result(rest).values, flow.result(byEnter).values);
  // While the probe runs it waits for it, as a defaulted Enter does.
  const early = flow.reduce(flow.initialState(), { type: 'accept-rest' });
  assert.equal(where(flow, early), 'deployment/deploymentType');
  const later = flow.reduce(early, { type: 'facts', facts: minikubeFacts() });
  assert.equal(where(flow, later), 'review');
  assert.equal(flow.result(later).values.deploymentType, 'minikube');
});

test('accept the rest stops at a field whose default would not be accepted', () => {
  const flow = flowOf();
  let s = flow.reduce(flow.initialState(), { type: 'facts', facts: minikubeFacts() });
  s = enterUntil(flow, s, 'root-user/password');
  s = answer(flow, s, 'type');
  assert.equal(where(flow, s), 'root-user/typed');
  assert.equal(
    where(flow, flow.reduce(s, { type: 'accept-rest' })),
    'root-user/typed',
    'an empty password is not a default',
  );
});
