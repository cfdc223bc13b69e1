/** `polyaxon-setup upgrade`: see src/helm/upgrade.ts. */
import type { Command } from '../cli/command.js';

export const run: Command = async (ctx) => {
  const { upgradeRelease } = await import('../helm/upgrade.js');
  await upgradeRelease(ctx);
};
