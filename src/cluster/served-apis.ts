/**
 * What the API server serves, as helm's discovery sees it: its version, every group version, and
 * on demand the kinds of one group version. A chart fits the cluster only when every object it
 * renders is of a kind served here.
 */
import type { Kube } from './client.js';
import { kubeGitVersion } from './failures.js';

export interface ServedApis {
  gitVersion: string;
  /** "v1", "apps/v1", "networking.k8s.io/v1", ... */
  groupVersions: string[];
  /** The kinds served at one group version (one request each, remembered). */
  kinds(groupVersion: string): Promise<Set<string>>;
}

export async function readServedApis(kube: Kube): Promise<ServedApis> {
  const [version, groups] = await Promise.all([
    kube.call((o) => kube.version.getCode(o)),
    kube.call((o) => kube.apis.getAPIVersions(o)),
  ]);
  const groupVersions = ['v1', ...(groups.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion))];
  const known = new Map<string, Promise<Set<string>>>();
  const kinds = (gv: string): Promise<Set<string>> => {
    let p = known.get(gv);
    if (!p) {
      const slash = gv.indexOf('/');
      const list =
        slash < 0
          ? kube.call((o) => kube.core.getAPIResources(o))
          : kube.call((o) =>
              kube.custom.getAPIResources({ group: gv.slice(0, slash), version: gv.slice(slash + 1) }, o),
            );
      p = list.then((l) => new Set((l.resources ?? []).filter((r) => !r.name.includes('/')).map((r) => r.kind)));
      known.set(gv, p);
    }
    return p;
  };
  return { gitVersion: kubeGitVersion(version), groupVersions, kinds };
}
