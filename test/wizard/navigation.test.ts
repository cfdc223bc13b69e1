import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CancelledError, ExitCode, QuitError } from '../../src/errors.js';
import { fileJournal, readResume, RESUME_FILE } from '../../src/commands/support/resume.js';
import { runWizard, type WizardOptions } from '../../src/ui/wizard-session.js';
import { fakeTerminal, KEYS } from '../support/ink-harness.js';
import { at, choose, enterUntil, typeAnswer } from './drive.js';
import { minikubeFacts, wizardOptions } from './fixtures.js';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { mergeValues } from '../../src/model/merge.js';

function start(extra: Partial<WizardOptions> = {}) {
  const t = fakeTerminal();
  const opts = wizardOptions(extra);
  const result = runWizard({ ...opts, stdin: t.stdin, stdout: t.stdout, stderr: t.stderr });
  // Keeps an expected rejection from being reported before the test awaits it.
  result.catch(() => undefined);
  return { t, result, dir: opts.dir };
}

test('Esc goes back one question, and into the previous step, keeping the answers', async () => {
  const { t, result } = start();
  await t.ready();
  await choose(t, 'What kind of cluster is this?', 'microk8s: a single-node microk8s');
  await typeAnswer(t, 'Namespace', 'research');
  await at(t, 'Release name');
  await t.press(KEYS.ESC);
  await at(t, 'Namespace');
  assert.match(t.lastFrame(), /\? Namespace research/);
  await t.press(KEYS.ESC);
  await at(t, 'What kind of cluster is this?');
  assert.match(t.lastFrame(), /❯ microk8s/);
  await enterUntil(t, '? How will people reach Polyaxon?');
  await t.press(KEYS.ESC);
  await at(t, 'Polyaxon version pinned for polyaxon-cli (deploymentVersion)');
  assert.match(t.lastFrame(), /✔ Namespace: research/);
  await enterUntil(t, 'Review');
  await t.press(KEYS.ENTER);
  assert.equal((await result).values.namespace, 'research');
});

test('an invalid answer is refused beside the field, and the wizard stays on it', async () => {
  const { t, result } = start();
  await t.ready();
  await t.press(KEYS.ENTER);
  await typeAnswer(t, 'Namespace', 'Bad_NS');
  const frame = await t.waitFor('✗');
  assert.match(frame, /\? Namespace Bad_NS\s+✗ "Bad_NS" must be lower-case letters/);
  await t.type('x');
  await t.waitFor((f) => !f.includes('✗'));
  await typeAnswer(t, 'Namespace', 'good-ns');
  await at(t, 'Release name');
  await enterUntil(t, 'Review');
  await t.press(KEYS.ENTER);
  assert.equal((await result).namespace, 'good-ns');
});

test('Ctrl-C saves the answers (0600) and throws CancelledError; --resume continues there', async () => {
  const first = start();
  const { t } = first;
  await t.ready();
  await choose(t, 'What kind of cluster is this?', 'microk8s: a single-node microk8s');
  await typeAnswer(t, 'Namespace', 'ml');
  await enterUntil(t, '? How will people reach Polyaxon?');
  await choose(t, 'How will people reach Polyaxon?', 'Port-forward only');
  await at(t, "The cluster's DNS Service");
  await t.press(KEYS.CTRL_C);
  await assert.rejects(first.result, CancelledError);
  const file = join(first.dir, RESUME_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.match(t.errText(), /Answers saved to .*--resume/);
  const saved = await readResume(file);
  assert.deepEqual(saved?.done, ['deployment', 'access']);
  assert.equal(saved?.values.serviceType, 'ClusterIP');
  assert.equal(saved?.meta?.namespace, 'ml');

  const again = fakeTerminal();
  const resumed = runWizard({
    ...wizardOptions({ resume: saved, journal: fileJournal(file, () => new Date()) }),
    stdin: again.stdin,
    stdout: again.stdout,
    stderr: again.stderr,
  });
  await again.ready();
  await at(again, "The cluster's DNS Service");
  await enterUntil(again, 'Review');
  await again.press(KEYS.ENTER);
  const r = await resumed;
  assert.deepEqual([r.namespace, r.values.deploymentType, r.values.serviceType], ['ml', 'microk8s', 'ClusterIP']);
  assert.ok(!existsSync(file), 'a finished wizard leaves no answers file behind');
});

test('quitting on the review keeps the answers and declines', async () => {
  const { t, result, dir } = start();
  await t.ready();
  await enterUntil(t, 'Review');
  await choose(t, 'What now?', 'Quit without writing');
  await assert.rejects(result, (e: unknown) => {
    assert.ok(e instanceof QuitError);
    assert.equal(e.exitCode, ExitCode.Declined);
    assert.doesNotMatch(e.message, /not confirmed/);
    assert.match(
      e.hint ?? '',
      new RegExp(
        `answers are kept in .*${RESUME_FILE.replace('.', '\\.')}; continue with: npx polyaxon-setup --resume`,
      ),
    );
    return true;
  });
  assert.ok(existsSync(join(dir, RESUME_FILE)));
});

test('the review can reopen any step and comes back to the review', async () => {
  const { t, result } = start();
  await t.ready();
  await enterUntil(t, 'Review');
  await choose(t, 'What now?', 'Change a step…');
  await choose(t, 'Which step?', 'DNS');
  await choose(t, "The cluster's DNS Service", 'coredns');
  await t.press(KEYS.ENTER);
  const review = await t.waitFor('Review');
  assert.match(review, /❯ Write config\.yaml and install/);
  await t.press(KEYS.ENTER);
  assert.equal((await result).values.dns?.backend, 'coredns');
});

test('the review pages through a long config.yaml', async () => {
  const { t, result } = start();
  await t.ready();
  const first = await enterUntil(t, 'Review');
  assert.match(first, /lines 1–\d+ of \d+, PgUp\/PgDn to scroll/);
  await t.press(KEYS.PAGE_DOWN);
  assert.doesNotMatch(t.lastFrame(), /lines 1–/);
  await t.press(KEYS.PAGE_UP);
  assert.match(t.lastFrame(), /lines 1–/);
  await t.press(KEYS.ENTER);
  await result;
});

test('--resume: the saved answers win over what the probe suggests, and finished steps stay skipped', async () => {
  const saved = {
    values: mergeValues(SPEC_DEFAULTS, {
      deploymentType: 'microk8s',
      serviceType: 'ClusterIP',
      ingress: { enabled: false },
    }),
    done: ['deployment', 'access'],
    at: 'dns',
    meta: { release: 'polyaxon', namespace: 'ml', chartVersion: '' },
  };
  const t = fakeTerminal();
  const result = runWizard({
    ...wizardOptions({ resume: saved, facts: Promise.resolve(minikubeFacts()) }),
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  await t.ready();
  await at(t, "The cluster's DNS Service");
  const seen = await enterUntil(t, 'Review');
  assert.doesNotMatch(t.frames().join('\n'), /\? What kind of cluster is this\?|\? How will people reach Polyaxon\?/);
  assert.ok(seen.length > 0);
  await t.press(KEYS.ENTER);
  const r = await result;
  assert.deepEqual(
    [r.namespace, r.values.deploymentType, r.values.serviceType, r.values.ingress?.enabled],
    ['ml', 'microk8s', 'ClusterIP', false],
  );
});
