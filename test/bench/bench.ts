/**
 * `npm run bench`: every speed figure of issue 14 as a ratio measured in the same run, in
 * interleaved pairs after a warm-up, median and range; once without NODE_EXTRA_CA_CERTS (the
 * project's own cost) and once with it, if the environment sets it (what users of such machines
 * see). Not timed tests: those would flake on a busy machine.
 *
 *   npm run bench                       all of it
 *   BENCH_PAIRS=9 BENCH_CLI=other/bin/cli.js node dist/test/bench/bench.js
 *   node dist/test/bench/bench.js scale  the probe at scale only
 *   node dist/test/bench/bench.js npx    the first npx run after install only
 */
import { join, resolve } from 'node:path';
import { fakeCluster } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { cliPath, tempDir } from '../support/run-cli.js';
import { benchDoctor, HANG_TIMEOUT_MS } from './doctor-bench.js';
import { benchFirstFrame } from './first-frame-bench.js';
import { benchNpx } from './npx-bench.js';
import { msLine, ratioLine, type PairOptions } from './pairs.js';
import { benchProbe } from './probe-bench.js';
import { benchStartup } from './startup-bench.js';

const cli = resolve(process.env.BENCH_CLI ?? cliPath);
const opts: PairOptions = { pairs: Number(process.env.BENCH_PAIRS ?? 7), warmup: 1 };
const only = process.argv[2];
const ca = process.env.NODE_EXTRA_CA_CERTS;
const variants: [string, Record<string, string>][] = [['without NODE_EXTRA_CA_CERTS', {}]];
if (ca) variants.push([`with NODE_EXTRA_CA_CERTS=${ca}`, { NODE_EXTRA_CA_CERTS: ca }]);

if (!only || only === 'speed') {
  console.log(
    `# ${cli}, ${opts.pairs} interleaved pairs after ${opts.warmup} warm-up; ratio median (range), then both medians`,
  );
  const cluster = await fakeCluster(SCENARIOS.kubespray);
  try {
    for (const [title, extra] of variants) {
      console.log(`## ${title}`);
      const cwd = tempDir();
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...extra };
      const s = await benchStartup(cli, cwd, { ...env, KUBECONFIG: join(cwd, 'none') }, opts);
      console.log(ratioLine('--help / node -e 0', s.help));
      console.log(ratioLine('--version / node -e 0', s.version));
      console.log(ratioLine('--preset minikube --yes --no-install / node -e 0', s.preset, 1.5));
      const f = await benchFirstFrame(cli, cwd, { ...env, KUBECONFIG: cluster.kubeconfig }, opts);
      console.log(ratioLine("first frame on a TTY / node -e 'console.log(1)'", f.firstFrame, 2));
      console.log(msLine('a key right after the first frame, until it shows', f.keyMs, 50));
      const d = await benchDoctor(cli, cwd, env, opts);
      console.log(ratioLine('doctor / helm list, in-memory cluster', d.doctor, 3));
      const goal = (HANG_TIMEOUT_MS + 300) / HANG_TIMEOUT_MS;
      console.log(
        `${`doctor, server never answers / --timeout ${HANG_TIMEOUT_MS / 1000}s`.padEnd(58)} ${`${d.hang.median.toFixed(2)}× (${d.hang.min.toFixed(2)}–${d.hang.max.toFixed(2)}×)`.padEnd(22)} ${d.hangMs.median.toFixed(0)} ms${d.hang.median <= goal ? `  goal ≤ timeout + 0.3 s met` : '  goal ≤ timeout + 0.3 s NOT met'}`,
      );
    }
  } finally {
    await cluster.cluster.close();
  }
}

if (!only || only === 'npx') {
  console.log('# the published package, installed by npx into an empty cache (offline)');
  const cwd = tempDir();
  const n = await benchNpx({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd }, 5);
  console.log(msLine('first npx polyaxon-setup --version after install', n.firstVersion, 2000));
  console.log(`${'packages npx installed'.padEnd(58)} ${n.packages}`);
}

if (!only || only === 'scale') {
  console.log('# cluster probe at scale');
  for (const l of await benchProbe())
    console.log(`${l.name.padEnd(58)} ${l.value.toFixed(l.unit === 'x' ? 2 : 1).padStart(10)} ${l.unit}`);
}
