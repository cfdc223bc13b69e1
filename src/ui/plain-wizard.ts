/**
 * The same flow as the Ink screens, asked line by line through the Prompter (@inquirer/prompts on
 * a terminal): for TERM=dumb, --plain, screen readers and logs. Selects and yes/no questions have a
 * Back choice; any step can be reopened from the review.
 */
import { CancelledError } from '../errors.js';
import type { Prompter } from '../io/prompter.js';
import { displayAnswer, type Answer, type Field } from '../../steps/types.js';
import { unreachableLines, type ClusterFacts } from '../../steps/facts.js';
import { startFacts, type FactsSource } from '../wizard/facts-source.js';
import type { Flow, FlowState } from '../wizard/flow.js';
import type { ReviewData } from '../wizard/review.js';

const BACK = '__back';
const REST = '__accept_rest';
/**
 * Typed as the answer to a text question: accept the rest and go to the review (what Ctrl-R does on
 * the screens), said in every such question. No answer is lost to it: a backslash before it answers
 * it as typed (`\>>` is `>>`, `\\>>` is `\>>`).
 */
export const REST_ANSWER = '>>';
const REST_HINT = ` (${REST_ANSWER} accepts the rest)`;
const literal = (s: string) => (/^\\+>>$/.test(s.trim()) ? s.trim().slice(1) : s);
/** Flags that answer the wizard's questions without a terminal. */
const FLAGS = ['--preset NAME', '-f FILE', '--set key=value'];

export interface PlainOptions {
  flow: Flow;
  initialState: FlowState;
  facts: FactsSource;
  prompter: Prompter;
  out: (line: string) => void;
  review: (state: FlowState) => ReviewData;
  actionLabel: string;
  onProgress: (state: FlowState) => void;
}

/** How a session ended; `cancel` is Ctrl-C, with the state to save. */
export type Outcome = { kind: 'confirm' | 'quit' | 'cancel'; state: FlowState };

async function ask(
  p: Prompter,
  field: Field,
  initial: Answer,
  canGoBack: boolean,
): Promise<Answer | typeof BACK | typeof REST> {
  const back = [
    ...(canGoBack ? [{ value: BACK, name: '‹ Back' }] : []),
    { value: REST, name: '» Accept the rest and review' },
  ];
  switch (field.kind) {
    case 'text': {
      const rest = (v: string) => v.trim() === REST_ANSWER;
      const v = await p.input(`${field.label}${REST_HINT}`, {
        flags: FLAGS,
        default: String(initial),
        validate: (v) => (rest(v) ? undefined : field.validate?.(literal(v))),
      });
      return rest(v) ? REST : literal(v);
    }
    // A secret has no default to accept: "the rest" would stop at it again.

    case 'secret':
      return p.input(field.label, { flags: FLAGS, secret: true, validate: field.validate });
    case 'select': {
      const choices = [...field.choices.map((c) => ({ value: c.value, name: c.label, description: c.hint })), ...back];
      return p.select(field.label, choices, { flags: FLAGS, default: String(initial) });
    }
    case 'confirm': {
      const v = await p.select(field.label, [{ value: 'yes', name: 'Yes' }, { value: 'no', name: 'No' }, ...back], {
        flags: FLAGS,
        default: initial ? 'yes' : 'no',
      });
      return v === BACK || v === REST ? v : v === 'yes';
    }
  }
}

function printReview(out: (l: string) => void, d: ReviewData): void {
  const t = d.target;
  out('');
  out('== Review');
  out(
    `Target: context ${t.context ?? '(none probed)'}${t.server ? ` (${t.server})` : ''}, namespace ${t.namespace}, release ${t.release}, chart ${t.chartVersion || 'latest'}`,
  );
  if (d.diff) {
    if (d.over) out(`Release ${d.over.release} already exists: confirming upgrades it.`);
    out(`Chart: ${d.diff.chartFrom ?? '?'} → ${d.diff.chartTo ?? 'latest'}`);
    out('Changes to the deployed values:');
    for (const l of d.diff.lines.length ? d.diff.lines : ['(none)']) out(`  ${l}`);
  } else {
    out('config.yaml:');
    for (const l of d.yaml.trimEnd().split('\n')) out(`  ${l}`);
  }
  for (const p of d.problems)
    out(`${p.severity === 'error' ? '✗' : '!'} ${p.field}: ${p.message}${p.fix ? ` → ${p.fix}` : ''}`);
  for (const b of d.blockers) out(`✗ ${b}`);
  for (const w of d.warnings) out(`! ${w}`);
  if (d.helmCommand) out(`Will run: ${d.helmCommand}`);
  for (const n of d.notes) out(`After install: ${n}`);
}

export async function runPlain(o: PlainOptions): Promise<Outcome> {
  const state = { current: o.initialState };
  try {
    return await loop(o, state);
  } catch (e) {
    if (e instanceof CancelledError) return { kind: 'cancel', state: state.current };
    throw e;
  }
}

async function loop(o: PlainOptions, holder: { current: FlowState }): Promise<Outcome> {
  const { flow, prompter: p, out } = o;
  let state = holder.current;
  const set = (s: FlowState) => (holder.current = state = s);
  let arrived: { facts?: ClusterFacts; note?: string } | undefined;
  const probed = startFacts(o.facts).then(
    (facts) => (arrived = { facts }),
    (e: unknown) => (arrived = { note: e instanceof Error ? e.message.split('\n')[0] : String(e) }),
  );
  // Facts that are already known (a fast or cached probe) are in place before the first question;
  // slower ones never hold it up.
  await new Promise((r) => setImmediate(r));
  if (!arrived) out('Probing the cluster in the background; the defaults use what it finds.');
  let shownStep = '';
  for (;;) {
    if (arrived && state.probe === 'running') {
      set(flow.reduce(state, { type: 'facts', facts: arrived.facts, note: arrived.note }));
      const f = arrived.facts;
      if (f?.unreachable) for (const line of unreachableLines(f.unreachable)) out(line);
      else if (f)
        out(`Cluster: ${f.context ?? '?'} (${f.server ?? '?'})${f.distribution ? `, ${f.distribution}` : ''}`);
      else out(`No cluster facts${arrived.note ? `: ${arrived.note}` : ''}`);
    }
    const view = flow.view(state);
    if (view.kind === 'review') {
      shownStep = '';
      const data = o.review(state);
      printReview(out, data);
      const choices = [
        ...(data.errors ? [] : [{ value: 'confirm', name: data.actionLabel ?? o.actionLabel }]),
        { value: 'edit', name: 'Change a step…' },
        { value: BACK, name: '‹ Back' },
        {
          value: 'quit',
          name: data.mode === 'upgrade' ? 'Cancel: change nothing' : 'Quit without writing (answers are saved)',
        },
      ];
      const c = await p.select('What now?', choices, { flags: ['--yes'], default: choices[0].value });
      if (c === 'confirm' || c === 'quit') return { kind: c, state };
      if (c === BACK) set(flow.reduce(state, { type: 'back' }));
      else {
        const steps = view.steps.filter((s) => s.status !== 'not-applicable');
        const id = await p.select(
          'Which step?',
          steps.map((s) => ({ value: s.id, name: s.title })),
          { flags: FLAGS },
        );
        set(flow.reduce(state, { type: 'edit', step: id }));
      }
      continue;
    }
    if (view.step.id !== shownStep) {
      shownStep = view.step.id;
      out('');
      out(`== ${view.step.title}`);
      for (const prev of view.previous)
        out(
          `  ✔ ${prev.field.label}${prev.field.label.endsWith('?') ? '' : ':'} ${displayAnswer(prev.field, prev.answer)}`,
        );
    }
    const { field } = view;
    if (field.hint) out(`  ↳ ${field.hint}`);
    if (field.help) out(`  ${field.help}`);
    const at = state.at;
    const a = await ask(p, field, view.initial, view.index > 0 || view.previous.length > 0);
    const defaulted = view.fromDefault && a === view.initial;
    if (a === BACK) set(flow.reduce(state, { type: 'back' }));
    else if (a === REST) set(flow.reduce(state, { type: 'accept-rest' }));
    else set(flow.reduce(state, { type: 'answer', step: view.step.id, field: field.id, value: a, defaulted }));
    if (state.pending) {
      // The default may follow the probe: take it once the probe has answered, or ask again with the new one.
      out('  Waiting for the cluster probe: it may change this default…');
      await probed;
    }
    if (state.at !== at) o.onProgress(state);
  }
}
