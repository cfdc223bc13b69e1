/** `polyaxon-setup rollback`: see src/helm/rollback.ts. */
import type { Command } from '../cli/command.js';

export const run: Command = async (ctx) => {
  const { rollbackRelease } = await import('../helm/rollback.js');
  await rollbackRelease(ctx);
};
