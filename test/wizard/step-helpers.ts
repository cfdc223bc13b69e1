/** Answering one step without a terminal: given answers by field id, defaults for the rest. */
import assert from 'node:assert/strict';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { mergeValues } from '../../src/model/merge.js';
import type { Values } from '../../src/model/values.js';
import type { ClusterFacts } from '../../steps/facts.js';
import { defaultAnswer, type Answers, type Field, type Meta, type Step, type StepContext } from '../../steps/types.js';
import { PASSWORD } from './fixtures.js';

export interface Answered {
  fields: Field[];
  answers: Answers;
  change: Values;
  values: Values;
  notes: string[];
  meta?: Partial<Meta>;
}

export function answerStep(
  step: Step,
  opts: {
    values?: Values;
    facts?: ClusterFacts;
    answers?: Answers;
    mode?: 'install' | 'upgrade';
    meta?: Partial<Meta>;
  } = {},
): Answered {
  const base: Omit<StepContext, 'answers'> = {
    values: opts.values ?? SPEC_DEFAULTS,
    facts: opts.facts,
    meta: { release: 'polyaxon', namespace: 'polyaxon', chartVersion: '', ...opts.meta },
    mode: opts.mode ?? 'install',
    generated: { password: PASSWORD },
  };
  const answers: Answers = {};
  let fields = step.fields({ ...base, answers });
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const given = opts.answers?.[f.id];
    const a = given ?? defaultAnswer(f);
    if ((f.kind === 'text' || f.kind === 'secret') && given === undefined && f.kind === 'text') {
      // Enter on every question must be accepted: a default never fails its own validation.
      assert.equal(
        f.validate?.(String(a)),
        undefined,
        `default of ${step.id}.${f.id} (${JSON.stringify(a)}) fails validation`,
      );
    }
    answers[f.id] = a;
    fields = step.fields({ ...base, answers });
  }
  const ctx = { ...base, answers };
  const change = step.apply(ctx);
  return {
    fields,
    answers,
    change,
    values: mergeValues(base.values, change),
    notes: step.notes?.(ctx) ?? [],
    meta: step.meta?.(ctx),
  };
}

export function ids(fields: Field[]): string[] {
  return fields.map((f) => f.id);
}
