/**
 * `npm run bench`: speed and memory targets as ratios measured in one run (not timed tests, which
 * would flake on a busy machine). Prints one line per measure.
 */
import { benchFirstFrame } from './first-frame-bench.js';
import { benchProbe } from './probe-bench.js';
import { benchStartup, type BenchLine } from './startup-bench.js';

const sections: [string, () => Promise<BenchLine[]>][] = [
  ['start-up', () => benchStartup()],
  ['first frame of the wizard', () => benchFirstFrame()],
  ['cluster probe at scale', () => benchProbe()],
];

for (const [title, run] of sections) {
  console.log(`# ${title}`);
  for (const l of await run())
    console.log(`${l.name.padEnd(60)} ${l.value.toFixed(l.unit === 'x' ? 2 : 1).padStart(10)} ${l.unit}`);
}
