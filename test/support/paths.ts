/** Where the repository and the shared fixtures live, from the compiled location (dist/test/support/paths.js). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/[\\/]$/, '');

/** CI clones the repository with `shared/` beside it. */
export const sharedDir = join(repoRoot, '..', 'shared');

export const fixturesDir = join(sharedDir, 'k8s-fixtures');

export function fixturePath(name: string): string {
  return join(fixturesDir, name);
}

/** Reads and parses one JSON fixture from shared/k8s-fixtures. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}
