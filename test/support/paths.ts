/** Where the repository and its fixtures live, from the compiled location (dist/test/support/paths.js). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/[\\/]$/, '');

/**
 * Real API shapes of real clusters, with their provenance (PROVENANCE.md beside them). They are the
 * project's own copy, so a bare clone runs every test that does not need the published charts.
 */
export const fixturesDir = join(repoRoot, 'test', 'data', 'k8s-fixtures');

export function fixturePath(name: string): string {
  return join(fixturesDir, name);
}

/** Reads and parses one JSON fixture from test/data/k8s-fixtures. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}
