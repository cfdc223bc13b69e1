/** A kubeconfig pointing at the fake cluster: CA data inline, bearer token user. */
import yaml from 'js-yaml';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface KubeconfigOptions {
  url: string;
  caPem: string;
  token: string;
  context?: string;
  namespace?: string;
}

export function kubeconfigYaml(o: KubeconfigOptions): string {
  const name = o.context ?? 'fake';
  return yaml.dump({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      { name, cluster: { server: o.url, 'certificate-authority-data': Buffer.from(o.caPem).toString('base64') } },
    ],
    users: [{ name, user: { token: o.token } }],
    contexts: [{ name, context: { cluster: name, user: name, ...(o.namespace ? { namespace: o.namespace } : {}) } }],
    'current-context': name,
  });
}

export async function writeKubeconfigFile(path: string, o: KubeconfigOptions): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Owner-only, like kubectl writes it: helm warns about group/world-readable kubeconfigs.
  await writeFile(path, kubeconfigYaml(o), { mode: 0o600 });
}
