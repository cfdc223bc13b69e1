/**
 * Helpers for the helm driver's tests: a recording fake Exec answering from a table (an unmatched
 * command throws, so nothing runs unnoticed), a CommandContext built from real flags, and the
 * environment that keeps the real helm's repositories and caches inside a test's own folder.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCliArgs } from '../../src/cli/args.js';
import { decidePlain } from '../../src/cli/interactive.js';
import type { CommandContext } from '../../src/commands/support/context.js';
import type { Exec, ExecResult } from '../../src/io/exec.js';
import { nonInteractivePrompter, type Prompter } from '../../src/io/prompter.js';
import type { Io } from '../../src/io/system.js';

export interface Call {
  file: string;
  argv: string[];
}

export type Answer = Partial<ExecResult> | ((argv: string[]) => Partial<ExecResult>);

/** `table` maps the argv joined with spaces (or a prefix ending in `*`) to an answer. */
export function fakeExec(table: Record<string, Answer>): { exec: Exec; calls: Call[] } {
  const calls: Call[] = [];
  const exec: Exec = async (file, args, opts) => {
    const argv = [...args];
    calls.push({ file, argv });
    const line = argv.join(' ');
    const key = Object.keys(table).find((k) => k === line || (k.endsWith('*') && line.startsWith(k.slice(0, -1))));
    if (key === undefined) throw new Error(`fake exec: no answer for: ${line}`);
    const a = table[key];
    const r = typeof a === 'function' ? a(argv) : a;
    const result = { exitCode: r.exitCode ?? 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    if (opts?.onOutput) {
      if (result.stdout) opts.onOutput(result.stdout, 'stdout');
      if (result.stderr) opts.onOutput(result.stderr, 'stderr');
    }
    return result;
  };
  return { exec, calls };
}

export interface FakeIo extends Io {
  outLines: string[];
  errLines: string[];
}

export function fakeIo(cwd: string, exec: Exec, env: Record<string, string | undefined> = {}): FakeIo {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return {
    out: (t) => void outLines.push(t),
    err: (t) => void errLines.push(t),
    env: { HOME: cwd, PATH: '', ...env },
    cwd,
    exec,
    now: () => new Date('2026-01-02T03:04:05Z'),
    color: false,
    outLines,
    errLines,
  };
}

export function fakeCtx(
  argv: string[],
  io: Io,
  opts: { interactive?: boolean; prompt?: Prompter } = {},
): CommandContext {
  const args = parseCliArgs(argv);
  // As main decides it: the flag, or a terminal that cannot draw.
  const plain = decidePlain(args.plain, io.env);
  return { args, io, interactive: opts.interactive ?? false, plain, prompt: opts.prompt ?? nonInteractivePrompter };
}

/** An executable file to point --helm at; the fake Exec answers for it. */
export function fakeHelmFile(dir: string): string {
  const p = join(dir, 'helm');
  writeFileSync(p, '#!/bin/sh\nexit 99\n');
  chmodSync(p, 0o755);
  return p;
}

export { helmEnv } from '../support/helm-binaries.js';

/** What the recorded helm calls were, as argv lines (the version probe left out). */
export function helmLines(calls: Call[]): string[] {
  return calls
    .map((c) => c.argv.join(' ').replace(/--destination \S+/, '--destination DIR'))
    .filter((l) => !l.startsWith('version '));
}

/** A chart .tgz (gzip over ustar) holding these files, as `helm pull` writes one. */
export function chartTgz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [path, text] of Object.entries(files)) {
    const body = Buffer.from(text);
    const h = Buffer.alloc(512);
    h.write(path, 0, 100);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    const sum = h.reduce((a, b) => a + b, 0);
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** Answers `helm pull ... --destination DIR` by writing a chart whose templates read `reads`. */
export function pullAnswer(reads: string[]): Answer {
  return (argv) => {
    const dir = argv[argv.indexOf('--destination') + 1];
    const template = reads.map((r) => `{{ .Values.${r} }}`).join('\n');
    const tgz = chartTgz({
      'polyaxon/Chart.yaml': 'apiVersion: v2\nname: polyaxon\nversion: 2.15.1\n',
      'polyaxon/templates/cm.yaml': template,
    });
    writeFileSync(join(dir, 'polyaxon-2.15.1.tgz'), tgz);
    return {};
  };
}
