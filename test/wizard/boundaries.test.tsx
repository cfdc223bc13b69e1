import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/errors.js';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import type { ProbeResult } from '../../src/cluster/types.js';
import { WizardApp } from '../../src/ui/WizardApp.js';
import { createFlow, type FlowState } from '../../src/wizard/flow.js';
import { gpuTolerations } from '../../src/cluster/suggest.js';
import { factsFromProbe } from '../../src/commands/support/wizard-facts.js';
import { readResume } from '../../src/commands/support/resume.js';
import { buildReview } from '../../src/wizard/review.js';
import { STEPS } from '../../steps/index.js';
import { renderInk } from '../support/ink-harness.js';
import { tempDir } from '../support/run-cli.js';
import { PASSWORD } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Every package a module pulls in when imported, following its relative static imports. */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?\s*['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

test('loading the wizard loads no Ink, React, Kubernetes client, execa or inquirer', () => {
  const packages = staticPackages(join(here, '..', '..', 'src', 'ui', 'wizard-session.js'));
  for (const heavy of ['ink', 'react', 'react/jsx-runtime', '@kubernetes/client-node', 'execa', '@inquirer/prompts']) {
    assert.ok(!packages.has(heavy), `${heavy} is imported at load: ${[...packages].join(', ')}`);
  }
});

test('WizardApp: an abort (SIGINT from outside) ends it like Ctrl-C, with the answers so far', async () => {
  const flow = createFlow({
    steps: STEPS,
    initial: SPEC_DEFAULTS,
    answered: new Set(),
    meta: { release: 'polyaxon', namespace: 'polyaxon', chartVersion: '' },
    mode: 'install',
    generated: { password: PASSWORD },
  });
  const abort = new AbortController();
  const ended: FlowState[] = [];
  const noop = () => undefined;
  const t = renderInk(
    <WizardApp
      title="t"
      flow={flow}
      initialState={flow.initialState()}
      facts={new Promise(() => undefined)}
      color={false}
      actionLabel="Go"
      review={(s) => buildReview(flow.result(s), undefined, { mode: 'install' })}
      onProgress={noop}
      onConfirm={noop}
      onQuit={noop}
      onCancel={(s) => ended.push(s)}
      signal={abort.signal}
    />,
  );
  await t.ready();
  abort.abort();
  await t.waitFor(() => ended.length === 1);
  assert.equal(ended[0].at, 0);
  t.unmount();
});

test("factsFromProbe: the probe's findings as the steps read them", () => {
  const ok = <T,>(data: T) => ({ status: 'ok' as const, data });
  const probe = {
    context: 'gke_acme',
    server: 'https://34.76.0.1',
    namespace: 'polyaxon',
    release: 'polyaxon',
    distribution: { name: 'gke', evidence: ['providerID gce://'] },
    storage: ok({
      classes: [],
      defaults: [],
      rwxClasses: [],
      claims: [{ name: 'logs-pvc', accessModes: ['ReadWriteMany'] }],
      claimCount: 1,
    }),
    tlsSecrets: ok([
      { name: 'px-tls', hosts: ['px.acme.com'] },
      { name: 'old-tls', hosts: [], expired: true },
    ]),
    certManager: ok({
      installed: true,
      issuers: [
        { name: 'le', type: 'acme', ready: true },
        { name: 'broken', type: 'ca', ready: false },
      ],
    }),
    ingress: ok({ classes: [{ name: 'gce', isDefault: true }] }),
    gpu: ok({
      nodes: 2,
      gpus: 4,
      products: { 'Tesla-T4': 2 },
      drivers: {},
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', nodes: 2 }],
      osImages: {},
      architectures: {},
      components: [],
      operator: false,
      devicePlugin: true,
      nvidia: {
        dirs: { lib: '/home/kubernetes/bin/nvidia/lib64' },
        mountPaths: { lib: '/usr/local/nvidia/lib64' },
        reason: 'GKE COS',
        certain: true,
      },
    }),
    existingRelease: ok({
      revisions: 2,
      latest: {
        name: 'polyaxon',
        namespace: 'polyaxon',
        revision: 2,
        status: 'deployed',
        chart: { version: '0.6.1' },
        values: {},
      },
    }),
    permissions: ok({ checks: [], denied: ['create clusterroles.rbac.authorization.k8s.io'] }),
    dns: { status: 'forbidden', reason: 'configmaps is forbidden' },
  } as unknown as ProbeResult;
  const f = factsFromProbe(
    probe,
    {
      preset: 'gke',
      presetReason: 'GKE',
      values: { dns: { backend: 'kube-dns' } },
      reasons: [{ field: 'dns.backend', value: 'kube-dns', reason: 'the DNS Service is kube-dns' }],
    },
    { serviceType: 'NodePort' },
  );
  assert.deepEqual(
    [f.context, f.distribution, f.pvcs, f.tlsSecrets, f.clusterIssuers, f.ingressClasses],
    ['gke_acme', 'gke', ['logs-pvc'], ['px-tls'], ['le'], ['gce']],
  );
  assert.deepEqual(f.gpu?.taints, [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  assert.equal(f.gpu?.summary, '2 nodes, 4 GPUs (Tesla-T4)');
  assert.deepEqual(f.existingRelease, {
    release: 'polyaxon',
    namespace: 'polyaxon',
    status: 'deployed',
    chartVersion: '0.6.1',
    revision: 2,
    values: {},
  });
  assert.deepEqual(f.suggested, { serviceType: 'NodePort', dns: { backend: 'kube-dns' } });
  assert.equal(f.hints['dns.backend'], 'the DNS Service is kube-dns');
  assert.match(f.hints.deploymentType, /looks like gke \(providerID gce:\/\/\)/);
  assert.deepEqual(f.warnings, [
    'could not read DNS: configmaps is forbidden',
    'you may not create clusterroles.rbac.authorization.k8s.io',
  ]);
});

test('readResume: nothing to resume, and a broken file named with its fix', async () => {
  const dir = tempDir();
  assert.equal(await readResume(join(dir, 'missing.json')), undefined);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"kind":"other"}');
  await assert.rejects(
    readResume(bad),
    (e: unknown) => e instanceof ConfigError && /Delete \S*bad\.json/.test(e.problems[0].fix ?? ''),
  );
});

test('GPU tolerations: the wizard offers what --preset auto writes (no duplicates, no system taints)', () => {
  const taints = [
    { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', nodes: 1 },
    { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule', nodes: 1 },
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', nodes: 1 },
  ];
  const gpu = { nodes: 2, gpus: 2, products: {}, drivers: {}, taints, osImages: {}, architectures: {}, components: [] };
  const probe = {
    context: 'c',
    server: 's',
    namespace: 'polyaxon',
    release: 'polyaxon',
    distribution: { name: 'gke', evidence: [] },
    gpu: { status: 'ok', data: { ...gpu, operator: false, devicePlugin: true } },
  } as unknown as ProbeResult;
  const written = gpuTolerations(taints);
  assert.deepEqual(written, [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  assert.deepEqual(factsFromProbe(probe).gpu?.taints, written);
});
