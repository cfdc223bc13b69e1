/** The hostile-input corpus (see corpus.ts): 0 crashes, 0 stray files, 0 secrets printed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCases, runCase } from './corpus.js';

const CASES = generateCases(Number(process.env.CORPUS_CASES ?? 312), Number(process.env.CORPUS_SEED ?? 15));

test(`the hostile-input corpus: ${CASES.length} cases, each its exit code and message, no crash, no stray file, no secret`, async () => {
  const failed: string[] = [];
  for (const c of CASES) {
    const o = await runCase(c);
    if (o.problems.length)
      failed.push(`${c.name}: ${o.problems.join('; ')}\n    ${o.output.split('\n').slice(0, 3).join('\n    ')}`);
  }
  assert.deepEqual(failed, [], `${failed.length} of ${CASES.length} cases failed:\n${failed.join('\n')}`);
});
