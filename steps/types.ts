/**
 * The contract between the wizard and its steps. A step is data plus pure functions: which
 * questions to ask given what is known so far, and the change the answers make to the values.
 * Steps never render and never do I/O, so the Ink screens, the line prompts and the tests all
 * drive the same modules.
 */
import type { Values } from '../src/model/values.js';
import type { ClusterFacts } from './facts.js';

export type Answer = string | boolean;
export type Answers = Record<string, Answer>;

/** Values that are not chart values: where and what helm installs. */
export interface Meta {
  release: string;
  namespace: string;
  /** Empty: whatever the chart repository serves (no --version). */
  chartVersion: string;
}

export interface StepContext {
  /** The values before this step: defaults, preset/-f/--set, probe suggestions, earlier steps. */
  values: Values;
  /** What the cluster probe found; undefined while it runs or when there is no cluster to ask. */
  facts?: ClusterFacts;
  /** This step's answers to the fields before the one being asked. */
  answers: Answers;
  meta: Meta;
  mode: 'install' | 'upgrade';
  /**
   * The chart line's own keys so far (`postgresql.enabled`, `externalServices`), under the line's
   * names: what -f/--set gave, then earlier steps' `own`.
   */
  own?: Record<string, unknown>;
  /** Made once per run, so every render offers the same generated password. */
  generated: { password: string };
}

export interface Choice {
  value: string;
  label: string;
  /** Shown dimmed after the label. */
  hint?: string;
}

interface FieldCommon {
  /** Unique within the step; the key of its answer. */
  id: string;
  label: string;
  /** One or two lines under the question: what the chart does with it. */
  help?: string;
  /** Why the default is what it is (usually what the probe found). */
  hint?: string;
  /**
   * Dotted value paths this field answers: when preset/-f/--set gives any of them, the field is
   * not asked (its default already holds the given value) unless the person goes back to it.
   */
  givenBy?: string[];
}

export interface TextField extends FieldCommon {
  kind: 'text';
  default: string;
  /** The problem in words, or undefined when the text is acceptable. */
  validate?: (text: string) => string | undefined;
}

/** Typed without echo; there is no default to show. */
export interface SecretField extends FieldCommon {
  kind: 'secret';
  validate?: (text: string) => string | undefined;
}

export interface SelectField extends FieldCommon {
  kind: 'select';
  default: string;
  choices: Choice[];
}

export interface ConfirmField extends FieldCommon {
  kind: 'confirm';
  default: boolean;
}

export type Field = TextField | SecretField | SelectField | ConfirmField;

export interface Step {
  id: string;
  title: string;
  /** True when preset/-f/--set already gave this step's answers (dotted leaf paths). */
  isAnswered(answered: ReadonlySet<string>, values: Values): boolean;
  /** A reason when the step does not apply at all (e.g. no GPU in the cluster, or a chart line without it). */
  skip?(facts: ClusterFacts | undefined, values: Values, meta: Meta): string | undefined;
  /**
   * Every field to ask, given the answers so far. A field may depend only on the answers of the
   * fields before it: the runner relies on that to go back and forth within a step.
   */
  fields(ctx: StepContext): Field[];
  /** The change to the values (merged with helm's rules: a null removes what is below it). */
  apply(ctx: StepContext): Values;
  /**
   * Keys only the chart line reads (no spec name), under the line's names: written beside the
   * values as -f/--set's own keys are (merged with helm's rules over them).
   */
  own?(ctx: StepContext): Record<string, unknown>;
  /** Release, namespace or chart version chosen in this step. */
  meta?(ctx: StepContext): Partial<Meta>;
  /** Lines for after the install (e.g. how to reach the dashboard). */
  notes?(ctx: StepContext): string[];
}

export function defaultAnswer(field: Field): Answer {
  if (field.kind === 'secret') return '';
  return field.default;
}

/** An answer as the person sees it once given; secrets never appear. */
export function displayAnswer(field: Field, answer: Answer | undefined): string {
  if (answer === undefined) return '';
  switch (field.kind) {
    case 'secret':
      return '********';
    case 'confirm':
      return answer ? 'yes' : 'no';
    case 'select':
      return field.choices.find((c) => c.value === answer)?.label ?? String(answer);
    case 'text':
      return answer === '' ? '(none)' : String(answer);
  }
}
