/** @kubernetes/client-node wiring for tests that talk to a fake cluster. */
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import type { FakeCluster } from './server.js';

export function kubeConfigFor(
  cluster: FakeCluster,
  opts: { token?: string; namespace?: string; context?: string } = {},
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(cluster.kubeconfigYaml(opts));
  return kc;
}

/** Awaits a call expected to fail with an ApiException; returns its code and parsed Status body. */
export async function apiError(p: Promise<unknown>): Promise<{ code: number; status: any }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    let status: any;
    try {
      status = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    } catch {
      status = e.body;
    }
    return { code: e.code, status };
  }
  throw new Error('expected the call to fail');
}
