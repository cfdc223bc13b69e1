/** `polyaxon-setup template`: see src/helm/template.ts. */
import type { Command } from '../cli/command.js';

export const run: Command = async (ctx) => {
  const { templateRelease } = await import('../helm/template.js');
  await templateRelease(ctx);
};
