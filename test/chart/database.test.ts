/**
 * The Database step's answers rendered by the real helm 3 and helm 4 with the published 2.15.1
 * archive: Polyaxon points at the existing PostgreSQL, and the chart runs none of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finishValues } from '../../src/model/build.js';
import { archivePath, needsArchives } from '../support/published-charts.js';
import { chooseExisting, PG_PASSWORD } from '../wizard/database-flow.js';
import { decodeSecret, helm, parseManifests, valuesFile } from './render.js';

const skip = needsArchives();

for (const major of [3, 4] as const) {
  test(
    `helm ${major}, chart 2.15.1: an existing PostgreSQL is what Polyaxon connects to, none runs in the cluster`,
    { skip },
    async () => {
      const { flow, state } = chooseExisting('2.15.1');
      const r = flow.result(state);
      const built = finishValues(r.values, { chartVersion: '2.15.1', own: r.own });
      const res = await helm(major, [
        'template',
        'px',
        archivePath('2.15.1') as string,
        '--namespace',
        'polyaxon',
        '--kube-version',
        '1.29.0',
        '--values',
        valuesFile(built.written, `database-${major}`),
      ]);
      assert.equal(res.code, 0, res.stderr);
      const objs = parseManifests(res.stdout);
      const pg = objs.filter(
        (o) => /postgres/i.test(o.metadata.name) && ['StatefulSet', 'Service', 'Deployment'].includes(o.kind),
      );
      assert.deepEqual(
        pg.map((o) => `${o.kind}/${o.metadata.name}`),
        [],
        'no in-cluster PostgreSQL',
      );
      const config = objs.filter((o) => o.kind === 'ConfigMap').map((o) => o.data ?? {});
      const all = Object.assign({}, ...config) as Record<string, string>;
      const hostKey = Object.keys(all).find((k) => /DB_HOST|POSTGRES.*HOST/i.test(k));
      assert.ok(hostKey, `a ConfigMap names the database host; keys: ${Object.keys(all).join(', ')}`);
      assert.equal(all[hostKey], 'db.example.com');
      const portKey = Object.keys(all).find((k) => /DB_PORT|POSTGRES.*PORT/i.test(k));
      assert.equal(portKey && String(all[portKey]), '6543');
      // The password is in a Secret, not a ConfigMap.
      assert.ok(!JSON.stringify(config).includes(PG_PASSWORD), 'the password is not in a ConfigMap');
      const secrets = objs.filter((o) => o.kind === 'Secret');
      assert.ok(
        secrets.some((s) =>
          Object.keys({ ...s.data, ...s.stringData }).some((k) => decodeSecret(s, k) === PG_PASSWORD),
        ),
        'a Secret holds the PostgreSQL password',
      );
    },
  );
}
