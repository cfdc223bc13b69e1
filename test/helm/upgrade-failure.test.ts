/**
 * A failed upgrade (its post-upgrade hook fails) with the real helm, through the built CLI: the
 * error carries the way back, and that command restores the release.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execa } from 'execa';
import { ExitCode } from '../../src/errors.js';
import { KUBE_1_21, startFakeCluster, type FakeCluster } from '../support/fake-apiserver/index.js';
import { helmBinary } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { helmEnv } from './support.js';

const CHART = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
const open: FakeCluster[] = [];
after(() => Promise.all(open.map((c) => c.close())));

for (const major of [3, 4] as const) {
  test(`helm ${major}: a failed upgrade names the rollback, and the rollback restores the release`, async () => {
    const helm = await helmBinary(major);
    const dir = tempDir(`upgrade-failure-${major}-`);
    const env = helmEnv(dir);
    const cluster = await startFakeCluster({ version: KUBE_1_21 });
    open.push(cluster);
    const kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig, { context: 'fake' });
    const common = ['--helm', helm, '--kubeconfig', kubeconfig, '--chart', CHART];
    const cli = (args: string[]) => runCli([...args, ...common], { cwd: dir, env });
    const history = async () =>
      JSON.parse(
        (
          await execa(helm, ['history', 'polyaxon', '-n', 'polyaxon', '-o', 'json', '--kubeconfig', kubeconfig], {
            env,
          })
        ).stdout,
      ) as { revision: number; status: string }[];

    const installed = await cli(['--preset', 'minikube', '--yes']);
    assert.equal(installed.exitCode, 0, installed.stderr);

    cluster.simulation.failJob = (job) => String(job.metadata?.name).endsWith('-post-install');
    const failed = await cli(['upgrade', '--yes', '--set', 'timezone=Europe/Paris']);
    assert.equal(failed.exitCode, ExitCode.HelmFailed, failed.stderr);
    assert.match(failed.stderr, /^To go back to revision 1: polyaxon-setup rollback --revision 1$/m);
    assert.equal((await history()).at(-1)?.status, 'failed');

    cluster.simulation.failJob = undefined;
    const back = await cli(['rollback', '--revision', '1', '--yes']);
    assert.equal(back.exitCode, 0, back.stderr);
    const after = await history();
    assert.deepEqual([after.at(-1)?.revision, after.at(-1)?.status], [3, 'deployed']);
  });
}
