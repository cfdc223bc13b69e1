/**
 * Line mode (`--plain`, TERM=dumb) in a real pseudo-terminal: a text question offers what Ctrl-R does
 * on the screens, "accept the rest and go to the review", as a shortcut answer it names itself.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { cliPath, tempDir } from '../support/run-cli.js';
import { serveFakeCluster, type ServedCluster } from '../support/fake-cluster-process.js';
import { cliTerminal, hasTmux } from '../support/tmux.js';

describe(
  'line mode: accept the rest from a text question',
  { skip: !(await hasTmux()) && 'tmux is not installed' },
  () => {
    let served: ServedCluster;
    const terminal = cliTerminal(cliPath, () => served.kubeconfig);
    before(async () => {
      served = await serveFakeCluster(tempDir(), ['node-minikube.json']);
    });
    after(async () => {
      await terminal.close();
      await served?.stop();
    });

    for (const mode of ['--plain', 'TERM=dumb'] as const) {
      test(`${mode}: ">>" on a text question takes every remaining default and opens the review`, async () => {
        const cwd = tempDir();
        const args = ['--no-install', ...(mode === '--plain' ? ['--plain'] : [])];
        const env = mode === 'TERM=dumb' ? { TERM: 'dumb' } : undefined;
        const t = await terminal.open(cwd, args, { cols: 160, rows: 400, env });
        // The first question is a select: Enter takes its default once the probe answers; then the namespace.
        // (asked again when the probe changes it).
        await t.waitFor(/What kind of cluster is this\?/);
        const namespace = /Namespace \(>> accepts the rest\)/;
        for (let i = 0; i < 3 && !namespace.test(await t.screen()); i++) {
          const before = await t.screen();
          await t.press('Enter');
          // Polled until the screen changes (the answer echoed, the next question or the same asked again).
          for (const until = Date.now() + 5000; Date.now() < until && (await t.screen()) === before;)
            await new Promise((r) => setTimeout(r, 40));
        }
        const asked = await t.waitFor(namespace);
        assert.doesNotMatch(asked, /== Review/);
        await t.write('>>\r');
        const review = await t.waitFor(/What now\?/);
        assert.match(review, /== Review/);
        assert.doesNotMatch(review, /Root user name/, 'the rest was taken, not asked');
        await t.press('Enter');
        const last = await t.waitFor(/\[exit \d+\]/);
        assert.match(last, /\[exit 0\]/);
        assert.match(last, /Wrote config\.yaml/);
        const text = readFileSync(join(cwd, 'config.yaml'), 'utf8');
        assert.equal((load(text) as Record<string, unknown>).deploymentType, 'minikube');
        assert.doesNotMatch(text, />>/, 'the shortcut is never taken for an answer');
      });
    }
  },
);
