/**
 * Before/after of one lever: two builds of the bin (e.g. main's and a branch's dist/bin/cli.js) in
 * interleaved pairs, same machine, same minute. Prints after/before ratios, median and range.
 *
 *   node dist/test/bench/compare.js BEFORE/cli.js AFTER/cli.js [first-frame|preset|doctor ...]
 */
import { execa } from 'execa';
import { join, resolve } from 'node:path';
import { fakeCluster } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { tempDir } from '../support/run-cli.js';
import { untilShown, FIRST_QUESTION } from './first-frame-bench.js';
import { interleaved, ratioLine, wall, type PairOptions } from './pairs.js';

const [before, after] = process.argv.slice(2, 4).map((p) => resolve(p));
const which = process.argv.slice(4);
if (!before || !after) throw new Error('usage: compare.js BEFORE/cli.js AFTER/cli.js [first-frame|preset|doctor ...]');
const opts: PairOptions = { pairs: Number(process.env.BENCH_PAIRS ?? 7), warmup: 1 };
const want = (w: string) => which.length === 0 || which.includes(w);
const ca = process.env.NODE_EXTRA_CA_CERTS;
const cluster = await fakeCluster(SCENARIOS.kubespray);
try {
  for (const [title, extra] of [
    ['without NODE_EXTRA_CA_CERTS', {}],
    ...(ca ? [['with it', { NODE_EXTRA_CA_CERTS: ca }]] : []),
  ] as [string, Record<string, string>][]) {
    console.log(`## after / before, ${title}`);
    const cwd = tempDir();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, CI: 'true', ...extra };
    const run = (cli: string, args: string[], more: Record<string, string> = {}) =>
      wall(async () => {
        const r = await execa(process.execPath, [cli, ...args], {
          cwd,
          env: { ...env, ...more },
          extendEnv: false,
          reject: false,
          stdin: 'ignore',
        });
        // A build that fails fast would look fast.
        if (r.exitCode !== 0) throw new Error(`${cli} ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
      });
    if (want('first-frame')) {
      const tty = {
        PATH: env.PATH,
        HOME: cwd,
        TERM: 'xterm-256color',
        NO_COLOR: '1',
        KUBECONFIG: cluster.kubeconfig,
        ...extra,
      };
      const frame = async (cli: string) =>
        (await untilShown(`${process.execPath} ${cli} --no-install`, FIRST_QUESTION, cwd, tty)).ms;
      console.log(
        ratioLine(
          'first frame on a TTY',
          await interleaved(
            () => frame(after),
            () => frame(before),
            opts,
          ),
        ),
      );
    }
    if (want('preset')) {
      const args = ['--preset', 'minikube', '--yes', '--no-install'];
      const none = { KUBECONFIG: join(cwd, 'none') };
      console.log(
        ratioLine(
          '--preset minikube --yes --no-install',
          await interleaved(
            () => run(after, args, none),
            () => run(before, args, none),
            opts,
          ),
        ),
      );
    }
    if (want('doctor')) {
      const args = ['doctor', '--kubeconfig', cluster.kubeconfig];
      console.log(
        ratioLine(
          'doctor, in-memory cluster',
          await interleaved(
            () => run(after, args),
            () => run(before, args),
            opts,
          ),
        ),
      );
    }
  }
} finally {
  await cluster.cluster.close();
}
