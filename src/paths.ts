import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package root: this file is dist/src/paths.js once built. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const presetsDir = join(packageRoot, 'presets');
