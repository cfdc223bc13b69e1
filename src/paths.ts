import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package root: this file is dist/src/paths.js once built. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const presetsDir = join(packageRoot, 'presets');

/** The version in package.json, for --version and the header of written files. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
