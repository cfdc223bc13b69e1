import { UsageError } from '../../errors.js';
import type { CommandContext } from './context.js';

export async function exportFleet(_ctx: CommandContext, _o: unknown): Promise<void> {
  throw new UsageError('--clusters is not available yet.');
}
