import type { ClusterFacts } from '../../steps/facts.js';

/**
 * The probe's findings, or how to start the probe. A function is called once the first screen is
 * up, so loading the Kubernetes client never delays it.
 */
export type FactsSource = Promise<ClusterFacts | undefined> | (() => Promise<ClusterFacts | undefined>);

export function startFacts(source: FactsSource): Promise<ClusterFacts | undefined> {
  try {
    return typeof source === 'function' ? source() : source;
  } catch (e) {
    return Promise.reject(e);
  }
}
