/**
 * The wizard as a pure state machine: where the person is (step, field), the answers kept for
 * every step, and everything derived from them (the values, the release, what to ask next). Both
 * the Ink screens and the line prompts drive it, and its tests need no terminal.
 *
 * Answers are kept per step even when the person goes back, so going forward again offers them as
 * defaults. A completed step's change is recomputed from its kept answers on every derivation, in
 * step order, so changing an early answer flows into the defaults of the later steps.
 */
import { escapeKey, isMap, mergeValues } from '../model/merge.js';
import type { Values } from '../model/values.js';
import {
  defaultAnswer,
  type Answer,
  type Answers,
  type Field,
  type Meta,
  type Step,
  type StepContext,
} from '../../steps/types.js';
import type { ClusterFacts } from '../../steps/facts.js';

export interface FlowConfig {
  steps: readonly Step[];
  /** Defaults, preset, -f and --set, merged. */
  initial: Values;
  /** Dotted leaf paths that preset/-f/--set gave: their steps are skipped unless gone back to. */
  answered: ReadonlySet<string>;
  /** Paths the probe's suggestions must not change (default: the answered ones); an upgrade adds what is deployed. */
  fixed?: ReadonlySet<string>;
  meta: Meta;
  mode: 'install' | 'upgrade';
  generated: { password: string };
  /** The chart line's own keys -f/--set gave (and a resumed run kept), under the line's names. */
  own?: Record<string, unknown>;
  /** Steps finished before an interruption (--resume): skipped like answered ones. */
  resumed?: ReadonlySet<string>;
}

export interface StepProgress {
  /** Index of the field being asked. */
  cursor: number;
  kept: Answers;
}

export interface FlowState {
  /** Index into the steps; steps.length is the review. */
  at: number;
  progress: Record<string, StepProgress>;
  done: string[];
  /** Steps the person went back to: never skipped again. */
  visited: string[];
  /** Set when a step was opened from the review: finishing it returns there. */
  returnToReview: boolean;
  facts?: ClusterFacts;
  probe: 'running' | 'done' | 'unavailable';
  /** Why the probe gave nothing, for the header. */
  probeNote?: string;
  /** A default accepted while the probe runs: taken once the probe has answered, if it is still the default. */
  pending?: AnswerAction | { type: 'accept-rest' };
}

type AnswerAction = Extract<FlowAction, { type: 'answer' }>;

export type FlowAction =
  /** Names the field it answers: a key that arrives after the screen moved on is dropped, not misapplied. */
  | { type: 'answer'; step: string; field: string; value: Answer; defaulted?: boolean }
  | { type: 'back' }
  /** Every remaining field takes its default, up to the review (or a field whose default is not valid). */
  | { type: 'accept-rest' }
  | { type: 'edit'; step: string }
  | { type: 'facts'; facts: ClusterFacts | undefined; note?: string };

export type StepStatus = 'done' | 'current' | 'todo' | 'answered' | 'not-applicable';

export interface StepSummary {
  id: string;
  title: string;
  status: StepStatus;
  reason?: string;
}

export interface StepView {
  kind: 'step';
  index: number;
  step: Step;
  field: Field;
  /** The answer to start from: the kept one, else the field's default. */
  initial: Answer;
  /** The initial answer is the field's default (which the probe's findings may still change), not a kept one. */
  fromDefault: boolean;
  /** The fields already answered in this step, for the screen. */
  previous: { field: Field; answer: Answer }[];
  steps: StepSummary[];
}

export interface ReviewView {
  kind: 'review';
  steps: StepSummary[];
}

export interface FlowResult {
  values: Values;
  meta: Meta;
  /** What to tell the person after the install (e.g. the port-forward command). */
  notes: string[];
  /** The chart line's own keys (given and chosen), under the line's names: written beside the values. */
  own: Record<string, unknown>;
}

interface Derived {
  before: Values[];
  metaBefore: Meta[];
  ownBefore: Record<string, unknown>[];
  values: Values;
  meta: Meta;
  notes: string[];
  own: Record<string, unknown>;
}

/** Guards against a step whose fields never stop growing. */
const MAX_FIELDS = 400;

/** The probe's suggestions, minus anything preset/-f/--set decided. */
export function suggestionLayer(suggested: Values | undefined, answered: ReadonlySet<string>): Values {
  const strip = (v: unknown, prefix: string): unknown => {
    if (!isMap(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prefix ? `${prefix}.${escapeKey(k)}` : escapeKey(k);
      if (answered.has(p)) continue;
      out[k] = strip(x, p);
    }
    return out;
  };
  return (strip(suggested ?? {}, '') ?? {}) as Values;
}

export function createFlow(config: FlowConfig) {
  const { steps } = config;
  const review = steps.length;

  function baseContext(
    state: FlowState,
    values: Values,
    meta: Meta,
    own: Record<string, unknown>,
  ): Omit<StepContext, 'answers'> {
    return { values, own, facts: state.facts, meta, mode: config.mode, generated: config.generated };
  }

  /** The fields of a step with the answers of its first `upto` fields (kept, else default). */
  function walk(
    step: Step,
    base: Omit<StepContext, 'answers'>,
    kept: Answers,
    upto = Infinity,
  ): { fields: Field[]; answers: Answers } {
    const answers: Answers = {};
    let fields = step.fields({ ...base, answers });
    for (let i = 0; i < Math.min(upto, fields.length) && i < MAX_FIELDS; i++) {
      const f = fields[i];
      answers[f.id] = kept[f.id] ?? defaultAnswer(f);
      fields = step.fields({ ...base, answers });
    }
    return { fields, answers };
  }

  function derive(state: FlowState): Derived {
    let values = mergeValues(config.initial, suggestionLayer(state.facts?.suggested, config.fixed ?? config.answered));
    let meta = { ...config.meta };
    const before: Values[] = [];
    const metaBefore: Meta[] = [];
    const ownBefore: Record<string, unknown>[] = [];
    let own = config.own ?? {};
    const notes: string[] = [];
    steps.forEach((step) => {
      before.push(values);
      metaBefore.push(meta);
      ownBefore.push(own);
      if (!state.done.includes(step.id)) return;
      const base = baseContext(state, values, meta, own);
      const { answers } = walk(step, base, state.progress[step.id]?.kept ?? {});
      const ctx = { ...base, answers };
      values = mergeValues(values, step.apply(ctx));
      if (step.own) own = mergeValues(own as Values, step.own(ctx) as Values) as Record<string, unknown>;
      meta = { ...meta, ...step.meta?.(ctx) };
      notes.push(...(step.notes?.(ctx) ?? []));
    });
    return { before, metaBefore, ownBefore, values, meta, notes, own };
  }

  function notApplicable(state: FlowState, d: Derived, i: number): string | undefined {
    return steps[i].skip?.(state.facts, d.before[i], d.metaBefore[i]);
  }

  function skipped(state: FlowState, d: Derived, i: number): boolean {
    if (notApplicable(state, d, i)) return true;
    const id = steps[i].id;
    if (state.visited.includes(id)) return false;
    return steps[i].isAnswered(config.answered, d.before[i]) || Boolean(config.resumed?.has(id));
  }

  function next(state: FlowState, from: number): number {
    const d = derive(state);
    for (let j = from + 1; j < steps.length; j++) if (!skipped(state, d, j)) return j;
    return review;
  }

  function previous(state: FlowState, from: number): number {
    const d = derive(state);
    for (let j = from - 1; j >= 0; j--) if (!notApplicable(state, d, j)) return j;
    return -1;
  }

  function progressOf(state: FlowState, id: string): StepProgress {
    return state.progress[id] ?? { cursor: 0, kept: {} };
  }

  function fieldsAt(state: FlowState, i: number, kept: Answers, upto: number) {
    const d = derive(state);
    return walk(steps[i], baseContext(state, d.before[i], d.metaBefore[i], d.ownBefore[i]), kept, upto);
  }

  function enter(state: FlowState, i: number, at: 'first' | 'last'): FlowState {
    if (i >= review) return { ...state, at: review, returnToReview: false };
    const id = steps[i].id;
    const p = progressOf(state, id);
    let cursor = 0;
    if (at === 'last' && state.done.includes(id))
      cursor = Math.max(0, fieldsAt(state, i, p.kept, Infinity).fields.length - 1);
    return { ...state, at: i, progress: { ...state.progress, [id]: { ...p, cursor } } };
  }

  function answer(state: FlowState, a: Extract<FlowAction, { type: 'answer' }>): FlowState {
    if (state.at >= review) return state;
    const step = steps[state.at];
    const p = progressOf(state, step.id);
    const { fields } = fieldsAt(state, state.at, p.kept, p.cursor);
    const cursor = Math.min(p.cursor, fields.length - 1);
    if (step.id !== a.step || fields[cursor].id !== a.field) return state;
    const kept = { ...p.kept, [a.field]: a.value };
    const after = fieldsAt(state, state.at, kept, cursor + 1).fields;
    const progress = { ...state.progress, [step.id]: { cursor: cursor + 1, kept } };
    if (cursor + 1 < after.length) return forward({ ...state, progress });
    const finished: FlowState = {
      ...state,
      progress,
      done: state.done.includes(step.id) ? state.done : [...state.done, step.id],
    };
    if (state.returnToReview) return { ...finished, at: review, returnToReview: false };
    return forward(enter(finished, next(finished, state.at), 'first'));
  }

  /** A field whose value preset/-f/--set gave is taken as given, in a step the person has not gone back to. */
  function forward(state: FlowState): FlowState {
    if (state.at >= review || state.visited.includes(steps[state.at].id)) return state;
    const v = view(state);
    if (v.kind !== 'step' || !v.fromDefault || !v.field.givenBy?.some((p) => givenPath(p))) return state;
    return answer(state, { type: 'answer', step: v.step.id, field: v.field.id, value: v.initial });
  }

  function givenPath(path: string): boolean {
    if (config.answered.has(path)) return true;
    for (const p of config.answered) if (p.startsWith(`${path}.`)) return true;
    return false;
  }

  function back(state: FlowState): FlowState {
    if (state.at < review) {
      const id = steps[state.at].id;
      const p = progressOf(state, id);
      if (p.cursor > 0) return { ...state, progress: { ...state.progress, [id]: { ...p, cursor: p.cursor - 1 } } };
    }
    const j = previous(state, state.at);
    if (j < 0) return state;
    const visited = state.visited.includes(steps[j].id) ? state.visited : [...state.visited, steps[j].id];
    return enter({ ...state, visited, returnToReview: false }, j, 'last');
  }

  /** Enter on every field from here to the review; stops where a default would not be accepted. */
  function acceptRest(state: FlowState): FlowState {
    let s = state;
    for (let i = 0; i < MAX_FIELDS * steps.length && s.at < review; i++) {
      const v = view(s);
      if (v.kind !== 'step') break;
      const f = v.field;
      if ((f.kind === 'text' || f.kind === 'secret') && f.validate?.(String(v.initial)) !== undefined) break;
      const next = answer(s, { type: 'answer', step: v.step.id, field: f.id, value: v.initial });
      if (next === s) break;
      s = next;
    }
    return s;
  }

  function reduce(state: FlowState, action: FlowAction): FlowState {
    switch (action.type) {
      case 'answer':
        // Enter on a default the probe may still change waits for the probe; a choice of one's own does not.
        if (action.defaulted && state.probe === 'running') return { ...state, pending: action };
        return answer({ ...state, pending: undefined }, action);
      case 'back':
        return back({ ...state, pending: undefined });
      case 'accept-rest':
        if (state.probe === 'running') return { ...state, pending: action };
        return acceptRest({ ...state, pending: undefined });
      case 'edit': {
        const i = steps.findIndex((s) => s.id === action.step);
        if (i < 0) return state;
        const visited = state.visited.includes(action.step) ? state.visited : [...state.visited, action.step];
        return { ...enter({ ...state, visited, pending: undefined }, i, 'first'), returnToReview: true };
      }
      case 'facts': {
        const probe = action.facts ? 'done' : 'unavailable';
        const next: FlowState = { ...state, facts: action.facts, probe, probeNote: action.note, pending: undefined };
        const p = state.pending;
        if (!p) return next;
        if (p.type === 'accept-rest') return acceptRest(next);
        // Taken only if the probe left that default as it was; otherwise the person sees the new one first.
        const v = view(next);
        const same = v.kind === 'step' && v.step.id === p.step && v.field.id === p.field && v.initial === p.value;
        return same ? answer(next, p) : next;
      }
    }
  }

  function initialState(facts?: ClusterFacts): FlowState {
    const s: FlowState = {
      at: -1,
      progress: {},
      done: [],
      visited: [],
      returnToReview: false,
      facts,
      probe: facts ? 'done' : 'running',
    };
    return forward(enter(s, next(s, -1), 'first'));
  }

  function summaries(state: FlowState): StepSummary[] {
    const d = derive(state);
    return steps.map((step, i): StepSummary => {
      const reason = notApplicable(state, d, i);
      if (i === state.at) return { id: step.id, title: step.title, status: 'current' };
      if (reason) return { id: step.id, title: step.title, status: 'not-applicable', reason };
      if (state.done.includes(step.id)) return { id: step.id, title: step.title, status: 'done' };
      if (skipped(state, d, i))
        return {
          id: step.id,
          title: step.title,
          status: 'answered',
          reason: config.resumed?.has(step.id) ? 'answered before' : 'given by preset or file',
        };
      return { id: step.id, title: step.title, status: 'todo' };
    });
  }

  function view(state: FlowState): StepView | ReviewView {
    if (state.at >= review) return { kind: 'review', steps: summaries(state) };
    const step = steps[state.at];
    const p = progressOf(state, step.id);
    const probe = fieldsAt(state, state.at, p.kept, p.cursor);
    const cursor = Math.min(p.cursor, probe.fields.length - 1);
    const { fields, answers } = cursor === p.cursor ? probe : fieldsAt(state, state.at, p.kept, cursor);
    const field = fields[cursor];
    return {
      kind: 'step',
      index: state.at,
      step,
      field,
      initial: p.kept[field.id] ?? defaultAnswer(field),
      fromDefault: p.kept[field.id] === undefined,
      previous: fields.slice(0, cursor).map((f) => ({ field: f, answer: answers[f.id] })),
      steps: summaries(state),
    };
  }

  function result(state: FlowState): FlowResult {
    const d = derive(state);
    return { values: d.values, meta: d.meta, notes: d.notes, own: d.own };
  }

  /** What a resumed run needs: the values so far and which steps are finished. */
  function snapshot(state: FlowState): {
    values: Values;
    own: Record<string, unknown>;
    done: string[];
    at?: string;
    meta: Meta;
  } {
    const r = result(state);
    return {
      values: r.values,
      own: r.own,
      meta: r.meta,
      done: [...new Set([...(config.resumed ?? []), ...state.done])],
      at: steps[state.at]?.id,
    };
  }

  return { reduce, initialState, view, result, snapshot, steps };
}

export type Flow = ReturnType<typeof createFlow>;
