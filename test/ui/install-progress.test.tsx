import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InstallProgress } from '../../src/ui/InstallProgress.js';
import { explainFailure as diagnose, type PodRow } from '../../src/wizard/failure.js';
import { startInstallProgress } from '../../src/ui/install-progress.js';
import { fakeTerminal, FakeStdout, renderInk } from '../support/ink-harness.js';

const PENDING_GPU: PodRow = {
  name: 'polyaxon-worker-7d9f',
  phase: 'Pending',
  ready: '0/1',
  reason: 'Unschedulable',
  message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
};
const RUNNING: PodRow = { name: 'polyaxon-api-5c6b', phase: 'Running', ready: '1/1' };

test('diagnose: a pod waiting for a GPU points at the GPU step', () => {
  const d = diagnose({
    pods: [RUNNING, PENDING_GPU],
    lines: [],
    error: 'timed out waiting for the condition',
    release: 'px',
    namespace: 'ml',
  });
  assert.equal(d.cause, 'polyaxon-worker-7d9f asks for a GPU and no node has one free.');
  assert.equal(d.step?.id, 'gpu');
  assert.equal(d.nextSteps[0], 'kubectl describe pod polyaxon-worker-7d9f -n ml');
  assert.ok(
    d.nextSteps.includes(
      'helm uninstall px -n ml --no-hooks   (to start over; the hooks of a broken release usually fail)',
    ),
  );
});

test('diagnose: helm messages and other pod states', () => {
  const busy = diagnose({
    pods: [],
    lines: ['Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress'],
    release: 'px',
    namespace: 'ml',
  });
  assert.match(busy.cause ?? '', /never finished/);
  assert.equal(busy.nextSteps[0], 'helm history px -n ml');
  const crash = diagnose({
    pods: [{ name: 'api', phase: 'Running', ready: '0/1', reason: 'CrashLoopBackOff', restarts: 4 }],
    lines: [],
    release: 'px',
    namespace: 'ml',
  });
  assert.equal(crash.nextSteps[0], 'kubectl logs api -n ml --previous');
  const claim = diagnose({
    pods: [{ name: 'api', phase: 'Pending', message: 'pod has unbound immediate PersistentVolumeClaims' }],
    lines: [],
    release: 'px',
    namespace: 'ml',
  });
  assert.equal(claim.step?.id, 'persistence');
});

test('InstallProgress: helm lines and pods while running; why and what next on failure', async () => {
  const props = {
    release: 'px',
    namespace: 'ml',
    action: 'install' as const,
    lines: ['NAME: px', 'STATUS: deployed'],
    pods: [RUNNING, PENDING_GPU],
  };
  const t = renderInk(<InstallProgress {...props} status="running" />);
  await t.ready();
  const running = t.lastFrame();
  assert.match(running, /helm install px \(namespace ml\): waiting for the pods/);
  assert.match(running, /STATUS: deployed/);
  assert.match(running, /✔ polyaxon-api-5c6b\s+Running\s+1\/1/);
  assert.match(running, /… polyaxon-worker-7d9f\s+Pending\s+0\/1\s+Unschedulable 0\/3 nodes are available/);
  const diagnosis = diagnose({ ...props, error: 'timed out' });
  t.rerender(<InstallProgress {...props} status="failed" error="timed out" diagnosis={diagnosis} />);
  const failed = await t.waitFor('Why:');
  assert.match(failed, /✗ helm install px \(namespace ml\) failed: timed out/);
  assert.match(failed, /Revisit the wizard's NVIDIA GPU step/);
  assert.match(failed, /Next:\n\s+kubectl describe pod polyaxon-worker-7d9f -n ml/);
});

test('startInstallProgress: the command pushes lines and pods; the screen follows until ready', async () => {
  const t = fakeTerminal();
  const p = await startInstallProgress({
    release: 'px',
    namespace: 'ml',
    plain: false,
    inkDebug: true,
    color: false,
    stdout: t.stdout,
    stderr: t.stderr,
    stdin: t.stdin,
  });
  p.line('Release "px" has been installed.\nNAME: px');
  p.pods([{ ...RUNNING, ready: '0/1', phase: 'Pending' }]);
  await t.waitFor(/… polyaxon-api-5c6b\s+Pending/);
  p.pods([RUNNING]);
  p.ready();
  const done = await t.waitFor('ready');
  assert.match(done, /✔ helm install px \(namespace ml\): ready/);
  assert.match(done, /NAME: px/);
  await p.stop();
});

test('startInstallProgress in line mode prints each change once', async () => {
  const out = new FakeStdout();
  const p = await startInstallProgress({
    release: 'px',
    namespace: 'ml',
    plain: true,
    stdout: out as unknown as NodeJS.WriteStream,
  });
  p.line('NAME: px');
  p.pods([PENDING_GPU]);
  p.pods([PENDING_GPU]);
  p.failed('timed out waiting for the condition');
  await p.stop();
  const text = out.frames.join('');
  assert.equal(text.match(/ {2}pod polyaxon-worker-7d9f:/g)?.length, 1);
  assert.match(text, / {2}helm: NAME: px/);
  assert.match(
    text,
    /✗ helm install px failed: timed out waiting for the condition\nWhy: polyaxon-worker-7d9f asks for a GPU/,
  );
});
