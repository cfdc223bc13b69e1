/**
 * The answers of an unfinished wizard, kept beside config.yaml so `--resume` can continue. The file
 * may hold the root password, so it is written like config.yaml: atomically and mode 0600.
 */
import { unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, ExitCode } from '../../errors.js';
import { describeFileProblem, FileError, readRegularFile } from '../../io/files.js';
import { writeFileSafely } from '../../io/write-file.js';
import { isMap } from '../../model/merge.js';
import type { Values } from '../../model/values.js';
import type { Meta } from '../../../steps/types.js';
import type { Journal, ResumeState } from '../../wizard/journal.js';

export type { ResumeState } from '../../wizard/journal.js';

export const RESUME_FILE = '.polyaxon-setup-answers.json';
const KIND = 'polyaxon-setup-answers';

export function resumePathFor(configPath: string): string {
  return join(dirname(configPath), RESUME_FILE);
}

export async function saveResume(path: string, state: ResumeState, now: Date): Promise<void> {
  const doc = { kind: KIND, version: 1, savedAt: now.toISOString(), ...state };
  await writeFileSafely(path, `${JSON.stringify(doc, null, 2)}\n`, {
    secret: true,
    now,
    backup: false,
    what: 'Cannot save the answers to',
  });
}

/** Undefined when there is nothing to resume. */
export async function readResume(path: string): Promise<ResumeState | undefined> {
  const bad = (message: string, fix = `Delete ${path} and start the wizard again.`) =>
    new ConfigError(`${path} cannot be resumed.`, [{ field: path, message, fix, severity: 'error' }]);
  let text: string;
  try {
    text = await readRegularFile(path, { what: 'Answers file', exitCode: ExitCode.InvalidConfig });
  } catch (e) {
    if (e instanceof FileError && e.code === 'ENOENT') return undefined;
    if (e instanceof FileError) {
      const [why] = describeFileProblem(e.code, 'Answers file');
      throw bad(why, `It is where the wizard keeps its answers: delete ${path} and start the wizard again.`);
    }
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('is not valid JSON');
  }
  if (!isMap(doc) || doc.kind !== KIND || !isMap(doc.values) || !Array.isArray(doc.done))
    throw bad('is not a polyaxon-setup answers file');
  return {
    values: doc.values as Values,
    own: isMap(doc.own) ? (doc.own as Record<string, unknown>) : undefined,
    done: doc.done.map(String),
    at: typeof doc.at === 'string' ? doc.at : undefined,
    meta: isMap(doc.meta) ? (doc.meta as unknown as Meta) : undefined,
  };
}

export async function clearResume(path: string): Promise<void> {
  await unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

/** The journal the wizard keeps its answers in: the answers file beside config.yaml. */
export function fileJournal(path: string, now: () => Date): Journal {
  return { path, save: (state) => saveResume(path, state, now()), clear: () => clearResume(path) };
}
