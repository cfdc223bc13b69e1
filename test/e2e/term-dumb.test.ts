/**
 * TERM=dumb on a real pseudo-terminal (util-linux `script` records every byte the CLI writes): the
 * wizard asks in plain numbered lines and never sends an escape code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import yaml from 'js-yaml';
import { cliPath, tempDir } from '../support/run-cli.js';

const hasScript =
  (await execa('script', ['--version'], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;

test(
  'TERM=dumb: Enter on every question writes config.yaml, with no escape code on the terminal',
  { skip: !hasScript && 'util-linux script is not installed' },
  async () => {
    const cwd = tempDir('polyaxon-dumb-');
    const command = [process.execPath, cliPath, '--no-install', '--kubeconfig', join(cwd, 'no-kubeconfig')]
      .map((a) => `'${a}'`)
      .join(' ');
    // Every Enter at once: the questions take the lines in turn, none is lost between them.
    const r = await execa('script', ['-qfec', command, '/dev/null'], {
      cwd,
      input: '\n'.repeat(80),
      env: { TERM: 'dumb', HOME: cwd, CI: '' },
      extendEnv: true,
      reject: false,
      timeout: 120_000,
    });
    const raw = `${r.stdout}${r.stderr}`;
    assert.ok(existsSync(join(cwd, 'config.yaml')), raw.slice(-2000));
    assert.doesNotMatch(raw, /\u001b/, 'no escape codes');
    assert.match(raw, /Choose 1-\d+ \[1\]: /);
    assert.match(raw, /The cluster could not be probed/);
    const config = yaml.load(readFileSync(join(cwd, 'config.yaml'), 'utf8')) as Record<string, unknown>;
    assert.equal(config.deploymentType, 'kubernetes');
  },
);
