/**
 * The wizard on a real terminal, for trying it by hand or from tmux:
 *   node dist/test/wizard/demo.js [install|upgrade|uninstall|progress] [--plain]
 * The "probe" answers after a second with GKE-like facts; nothing touches a cluster.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { maskSecrets } from '../../src/model/serialize.js';
import { confirmUninstall } from '../../src/ui/confirm-uninstall.js';
import { startInstallProgress } from '../../src/ui/install-progress.js';
import { runUpgradeWizard, runWizard } from '../../src/ui/wizard-session.js';
import { gkeFacts } from './fixtures.js';

const [what = 'install', ...flags] = process.argv.slice(2);
const plain = flags.includes('--plain') || process.env.TERM === 'dumb';
const dir = mkdtempSync(join(tmpdir(), 'polyaxon-demo-'));
const facts = new Promise<ReturnType<typeof gkeFacts>>((r) => setTimeout(() => r(gkeFacts()), 1000));
const helmCommand = (_v: unknown, t: { release: string; namespace: string; chartVersion: string }) =>
  `helm install --namespace ${t.namespace} --create-namespace -f config.yaml${t.chartVersion ? ` --version ${t.chartVersion}` : ''} -- ${t.release} polyaxon/polyaxon`;

async function main(): Promise<void> {
  if (what === 'install') {
    const r = await runWizard({
      initial: SPEC_DEFAULTS,
      answered: new Set(),
      facts,
      plain,
      configPath: join(dir, 'config.yaml'),
      helmCommand,
    });
    console.log(JSON.stringify({ ...r, values: maskSecrets(r.values as Record<string, unknown>) }, null, 2));
  } else if (what === 'upgrade') {
    const r = await runUpgradeWizard({
      deployed: { ingress: { enabled: true, hostName: 'px.acme.com' }, serviceType: 'ClusterIP' },
      deployedChartVersion: '0.6.1',
      targetChartVersion: '0.6.2',
      release: 'polyaxon',
      namespace: 'polyaxon',
      facts,
      plain,
      helmCommand,
    });
    console.log(JSON.stringify({ confirmed: r.confirmed, chart: r.chart, diff: r.diff }, null, 2));
  } else if (what === 'uninstall') {
    const ok = await confirmUninstall({
      release: 'polyaxon',
      namespace: 'polyaxon',
      context: 'demo',
      kept: ['PVC polyaxon-pvc-logs', 'namespace polyaxon'],
      removed: ['helm release polyaxon'],
      plain,
    });
    console.log(ok ? 'confirmed' : 'kept everything');
  } else {
    const p = await startInstallProgress({ release: 'polyaxon', namespace: 'polyaxon', plain });
    p.line('Release "polyaxon" has been installed. Happy Helming!');
    p.pods([{ name: 'polyaxon-api-5c6b', phase: 'Pending', ready: '0/1', reason: 'ContainerCreating' }]);
    await new Promise((r) => setTimeout(r, 1500));
    p.pods([
      { name: 'polyaxon-api-5c6b', phase: 'Running', ready: '1/1' },
      {
        name: 'polyaxon-worker-7d9f',
        phase: 'Pending',
        ready: '0/1',
        reason: 'Unschedulable',
        message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
      },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    p.failed('timed out waiting for the condition');
    await p.stop();
  }
}

main().catch((e: Error) => {
  console.error(`${e.name}: ${e.message}`);
  process.exitCode = e.name === 'CancelledError' ? 130 : 1;
});
