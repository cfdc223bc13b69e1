// Writes src/model/lines/keys-<line>.json: the keys a chart line accepts beyond the spec's, with
// the type its values.yaml gives (or "any" for keys only its templates read). Run after a build,
// with the published archives: node scripts/line-keys.mjs [charts-dir]. test/chart/line-keys.test.ts
// holds the files to the archives, so they cannot drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartFiles } from '../dist/src/helm/chart-archive.js';
import { chartKeyTree } from '../dist/test/support/chart-key-tree.js';
import { LINES } from '../dist/src/model/lines/table.js';

const dir = process.argv[2] ?? process.env.POLYAXON_CHARTS_DIR ?? '../shared/polyaxon-chart/charts';
for (const line of LINES) {
  const tree = chartKeyTree(chartFiles(join(dir, `polyaxon-${line.example}.tgz`)));
  const path = `src/model/lines/keys-${line.id}.json`;
  writeFileSync(path, `${JSON.stringify(tree)}\n`);
  console.log(`${path}: ${JSON.stringify(tree).length} bytes`);
}
