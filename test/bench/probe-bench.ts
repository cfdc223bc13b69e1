/**
 * The probe at scale: time and peak RSS of a probe of 5,000 and 20,000 nodes, 5,000 TLS secrets
 * and 5,000 claims, as ratios to one of 50 nodes (issue 14: within 3x, RSS at most 150 MiB).
 * Each probe runs in a child process (this file, run directly) so the fake cluster's own memory,
 * which holds every node, is not counted; the client is loaded before the clock starts, so the
 * time is the probe's, not the module loader's. Nodes are listed in pages, so the 5,000-node
 * probe should cost about the memory of one page more, not 100 times more.
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
}

const SELF = fileURLToPath(import.meta.url);

interface Counts {
  nodes: number;
  tls: number;
  claims: number;
}

interface ChildResult extends Counts {
  ms: number;
  peakHeapMb: number;
  maxRssMb: number;
}

export async function benchProbe(): Promise<BenchLine[]> {
  const [{ fixture }] = await Promise.all([import('../support/paths.js')]);
  const node = fixture('node-gke-t4.json');
  const base = generateNodes(3, node);
  const small = await measure(generateNodes(50, node));
  const lines: BenchLine[] = [];
  const compare = (what: string, large: ChildResult) =>
    lines.push(
      { name: `probe time, ${what} / 50`, value: large.ms / small.ms, unit: 'x' },
      {
        name: `probe peak RSS, ${what} / 50 (goal: ${what} within 3x, RSS <= 150 MiB)`,
        value: large.maxRssMb,
        unit: 'MiB',
      },
    );
  lines.push({ name: 'probe, 50 nodes', value: small.ms, unit: 'ms' });
  compare('5,000 nodes', await measure(generateNodes(5000, node), { nodes: 5000 }));
  compare('20,000 nodes', await measure(generateNodes(20_000, node), { nodes: 20_000 }));
  compare('5,000 TLS secrets', await measure([...base, ...generateTlsSecrets(5000)], { tls: 5000 }));
  compare('5,000 claims', await measure([...base, ...generateClaims(5000)], { claims: 5000 }));
  return lines;
}

export function generateTlsSecrets(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: `cert-${i}`, namespace: 'polyaxon' },
    data: { 'tls.key': 'a'.repeat(1600) },
  }));
}

export function generateClaims(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `claim-${i}`, namespace: 'polyaxon' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    status: { phase: 'Bound' },
  }));
}

async function measure(objects: unknown[], expect: Partial<Counts> = {}): Promise<ChildResult> {
  const [{ startFakeCluster }, { tempDir }] = await Promise.all([
    import('../support/fake-apiserver/index.js'),
    import('../support/run-cli.js'),
  ]);
  const cluster = await startFakeCluster({
    objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'polyaxon' } }, ...objects],
  });
  try {
    const kubeconfig = join(tempDir(), 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
    const runs: ChildResult[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await execa(process.execPath, ['--expose-gc', SELF, kubeconfig], { reject: true, stdin: 'ignore' });
      runs.push(JSON.parse(r.stdout) as ChildResult);
    }
    for (const [k, v] of Object.entries(expect) as [keyof Counts, number][])
      if (runs.some((r) => r[k] !== v))
        throw new Error(`the probe saw ${runs.map((r) => r[k]).join(', ')} ${k}, not ${v}`);
    return median(runs);
  } finally {
    await cluster.close();
  }
}

/** Nodes like the GKE fixture (about 3.5 kB each), one in ten with a GPU and its taint. */
export function generateNodes(count: number, template: any): unknown[] {
  return Array.from({ length: count }, (_, i) => {
    const n = structuredClone(template);
    const name = `gke-big-pool-${String(i).padStart(5, '0')}`;
    n.metadata.name = name;
    n.metadata.labels['kubernetes.io/hostname'] = name;
    n.spec.providerID = `gce://project/us-central1-a/${name}`;
    if (i % 10 !== 0) {
      delete n.status.capacity['nvidia.com/gpu'];
      delete n.status.allocatable['nvidia.com/gpu'];
      delete n.spec.taints;
      delete n.metadata.labels['cloud.google.com/gke-accelerator'];
    }
    return n;
  });
}

function median(runs: ChildResult[]): ChildResult {
  const mid = <K extends keyof ChildResult>(k: K) =>
    [...runs].sort((a, b) => a[k] - b[k])[Math.floor(runs.length / 2)][k];
  return { ...runs[0], ms: mid('ms'), peakHeapMb: mid('peakHeapMb'), maxRssMb: mid('maxRssMb') };
}

/** The child: one probe, its time and the highest heap seen, as JSON on stdout. */
async function child(kubeconfig: string): Promise<void> {
  const { probeCluster } = await import('../../src/cluster/index.js');
  await import('@kubernetes/client-node');
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().heapUsed;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
  const t0 = performance.now();
  const r = await probeCluster({ kubeconfig, namespace: 'polyaxon', release: 'polyaxon', timeoutMs: 60_000, env: {} });
  const ms = performance.now() - t0;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const result: ChildResult = {
    ms,
    peakHeapMb: peak / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    nodes: r.nodes.status === 'ok' ? r.nodes.data.total : -1,
    tls: r.tlsSecrets.status === 'ok' ? r.tlsSecrets.data.length : -1,
    claims: r.storage.status === 'ok' ? r.storage.data.claimCount : -1,
  };
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[1] === SELF) await child(process.argv[2]);
