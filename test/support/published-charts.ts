/**
 * The published chart archives (0.6.1 … 2.15.1) are not the project's own data: they are found in
 * $POLYAXON_CHARTS_DIR or ../shared/polyaxon-chart/charts. Without them, the tests that need them
 * skip with one line saying how to fetch them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export const PUBLISHED = ['0.6.1', '1.1.9', '1.12.3', '1.13.0', '1.20.0', '2.15.1'] as const;

export function chartsDir(): string | undefined {
  const dirs = [process.env.POLYAXON_CHARTS_DIR, join(repoRoot, '..', 'shared', 'polyaxon-chart', 'charts')];
  return dirs.find((d): d is string => !!d && existsSync(join(d, 'index.yaml')));
}

export function archivePath(version: string): string | undefined {
  const dir = chartsDir();
  const p = dir && join(dir, `polyaxon-${version}.tgz`);
  return p && existsSync(p) ? p : undefined;
}

/** The `skip` option of a test that needs the archives: false when they are here, else the one line. */
export function needsArchives(): false | string {
  return chartsDir()
    ? false
    : 'the published chart archives are not here: fetch them with `helm pull polyaxon/polyaxon --repo https://charts.polyaxon.com --version V -d DIR` (and index.yaml), then set POLYAXON_CHARTS_DIR=DIR';
}
