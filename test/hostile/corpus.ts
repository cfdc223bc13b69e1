/**
 * The hostile-input corpus: generated cases of flags, --set expressions, -f files and output
 * paths, each with the exit code it must give and a word its message must hold. Every case runs
 * the CLI's main in-process (no cluster, no helm) in a fresh folder, with a planted password in
 * its input, and must not crash ("Internal error"), leave files a failed run should not write, or
 * print the password. test/hostile/corpus.test.ts runs a few hundred; scripts/corpus.mjs more.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main.js';
import { nonInteractivePrompter } from '../../src/io/prompter.js';
import type { Io } from '../../src/io/system.js';

export const PLANTED = 'Pl4nted-C0rpus-Secret';
export const PLANTED_NUM = '77331199';

export interface Case {
  name: string;
  argv: string[];
  files?: Record<string, string>;
  exit: number;
  /** A word the output (stdout + stderr) must hold. */
  word: RegExp;
  /** Files the run may add to its folder (only on success). */
  writes?: string[];
}

/** A small deterministic PRNG, so a seed names a corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const PRESETS = ['minikube', 'gke', 'eks', 'kubespray'];
const BAD_KEYS = [
  '__proto__.user',
  'constructor',
  'toString',
  'hasOwnProperty',
  'securityContext.__proto__',
  'ingress.constructor.x',
  'bogus',
  'ingress.hostname',
  'persistence.logs.hostpath',
];
const BAD_SET_SYNTAX = ['a..b=1', 'nokey', '=1', 'a[x]=1', 'a[0=1', '[0].a=1', 'a.=1', 'a[99999999]=1'];
const BAD_TYPES = ['rbac.enabled=maybe', 'securityContext.runAsUser=abc', 'ingress.enabled=1', 'timezone=1'];
const BAD_FILES: [string, string, RegExp][] = [
  ['not yaml', 'a: [1, 2\n', /not valid YAML/],
  ['a list', '- a\n- b\n', /map of chart values/],
  ['a scalar', 'hello\n', /map of chart values/],
  ['tls null', 'ingress:\n  tls: [null]\n', /empty entry/],
  ['tolerations null', 'tolerations: [null]\n', /empty entry/],
  ['proto', '__proto__:\n  runAsUser: 0\n', /not a key/],
  ['constructor', 'constructor: 1\n', /not a key/],
  ['numeric password', `user:\n  password: ${PLANTED_NUM}\n`, /expected string/],
  ['password and a bad key', `user:\n  password: ${PLANTED}\n  bogus: 1\n`, /not a key/],
  ['self alias', 'ingress: &x\n  annotations:\n    y: *x\n', /contains it/],
];
const BAD_OUTPUTS: [string, RegExp][] = [
  ['adir', /is a directory/],
  ['.', /not a file name/],
  ['', /not a file name/],
  ['afile/config.yaml', /goes through a file/],
  ['loop', /symbolic link loop/],
  ['fifo', /FIFO/],
  ['x'.repeat(300), /too long/],
];
const BAD_RELEASES = ['--foo', '-x', 'UPPER', 'a_b', 'a'.repeat(54), '', 'a.', '-'];
const BAD_FLAGS: [string[], RegExp][] = [
  [['--bogus'], /Unknown flag/],
  [['--timeout', 'soon'], /not a duration/],
  [['--revision', '0'], /not a revision/],
  [['--set'], /needs a value/],
  [['nosuchcommand'], /Unknown command/],
];

function bomb(levels: number): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let prev = 'a';
  for (const n of 'bcdefghijk'.slice(0, levels)) {
    lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
    prev = n;
  }
  return `${lines.join('\n')}\ningress:\n  annotations:\n    x: *${prev}\n`;
}

const base = (preset: string) => ['-p', preset, '-y', '--no-install'];

export function generateCases(count: number, seed = 15): Case[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const makers: (() => Case)[] = [
    () => {
      const k = pick(BAD_KEYS);
      return {
        name: `--set password with unknown key ${k}`,
        argv: [...base(pick(PRESETS)), '--set', `user.password=${PLANTED},${k}=1`],
        exit: 3,
        word: /not a key/,
      };
    },
    () => {
      const s = pick(BAD_SET_SYNTAX);
      return {
        name: `--set password with bad syntax ${s}`,
        argv: [...base(pick(PRESETS)), '--set', `user.password=${PLANTED},${s}`],
        exit: 3,
        word: /--set/,
      };
    },
    () => ({
      name: 'numeric password through --set',
      argv: [...base(pick(PRESETS)), '--set', `user.password=${PLANTED_NUM}`],
      exit: 3,
      word: /expected string/,
    }),
    () => {
      const t = pick(BAD_TYPES);
      return {
        name: `--set type error ${t}`,
        argv: [...base(pick(PRESETS)), '--set-string', `user.password=${PLANTED}`, '--set', t],
        exit: 3,
        word: /expected|not allowed|invalid|is not/,
      };
    },
    () => {
      const [what, text, word] = pick(BAD_FILES);
      return {
        name: `-f ${what}`,
        argv: [...base(pick(PRESETS)), '-f', 'v.yaml', '--set-string', `user.password=${PLANTED}`],
        files: { 'v.yaml': text },
        exit: 3,
        word,
      };
    },
    () => {
      const [what, text, word] = pick(BAD_FILES);
      return { name: `validate ${what}`, argv: ['validate', 'v.yaml'], files: { 'v.yaml': text }, exit: 3, word };
    },
    () => {
      const levels = 6 + Math.floor(r() * 4);
      return {
        name: `alias bomb of ${levels} levels`,
        argv: [...base('minikube'), '-f', 'bomb.yaml'],
        files: { 'bomb.yaml': bomb(levels) },
        exit: 3,
        word: /expands to more than/,
      };
    },
    () => {
      const [o, word] = pick(BAD_OUTPUTS);
      return {
        name: `-o ${o.slice(0, 20)}`,
        argv: [...base(pick(PRESETS)), '--set-string', `user.password=${PLANTED}`, '-o', o],
        exit: 2,
        word,
      };
    },
    () => {
      const rel = pick(BAD_RELEASES);
      return {
        name: `--release ${rel.slice(0, 20)}`,
        argv: [...base('minikube'), `--release=${rel}`],
        exit: 2,
        word: /release/,
      };
    },
    () => {
      const [flags, word] = pick(BAD_FLAGS);
      return { name: `flags ${flags.join(' ')}`, argv: flags, exit: 2, word };
    },
    () => {
      const list = pick(['tolerations', 'resourcesDaemon.tolerations']);
      const i = 1 + Math.floor(r() * 3);
      return {
        name: `--set ${list}[${i}] pads with null`,
        argv: [...base(pick(PRESETS)), '--set', `${list}[${i}].key=a`],
        exit: 3,
        word: /empty entry/,
      };
    },
    () => {
      const depth = 65 + Math.floor(r() * 3000);
      return {
        name: `--set nested ${depth} deep`,
        argv: [...base('minikube'), '--set', `${'a.'.repeat(depth)}b=1`],
        exit: 3,
        word: /nested deeper/,
      };
    },
    () => {
      const p = pick(PRESETS);
      return {
        name: `valid: preset ${p} with a password`,
        argv: [...base(p), '--set-string', `user.password=${PLANTED}`, '--set', 'ingress.annotations.a=b'],
        exit: 0,
        word: /Wrote config\.yaml/,
        writes: ['config.yaml'],
      };
    },
  ];
  return Array.from({ length: count }, (_, i) => {
    const c = makers[i % makers.length]();
    return { ...c, name: `#${i} ${c.name}` };
  });
}

/** The folder every case starts in: a directory, a file, a symlink loop and a FIFO to aim at. */
function scene(): string {
  const dir = mkdtempSync(join(tmpdir(), 'polyaxon-corpus-'));
  mkdirSync(join(dir, 'adir'));
  writeFileSync(join(dir, 'afile'), 'x');
  symlinkSync('loop', join(dir, 'loop'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  return dir;
}

export interface Outcome {
  exitCode: number;
  output: string;
  problems: string[];
}

export async function runCase(c: Case): Promise<Outcome> {
  const dir = scene();
  try {
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
    const before = new Set(readdirSync(dir));
    let output = '';
    const io: Io = {
      out: (t) => void (output += `${t}\n`),
      err: (t) => void (output += `${t}\n`),
      env: { CI: 'true', NO_COLOR: '1', HOME: dir, KUBECONFIG: join(dir, 'no-kubeconfig') },
      cwd: dir,
      exec: async (file) => {
        throw new Error(`the corpus runs nothing, yet ${file} was started`);
      },
      now: () => new Date('2026-01-01T00:00:00Z'),
      color: false,
    };
    const exitCode = await main(c.argv, { io, stdinIsTTY: false, stdoutIsTTY: false, prompt: nonInteractivePrompter });
    const problems: string[] = [];
    if (exitCode !== c.exit) problems.push(`exit ${exitCode}, expected ${c.exit}`);
    if (!c.word.test(output)) problems.push(`no ${c.word} in the output`);
    if (/Internal error/.test(output)) problems.push('crashed (Internal error)');
    if (output.includes(PLANTED) || output.includes(PLANTED_NUM)) problems.push('printed the planted secret');
    const allowed = new Set(exitCode === 0 ? (c.writes ?? []) : []);
    const stray = readdirSync(dir).filter((n) => !before.has(n) && !allowed.has(n));
    if (stray.length) problems.push(`left files: ${stray.join(', ')}`);
    return { exitCode, output, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
