/**
 * The answers of an unfinished wizard, as the flow hands them out after every step and on Ctrl-C.
 * Where they are kept is the command's business (src/commands/support/resume.ts): the wizard is
 * given a journal and never touches files itself.
 */
import type { Values } from '../model/values.js';
import type { Meta } from '../../steps/types.js';

export interface ResumeState {
  values: Values;
  /** The chart line's own keys given and chosen so far (postgresql.enabled, externalServices). */
  own?: Record<string, unknown>;
  /** Steps finished: a resumed run skips them unless the person goes back. */
  done: string[];
  /** The step that was open. */
  at?: string;
  meta?: Meta;
}

export interface Journal {
  /** Where the answers are kept, for the message that says how to resume. */
  readonly path: string;
  save(state: ResumeState): Promise<void>;
  clear(): Promise<void>;
}
