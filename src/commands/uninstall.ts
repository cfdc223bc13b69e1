/** `polyaxon-setup uninstall`: see src/helm/uninstall.ts. */
import type { Command } from '../cli/command.js';

export const run: Command = async (ctx) => {
  const { uninstallRelease } = await import('../helm/uninstall.js');
  await uninstallRelease(ctx);
};
