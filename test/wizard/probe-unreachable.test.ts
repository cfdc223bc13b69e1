/** A cluster that cannot be probed is said on the first screen: what failed, what it means, how to retry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { wizardFacts } from '../../src/commands/support/wizard-facts.js';
import { runWizard } from '../../src/ui/wizard-session.js';
import { fakeCtx, fakeIo } from '../helm/support.js';
import { fakeTerminal, KEYS } from '../support/ink-harness.js';
import { tempDir } from '../support/run-cli.js';
import { at } from './drive.js';
import { wizardOptions } from './fixtures.js';

/** A loopback port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

test('a refused connection: the first screen says so, what the defaults are, and how to retry', async () => {
  const dir = tempDir('polyaxon-unreachable-');
  const kubeconfig = join(dir, 'kubeconfig');
  const server = `https://127.0.0.1:${await freePort()}`;
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: lab',
      'contexts: [{name: lab, context: {cluster: lab, user: lab}}]',
      `clusters: [{name: lab, cluster: {server: '${server}', insecure-skip-tls-verify: true}}]`,
      'users: [{name: lab, user: {token: abc}}]',
      '',
    ].join('\n'),
  );
  const ctx = fakeCtx(
    ['--kubeconfig', kubeconfig, '--timeout', '60s'],
    fakeIo(dir, async () => ({ exitCode: 0, stdout: '', stderr: '' })),
  );
  const facts = await wizardFacts(ctx);
  assert.match(facts.unreachable?.reason ?? '', /connection refused/);

  const t = fakeTerminal();
  const result = runWizard({
    ...wizardOptions({ facts: Promise.resolve(facts) }),
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: t.stderr,
  });
  await t.ready();
  await at(t, 'What kind of cluster is this?');
  const frame = (await t.waitFor('could not be probed')).replace(/\s+/g, ' ');
  assert.match(
    frame,
    /✗ The cluster could not be probed: Cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ .*connection refused/,
  );
  assert.match(frame, /defaults come from the preset and the chart/);
  assert.match(frame, /To retry: Ctrl-C \(the answers are kept\), then polyaxon-setup --resume/);
  assert.doesNotMatch(frame, /cluster \? \(\?\)/);
  await t.press(KEYS.CTRL_C);
  await assert.rejects(result, { name: 'CancelledError' });
});
