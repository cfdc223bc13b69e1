/**
 * The probe at scale: time and peak memory of a probe of 50 and of 5,000 nodes, and the ratios.
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

interface ChildResult {
  ms: number;
  peakHeapMb: number;
  maxRssMb: number;
  nodes: number;
}

export async function benchProbe(): Promise<BenchLine[]> {
  const small = await measure(50);
  const large = await measure(5000);
  return [
    { name: 'probe, 50 nodes', value: small.ms, unit: 'ms' },
    { name: 'probe, 5,000 nodes', value: large.ms, unit: 'ms' },
    { name: 'probe time 5,000 / 50 nodes', value: large.ms / small.ms, unit: 'x' },
    { name: 'probe peak heap, 50 nodes', value: small.peakHeapMb, unit: 'MB' },
    { name: 'probe peak heap, 5,000 nodes', value: large.peakHeapMb, unit: 'MB' },
    { name: 'probe peak heap 5,000 / 50 nodes', value: large.peakHeapMb / small.peakHeapMb, unit: 'x' },
    { name: 'probe peak RSS 5,000 / 50 nodes', value: large.maxRssMb / small.maxRssMb, unit: 'x' },
  ];
}

async function measure(count: number): Promise<ChildResult> {
  const [{ startFakeCluster }, { fixture }, { tempDir }] = await Promise.all([
    import('../support/fake-apiserver/index.js'),
    import('../support/paths.js'),
    import('../support/run-cli.js'),
  ]);
  const cluster = await startFakeCluster({ objects: generateNodes(count, fixture('node-gke-t4.json')) });
  try {
    const kubeconfig = join(tempDir(), 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
    const runs: ChildResult[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await execa(process.execPath, ['--expose-gc', SELF, kubeconfig], { reject: true, stdin: 'ignore' });
      runs.push(JSON.parse(r.stdout) as ChildResult);
    }
    if (runs.some((r) => r.nodes !== count))
      throw new Error(`the probe saw ${runs.map((r) => r.nodes).join(', ')} nodes, not ${count}`);
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
  return { ms: mid('ms'), peakHeapMb: mid('peakHeapMb'), maxRssMb: mid('maxRssMb'), nodes: runs[0].nodes };
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
  };
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[1] === SELF) await child(process.argv[2]);
