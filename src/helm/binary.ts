/**
 * Which helm, and which major: `--helm PATH` or the first `helm` on PATH, asked for its version
 * once. Helm 2 (Tiller) is refused, and helm 3 older than 3.13 too: `--dry-run=server` and
 * `--hide-secret` came with 3.13.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { HelmError } from '../errors.js';
import { ExecStartError, type Exec } from '../io/exec.js';
import { VERSION_ARGV, VERSION_FALLBACK_ARGV, type HelmMajor } from './argv.js';
import { helmNotFound } from './classify.js';

const HELM_UPGRADE_HINT =
  'Install helm 4 or helm 3.13+ (https://helm.sh/docs/intro/install/), and point --helm at it if it is not first on PATH.';

export interface HelmBinary {
  path: string;
  /** As helm prints it, e.g. v4.1.4. */
  version: string;
  major: HelmMajor;
}

export const MIN_HELM3 = { major: 3, minor: 13 };

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

/** `v3.17.3`, `v4.1.4+g05fa379`, `Client: v2.17.0+ga690bad`, `3.18.0-rc.1`. */
export function parseHelmVersion(out: string): ParsedVersion | undefined {
  const m = /(?:^|\s|Client: |SemVer:")v?(\d+)\.(\d+)\.(\d+)([-+][\w.+-]*)?/.exec(out.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    text: `v${m[1]}.${m[2]}.${m[3]}${m[4]?.startsWith('-') ? m[4].split('+')[0] : ''}`,
  };
}

/** Refuses what we cannot drive; pure, so each case is a unit test. */
export function checkHelmVersion(v: ParsedVersion, path: string): HelmMajor {
  if (v.major <= 2) {
    return fail(
      'helm-2',
      `${path} is helm ${v.text}: helm 2 installs through Tiller and is no longer supported.`,
      HELM_UPGRADE_HINT,
    );
  }
  if (v.major === 3 && v.minor < MIN_HELM3.minor) {
    return fail(
      'helm-too-old',
      `${path} is helm ${v.text}; polyaxon-setup needs helm 3.13 or newer.`,
      HELM_UPGRADE_HINT,
    );
  }
  if (v.major > 4) return 4; // newer majors: assume helm 4's flags until proven otherwise
  return v.major as HelmMajor;
}

function fail(kind: string, message: string, hint: string): never {
  throw new HelmError(kind, message, hint);
}

/** `--helm` as given (a path, or a name looked up on PATH), else `helm` on PATH. */
export function locateHelm(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  if (flag && (flag.includes('/') || flag.includes('\\'))) {
    const p = isAbsolute(flag) ? flag : resolve(cwd, flag);
    if (!isExecutableFile(p)) throw helmNotFound(`--helm ${flag}: no executable file there`);
    return p;
  }
  const name = flag ?? 'helm';
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const d of dirs) for (const e of exts) if (isExecutableFile(join(d, name + e))) return join(d, name + e);
  throw helmNotFound(flag ? `--helm ${flag}: not on PATH` : 'not on PATH');
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Asks the binary its version: `--template {{.Version}}` (helm 3 and 4), else helm 2's `--client --short`. */
export async function probeHelm(
  exec: Exec,
  path: string,
  env?: Record<string, string | undefined>,
): Promise<HelmBinary> {
  const run = async (argv: readonly string[]) => {
    try {
      // Bounded: helm 2 may try to reach Tiller.
      return await exec(path, argv, { env, timeoutMs: 20_000 });
    } catch (e) {
      if (e instanceof ExecStartError) throw helmNotFound(`${path}: ${e.code}`);
      throw e;
    }
  };
  const first = await run(VERSION_ARGV);
  let parsed = first.exitCode === 0 ? parseHelmVersion(first.stdout) : undefined;
  if (!parsed) {
    const second = await run(VERSION_FALLBACK_ARGV);
    parsed = parseHelmVersion(`${second.stdout}\n${second.stderr}`);
    if (!parsed) {
      throw new HelmError(
        'helm-not-found',
        `${path} does not answer like helm: ${(first.stderr || first.stdout).trim().split('\n')[0] || 'no output'}.`,
        'Point --helm at a helm 4 or helm 3.13+ binary.',
      );
    }
  }
  return { path, version: parsed.text, major: checkHelmVersion(parsed, path) };
}
