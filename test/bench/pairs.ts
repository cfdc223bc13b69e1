/**
 * Measuring on a busy, shared machine: two commands are run in interleaved pairs (the order
 * alternating, so a drift in load falls on both), after warm-up runs that are thrown away, and
 * each pair gives one ratio. The median ratio and its range are the result: absolute times on
 * this machine say more about the other sessions than about the code.
 */

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export interface PairResult {
  a: Stats;
  b: Stats;
  /** a / b, per pair. */
  ratio: Stats;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: mid, min: s[0], max: s[s.length - 1] };
}

export interface PairOptions {
  pairs?: number;
  warmup?: number;
}

/** `a` and `b` each return one measurement (ms); run in `pairs` interleaved pairs after `warmup`. */
export async function interleaved(
  a: () => Promise<number>,
  b: () => Promise<number>,
  { pairs = 7, warmup = 1 }: PairOptions = {},
): Promise<PairResult> {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = -warmup; i < pairs; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = await a();
      y = await b();
    } else {
      y = await b();
      x = await a();
    }
    if (i < 0) continue;
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { a: stats(as), b: stats(bs), ratio: stats(ratios) };
}

/** Wall time of `f` in ms. */
export async function wall(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const range = (s: Stats, f: (x: number) => string) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

/** One line: the ratio's median and range, both medians, and the goal. */
export function ratioLine(name: string, r: PairResult, goal?: number): string {
  const met = goal === undefined ? '' : r.ratio.median <= goal ? `  goal ≤ ${goal}× met` : `  goal ≤ ${goal}× NOT met`;
  return `${name.padEnd(58)} ${range(r.ratio, (x) => `${x.toFixed(2)}×`).padEnd(22)} ${ms(r.a.median)} vs ${ms(r.b.median)}${met}`;
}

export function msLine(name: string, s: Stats, goalMs?: number): string {
  const met =
    goalMs === undefined ? '' : s.median <= goalMs ? `  goal ≤ ${goalMs} ms met` : `  goal ≤ ${goalMs} ms NOT met`;
  return `${name.padEnd(58)} ${range(s, ms).padEnd(22)}${met}`;
}
