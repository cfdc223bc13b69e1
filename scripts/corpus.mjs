// The long run of the hostile-input corpus: after `npm run build`,
//   node scripts/corpus.mjs [COUNT=3000] [SEED=random] [--no-cluster]
// runs COUNT generated input cases in-process (test/hostile/corpus.ts), then every case of the
// cluster corpus (test/hostile/cluster-corpus.ts: each bad kubeconfig and misbehaving API server
// against doctor, --preset auto, and install, uninstall, rollback and upgrade with the real helm 3;
// a few minutes), and lists every one that crashed, left a file, printed the planted secret, ran
// past its bound, or gave another exit code or message than expected. Exit 1 if any did.
import { generateCases, runCase } from '../dist/test/hostile/corpus.js';
import { allCases, runClusterCase } from '../dist/test/hostile/cluster-corpus.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const withCluster = !process.argv.includes('--no-cluster');
const count = Number(positional[0] ?? 3000);
const seed = Number(positional[1] ?? Math.floor(Math.random() * 2 ** 31));
const show = (name, problems, argv, output) =>
  console.log(
    `✗ ${name}: ${problems.join('; ')}\n${argv ? `  argv: ${JSON.stringify(argv).slice(0, 300)}\n` : ''}  ${output.split('\n').slice(0, 4).join('\n  ')}`,
  );

const t0 = Date.now();
let failed = 0;
for (const c of generateCases(count, seed)) {
  const o = await runCase(c);
  if (o.problems.length) {
    failed++;
    show(c.name, o.problems, c.argv, o.output);
  }
}
console.log(`${count} input cases (seed ${seed}) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${failed} failed.`);

let clusterFailed = 0;
if (withCluster) {
  const t1 = Date.now();
  const cases = allCases();
  for (const c of cases) {
    const o = await runClusterCase(c);
    if (o.problems.length) {
      clusterFailed++;
      show(c.name, o.problems, undefined, o.output);
    }
  }
  console.log(`${cases.length} cluster cases in ${((Date.now() - t1) / 1000).toFixed(1)} s: ${clusterFailed} failed.`);
}
process.exit(failed + clusterFailed ? 1 : 0);
