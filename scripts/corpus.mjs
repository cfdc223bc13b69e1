// The long run of the hostile-input corpus (test/hostile/corpus.ts): after `npm run build`,
//   node scripts/corpus.mjs [COUNT=3000] [SEED=random]
// runs COUNT generated cases in-process and lists every one that crashed, left a file, printed
// the planted secret, or gave another exit code or message than expected. Exit 1 if any did.
import { generateCases, runCase } from '../dist/test/hostile/corpus.js';

const count = Number(process.argv[2] ?? 3000);
const seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
const cases = generateCases(count, seed);
const t0 = Date.now();
let failed = 0;
for (const c of cases) {
  const o = await runCase(c);
  if (o.problems.length) {
    failed++;
    console.log(
      `✗ ${c.name}: ${o.problems.join('; ')}\n  argv: ${JSON.stringify(c.argv).slice(0, 300)}\n  ${o.output.split('\n').slice(0, 4).join('\n  ')}`,
    );
  }
}
console.log(`${cases.length} cases (seed ${seed}) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${failed} failed.`);
process.exit(failed ? 1 : 0);
