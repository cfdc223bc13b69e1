/**
 * The fixture charts themselves: `helm lint` passes with helm 3 and helm 4 (also --strict with
 * every spec section filled in), the 0.6.x fixture declares every key the tool writes, and the 2.x
 * fixture lacks the sections the drift guard warns about (and helm says nothing when they are set).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { HELM_MAJORS } from '../support/helm-binaries.js';
import { CHART_2X_DIR, CHART_DIR, CHART_PRESETS, goldenPath, helm, render, valuesFile } from './render.js';

const FULL_VALUES = {
  serviceType: 'NodePort',
  ssl: { enabled: true, secretName: 'polyaxon-cert', path: '/etc/ssl' },
  ingress: {
    enabled: true,
    hostName: 'polyaxon.acme.com',
    path: '/',
    annotations: { a: 'b' },
    tls: [{ secretName: 't', hosts: ['polyaxon.acme.com'] }],
  },
  dns: { backend: 'coredns', customCluster: 'c.local' },
  user: { password: null },
  securityContext: { enabled: true, fsGroupChangePolicy: 'Always' },
  dirs: { nvidia: { lib: '/l', bin: '/b', libcuda: '/c' } },
  persistence: {
    logs: { existingClaim: 'logs-pvc' },
    data: { s3: { store: 's3', bucket: 's3://b', secret: 's', secretKey: 'k' } },
    outputs: { az: { store: 'azure', bucket: 'wasbs://x@y/', secret: 's' } },
  },
  postgresql: { nodeSelector: { a: 'b' } },
  fixture: { failPostInstall: true, failPreDelete: true },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of a persistence.data / persistence.outputs entry the spec documents. */
const ENTRY_KEYS = ['existingClaim', 'mountPath', 'hostPath', 'readOnly', 'store', 'bucket', 'secret', 'secretKey'];

/**
 * Paths of `config` the chart's values.yaml does not declare. A chart value that is an empty map,
 * a list or a scalar accepts anything below it (annotations, nodeSelector, affinity, ...);
 * persistence.data/outputs are maps of named entries checked against the spec's entry keys.
 */
function undeclared(config: Obj, chart: Obj, path: string[] = []): string[] {
  const missing: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const here = [...path, key];
    const joined = here.join('.');
    if (/^persistence\.(data|outputs)$/.test(joined) && isObj(value)) {
      for (const [name, entry] of Object.entries(value)) {
        if (!isObj(entry)) continue;
        for (const k of Object.keys(entry)) if (!ENTRY_KEYS.includes(k)) missing.push(`${joined}.${name}.${k}`);
      }
      continue;
    }
    if (!(key in chart)) {
      missing.push(joined);
      continue;
    }
    const declared = chart[key];
    if (isObj(value) && isObj(declared) && Object.keys(declared).length > 0)
      missing.push(...undeclared(value, declared, here));
  }
  return missing;
}

const chartValues = yaml.load(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as Obj;
const chart2xValues = yaml.load(readFileSync(join(CHART_2X_DIR, 'values.yaml'), 'utf8')) as Obj;

describe('chart: the fixture charts', () => {
  for (const major of HELM_MAJORS) {
    it(`helm ${major} lint passes on both fixture charts, and --strict with every section set`, async () => {
      const full = valuesFile(FULL_VALUES, 'lint-full');
      // The 0.6.x stand-in uses the line's beta RBAC and Ingress APIs, deprecated from Kubernetes
      // 1.17 and 1.19: it is linted for the Kubernetes it was made for.
      const old = ['--kube-version', '1.16.0'];
      const runs = await Promise.all([
        helm(major, ['lint', CHART_DIR, ...old]),
        helm(major, ['lint', CHART_DIR, '--strict', '--values', full, ...old]),
        helm(major, ['lint', CHART_2X_DIR]),
        ...CHART_PRESETS.map((p) => helm(major, ['lint', CHART_DIR, '--strict', '--values', goldenPath(p), ...old])),
      ]);
      for (const r of runs) {
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      }
    });
  }

  it('Chart.yaml of the 0.6.x fixture: polyaxon 0.6.1, no dependencies', () => {
    const meta = yaml.load(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as Obj;
    assert.equal(meta.apiVersion, 'v2');
    assert.equal(meta.name, 'polyaxon');
    assert.equal(meta.version, '0.6.1');
    assert.equal(meta.appVersion, '0.6.1');
    assert.equal(meta.dependencies, undefined);
    const meta2 = yaml.load(readFileSync(join(CHART_2X_DIR, 'Chart.yaml'), 'utf8')) as Obj;
    assert.equal(meta2.name, 'polyaxon');
    assert.equal(meta2.version, '2.4.0');
  });

  it("values.yaml of the 0.6.x fixture holds the spec's defaults and the fixture switches", () => {
    const v = chartValues as any;
    assert.equal(v.timezone, 'UTC');
    assert.equal(v.ui.adminEnabled, true);
    assert.deepEqual(v.user, { username: 'root', email: 'root@polyaxon.local', password: 'rootpassword' });
    assert.deepEqual(
      { ...v.securityContext, fsGroupChangePolicy: undefined },
      {
        enabled: false,
        runAsUser: 2222,
        runAsGroup: 2222,
        fsGroup: 2222,
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
        fsGroupChangePolicy: undefined,
      },
    );
    assert.equal(v.rbac.enabled, true);
    assert.equal(v.ingress.enabled, true);
    assert.equal(v.ingress.path, '/');
    assert.equal(v.resourcesDaemon.enabled, true);
    assert.deepEqual(v.persistence.logs, { existingClaim: '', mountPath: '/polyaxon-logs', hostPath: '/tmp/logs' });
    assert.deepEqual(v.persistence.data, { 'default-data': { mountPath: '/data', hostPath: '/data' } });
    assert.deepEqual(v.persistence.outputs, { 'default-outputs': { mountPath: '/outputs', hostPath: '/outputs' } });
    assert.equal(v.ssl.path, '/etc/ssl');
    assert.deepEqual(v.fixture, { failPreDelete: false, failPostInstall: false });
  });

  for (const preset of [...CHART_PRESETS, 'docker-compose']) {
    it(`every key of the ${preset} golden config is one the 0.6.x fixture declares`, () => {
      const config = yaml.load(readFileSync(goldenPath(preset), 'utf8')) as Obj;
      // user and group: 0.6's names, which the fixture documents in a comment rather than defaults.
      const documented = ['securityContext.user', 'securityContext.group'];
      assert.deepEqual(
        undeclared(config, chartValues).filter((k) => !documented.includes(k)),
        [],
      );
    });
  }

  it('the 2.x fixture has none of persistence, dirs, mountPaths, resourcesDaemon, serviceType', () => {
    for (const key of ['persistence', 'dirs', 'mountPaths', 'resourcesDaemon', 'serviceType', 'api', 'fixture']) {
      assert.ok(!(key in chart2xValues), `2.x values.yaml must not declare ${key}`);
    }
    for (const key of [
      'artifactsStore',
      'connections',
      'gateway',
      'ingress',
      'securityContext',
      'timezone',
      'user',
      'ui',
    ]) {
      assert.ok(key in chart2xValues, `2.x values.yaml should declare ${key}`);
    }
    const gke = yaml.load(readFileSync(goldenPath('gke'), 'utf8')) as Obj;
    const ignored = undeclared(gke, chart2xValues).filter((k) => !k.startsWith('persistence.'));
    for (const key of ['dirs', 'mountPaths', 'resourcesDaemon', 'serviceType', 'api'])
      assert.ok(ignored.includes(key), ignored.join(', '));
  });

  for (const major of HELM_MAJORS) {
    it(`helm ${major} renders a spec config on the 2.x fixture without a word about the ignored keys`, async () => {
      const m = await render(major, { chart: CHART_2X_DIR, files: [goldenPath('gke')] });
      assert.equal(m.objects.length, 1);
      assert.doesNotMatch(JSON.stringify(m.objects), /nvidia|polyaxon-logs/);
      const r = await helm(major, ['template', 'px', CHART_2X_DIR, '--values', goldenPath('nfs')]);
      assert.equal(r.code, 0);
      assert.doesNotMatch(r.stderr, /persistence|unknown/i, 'helm never warns about unknown keys');
    });
  }
});
