/**
 * Redis and RabbitMQ, turned on by the Database step, against the published archives: each line's
 * `bundled` row is what its archive bundles (the subchart, the condition key helm reads, the default
 * in values.yaml), and rendered by the real helm 3 and helm 4 the answer reaches the manifests: on, a
 * redis / rabbitmq StatefulSet or Deployment is there; off (Enter), none is. Nothing unread is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { chartFiles } from '../../src/helm/chart-archive.js';
import { chartReads } from '../../src/helm/chart-reads.js';
import { unreadKeys } from '../../src/helm/drift.js';
import { finishValues } from '../../src/model/build.js';
import { BROKERS, LINES, type ChartLine } from '../../src/model/chart-line.js';
import { getPath } from '../../src/model/merge.js';
import { brokerKey } from '../../src/model/lines/own-keys.js';
import { archivePath, needsArchives } from '../support/published-charts.js';
import { answer, enterUntil, flowOf, where } from '../wizard/database-flow.js';
import { helm, parseManifests, valuesFile, type K8sObject } from './render.js';

const skip = needsArchives();

/** The wizard with Enter everywhere, except Redis and RabbitMQ answered `on`. */
function written(line: ChartLine, on: boolean): Record<string, unknown> {
  const flow = flowOf(line.example);
  let s = enterUntil(flow, flow.initialState(), 'database/redis');
  s = answer(flow, s, on);
  assert.equal(where(flow, s), 'database/rabbitmq');
  s = answer(flow, s, on);
  s = enterUntil(flow, s, 'review');
  const r = flow.result(s);
  return finishValues(r.values, { chartVersion: line.example, own: r.own }).written;
}

test(
  'every line bundles Redis and RabbitMQ as its row says: the subchart, its condition key, its default',
  { skip },
  () => {
    for (const line of LINES) {
      const files = chartFiles(archivePath(line.example) as string);
      const text = (name: string) => files.find((f) => f.path === `polyaxon/${name}`)?.text;
      const deps = (yaml.load(text('requirements.yaml') ?? text('Chart.yaml') ?? '') as any).dependencies as {
        name: string;
        condition?: string;
      }[];
      const values = yaml.load(text('values.yaml') ?? '') as Record<string, unknown>;
      for (const broker of BROKERS) {
        const key = brokerKey(line, broker);
        assert.ok(key, `${line.label} offers ${broker}`);
        if (!key) continue;
        const dep = deps.find((d) => d.condition === key.join('.'));
        assert.ok(dep, `${line.example}: a subchart on ${key.join('.')} (${deps.map((d) => d.condition).join(', ')})`);
        assert.ok(
          files.some((f) => f.path.startsWith(`polyaxon/charts/${dep?.name}/`)),
          `${line.example} bundles ${dep?.name}`,
        );
        assert.equal(getPath(values, key), line.bundled[broker], `${line.example}: ${key.join('.')} by default`);
      }
    }
  },
);

test('what the Database step writes for the brokers is read by every line', { skip }, () => {
  for (const line of LINES) {
    const reads = chartReads(chartFiles(archivePath(line.example) as string));
    for (const on of [true, false]) assert.deepEqual(unreadKeys(written(line, on), reads), [], `${line.label} ${on}`);
  }
});

const workloads = (objs: K8sObject[], part: RegExp) =>
  objs
    .filter((o) => ['StatefulSet', 'Deployment'].includes(o.kind) && part.test(o.metadata.name))
    .map((o) => `${o.kind}/${o.metadata.name}`);

for (const major of [3, 4] as const) {
  for (const line of LINES.filter((l) => l.renders)) {
    test(
      `helm ${major}, chart ${line.example}: Redis and RabbitMQ on run in the cluster, off they do not`,
      { skip },
      async () => {
        // Rendered for a Kubernetes the line installs on.
        const kube = line.kube.max ? `${line.kube.max}.0` : '1.29.0';
        const render = async (on: boolean) => {
          const r = await helm(major, [
            'template',
            'px',
            archivePath(line.example) as string,
            '--namespace',
            'polyaxon',
            '--kube-version',
            kube,
            '--values',
            valuesFile(written(line, on), `brokers-${line.example}-${on}`),
          ]);
          assert.equal(r.code, 0, `helm ${major} template ${line.example}: ${r.stderr}`);
          return parseManifests(r.stdout);
        };
        const on = await render(true);
        assert.ok(workloads(on, /redis/).length > 0, `a Redis workload: ${workloads(on, /./).join(', ')}`);
        assert.ok(workloads(on, /rabbitmq/).length > 0, `a RabbitMQ workload: ${workloads(on, /./).join(', ')}`);
        const off = await render(false);
        assert.deepEqual(workloads(off, /redis|rabbitmq/), [], 'off: none');
      },
    );
  }
}
