/**
 * One set of rules: each rule's failing input is refused the same way by the wizard's step, by
 * `validate`, by a preset, and by the built CLI through -f and --set (nothing written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ConfigError } from '../../src/errors.js';
import { parsePreset } from '../../src/model/presets.js';
import { validateValues } from '../../src/model/validate.js';
import type { Values } from '../../src/model/values.js';
import { rootUserStep } from '../../steps/root-user.js';
import { volumesStep } from '../../steps/volumes.js';
import type { Answers, Field, Step } from '../../steps/types.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { answerStep } from '../wizard/step-helpers.js';

interface Rule {
  rule: string;
  /** The failing input as values, and as --set arguments. */
  values: Values;
  set: string[];
  /** The field the problem is reported on, and what it says. */
  field: string;
  message: RegExp;
  /** The wizard's question for it, reached with these answers, and the same input typed there. */
  step: Step;
  answers: Answers;
  fieldId: string;
  typed: string;
}

const RULES: Rule[] = [
  {
    rule: 'a bad email',
    values: { user: { email: 'not-an-email' } },
    set: ['user.email=not-an-email'],
    field: 'user.email',
    message: /"not-an-email" is not an email address/,
    step: rootUserStep,
    answers: {},
    fieldId: 'email',
    typed: 'not-an-email',
  },
  {
    rule: 'a short password',
    values: { user: { password: 'short' } },
    set: ['user.password=short'],
    field: 'user.password',
    message: /is 5 characters long, at least 8 needed/,
    step: rootUserStep,
    answers: { password: 'type', typed: 'long-enough-1', again: 'long-enough-1' },
    fieldId: 'typed',
    typed: 'short',
  },
  {
    rule: 'a relative hostPath',
    values: { persistence: { data: { mydata: { hostPath: 'relative/dir', mountPath: '/mnt/mydata' } } } },
    set: ['persistence.data.mydata.hostPath=relative/dir', 'persistence.data.mydata.mountPath=/mnt/mydata'],
    field: 'persistence.data.mydata.hostPath',
    message: /"relative\/dir" is not an absolute path/,
    step: volumesStep,
    answers: {
      'data.add.0': true,
      'data.new.0.name': 'mydata',
      'data.new.0.kind': 'host',
      'data.new.0.hostPath': '/mnt/x',
      'data.new.0.mountPath': '/mnt/mydata',
    },
    fieldId: 'data.new.0.hostPath',
    typed: 'relative/dir',
  },
  {
    rule: 'a bucket without its scheme',
    values: { persistence: { outputs: { store: { store: 's3', bucket: 'my-bucket', secret: 's', secretKey: 'k' } } } },
    set: [
      'persistence.outputs.store.store=s3',
      'persistence.outputs.store.bucket=my-bucket',
      'persistence.outputs.store.secret=s',
      'persistence.outputs.store.secretKey=k',
    ],
    field: 'persistence.outputs.store.bucket',
    message: /"my-bucket" does not start with s3:\/\//,
    step: volumesStep,
    answers: {
      'outputs.add.0': true,
      'outputs.new.0.name': 'store',
      'outputs.new.0.kind': 's3',
      'outputs.new.0.bucket': 's3://b',
      'outputs.new.0.secret': 's',
      'outputs.new.0.secretKey': 'k',
    },
    fieldId: 'outputs.new.0.bucket',
    typed: 'my-bucket',
  },
];

const fieldOf = (fields: Field[], id: string) => {
  const f = fields.find((x) => x.id === id);
  assert.ok(f, `no field ${id} among ${fields.map((x) => x.id).join(', ')}`);
  return f;
};

for (const r of RULES) {
  test(`${r.rule}: refused by the wizard, validate, a preset, -f and --set`, async () => {
    // The wizard's step.
    const f = fieldOf(answerStep(r.step, { answers: r.answers }).fields, r.fieldId);
    assert.ok(f.kind === 'text' || f.kind === 'secret');
    const inline = f.validate?.(r.typed);
    assert.ok(inline, `the wizard refuses ${r.typed}`);

    // The values model (what validate, -f, --set and presets all go through).
    const problems = validateValues(r.values).filter((p) => p.severity === 'error' && p.field === r.field);
    assert.equal(problems.length, 1, JSON.stringify(validateValues(r.values)));
    assert.match(problems[0].message, r.message);
    assert.match(inline, new RegExp(r.message.source.replace(/^"[^"]*" /, '')), 'the same words in the wizard');

    // A preset that sets it.
    assert.throws(
      () => parsePreset('bad', yaml.dump({ description: 'bad', values: r.values }), 'bad.yaml'),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.field === `preset bad: ${r.field}`),
    );

    // The built CLI: validate, -f and --set.
    const cwd = tempDir();
    const file = join(cwd, 'bad.yaml');
    writeFileSync(file, yaml.dump(r.values));
    const env = { HOME: cwd, KUBECONFIG: join(cwd, 'none') };
    const v = await runCli(['validate', file], { cwd, env });
    assert.equal(v.exitCode, 3, v.stderr);
    assert.match(v.stderr, r.message);
    for (const args of [['-f', file], r.set.flatMap((s) => ['--set', s])]) {
      const run = await runCli(['--yes', '--no-install', '--preset', 'minikube', ...args], { cwd, env });
      assert.notEqual(run.exitCode, 0, `${args.join(' ')}: ${run.stdout}`);
      assert.match(`${run.stdout}${run.stderr}`, r.message);
      assert.ok(!existsSync(join(cwd, 'config.yaml')), `${args[0]}: nothing written`);
    }
  });
}
