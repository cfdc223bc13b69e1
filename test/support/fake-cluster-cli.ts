/**
 * `npm run fake-cluster -- --kubeconfig FILE [fixture.json ...]`: an in-memory cluster for trying
 * the installer by hand. Fixture names are looked up as paths first, then in test/data/k8s-fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { kubeVersionOf, startFakeCluster } from './fake-apiserver/index.js';
import { fixturePath } from './paths.js';

const USAGE = `usage: npm run fake-cluster -- --kubeconfig FILE [--context NAME] [--port N]
         [--version-fixture version-gke.json | --kube-version v1.21.14] [--fail-jobs REGEX] [--pods-pending]
         [--cert-manager] [--argocd] [--flux] [--debug]
         [fixture.json ...]`;

function readJson(name: string): unknown {
  const path = existsSync(name) ? name : fixturePath(name);
  if (!existsSync(path)) throw new Error(`no such fixture: ${name} (looked in . and ${fixturePath('')})`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kubeconfig: { type: 'string' },
      context: { type: 'string', default: 'fake' },
      namespace: { type: 'string' },
      port: { type: 'string' },
      'version-fixture': { type: 'string' },
      'kube-version': { type: 'string' },
      'fail-jobs': { type: 'string' },
      'pods-pending': { type: 'boolean', default: false },
      'cert-manager': { type: 'boolean', default: false },
      argocd: { type: 'boolean', default: false },
      flux: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.kubeconfig) {
    process.stderr.write(USAGE + '\n');
    process.exit(values.help ? 0 : 2);
  }
  const failJobs = values['fail-jobs'] ? new RegExp(values['fail-jobs']) : undefined;
  const cluster = await startFakeCluster({
    objects: positionals.map(readJson),
    version: values['version-fixture']
      ? (readJson(values['version-fixture']) as Record<string, unknown>)
      : values['kube-version']
        ? kubeVersionOf(values['kube-version'])
        : undefined,
    port: values.port ? Number(values.port) : undefined,
    failJob: failJobs ? (job) => failJobs.test(job.metadata?.name ?? '') : undefined,
    podsPending: values['pods-pending'],
    certManager: values['cert-manager'],
    argoCd: values.argocd,
    flux: values.flux,
    debug: values.debug,
  });
  const kubeconfig = resolve(values.kubeconfig);
  await cluster.writeKubeconfig(kubeconfig, { context: values.context, namespace: values.namespace });
  process.stdout.write(
    `fake cluster listening on ${cluster.url}\nkubeconfig: ${kubeconfig} (context ${values.context})\nCtrl-C to stop.\n`,
  );
  const stop = async (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the fake cluster\n`);
    await cluster.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`fake-cluster: ${(e as Error).message}\n`);
  process.exit(1);
});
