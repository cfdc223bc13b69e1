/** The line-own key tables shipped in src/model/lines are what the published archives say. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartFiles } from '../../src/helm/chart-archive.js';
import { LINES } from '../../src/model/chart-line.js';
import { keyTreeOf } from '../../src/model/lines/own-keys.js';
import { chartKeyTree } from '../support/chart-key-tree.js';
import { archivePath, needsArchives } from '../support/published-charts.js';

for (const line of LINES) {
  test(`keys-${line.id}.json is the key tree of chart ${line.example}`, { skip: needsArchives() }, () => {
    const tree = chartKeyTree(chartFiles(archivePath(line.example) as string));
    assert.deepEqual(keyTreeOf(line), tree, 'regenerate with: npm run build && node scripts/line-keys.mjs');
  });
}
