/**
 * Where Polyaxon's outputs (the artifacts store from chart 1.0 on) live, from what the cluster
 * allows: hostPath on the node is the spec's default, which is wrong on several nodes (each pod
 * sees its own node's folder) and refused outright where policy forbids hostPath volumes (Pod
 * Security baseline/restricted, OpenShift's restricted-v2 SCC, GKE Autopilot, Talos's default
 * baseline). There, a claim: on a ReadWriteMany class when there is one, so every pod on every node
 * shares it. Pure.
 */
import type { ProbeResult, StorageClassInfo } from './types.js';

export const PSA_ENFORCE = 'pod-security.kubernetes.io/enforce';

/** The claim the outputs go on; `exists` when the namespace already has it. */
export interface PlannedClaim {
  name: string;
  storageClass: string;
  accessModes: string[];
  size: string;
  exists: boolean;
}

export interface StoragePlan {
  /** Why hostPath volumes would be refused here, most telling first; empty when they are not. */
  hostPathRefused: string[];
  /** Pod Security `restricted` is enforced: containers must run as non-root without privilege escalation. */
  restricted?: string;
  /** The claim for the outputs, and why. */
  claim?: PlannedClaim & { reason: string };
  /** No StorageClass is default: the chart's own claims (postgresql, redis) would stay Pending. */
  noDefaultClass?: { candidates: string[] };
}

export const OUTPUTS_CLAIM = 'polyaxon-pvc-outputs';
export const OUTPUTS_CLAIM_SIZE = '50Gi';

export function storagePlan(r: ProbeResult, preset: string): StoragePlan {
  const plan: StoragePlan = { hostPathRefused: [] };
  const labels = r.permissions.status === 'ok' ? r.permissions.data.namespaceLabels : undefined;
  const enforce = labels?.[PSA_ENFORCE];
  const d = r.distribution;
  if (enforce === 'baseline' || enforce === 'restricted')
    plan.hostPathRefused.push(`namespace ${r.namespace} is labelled ${PSA_ENFORCE}: ${enforce}`);
  if (enforce === 'restricted') plan.restricted = `namespace ${r.namespace} is labelled ${PSA_ENFORCE}: restricted`;
  if (d.name === 'openshift')
    plan.hostPathRefused.push(
      "OpenShift admits the chart's pods under the restricted-v2 SCC, which allows no hostPath",
    );
  if (d.variant === 'autopilot')
    plan.hostPathRefused.push('GKE Autopilot allows hostPath only read-only under /var/log');
  if (d.name === 'talos' && enforce !== 'privileged')
    plan.hostPathRefused.push(
      `Talos enforces Pod Security baseline by default${enforce ? '' : ` and namespace ${r.namespace} sets no other level`}`,
    );

  if (r.storage.status !== 'ok' || preset === 'nfs') return plan;
  const st = r.storage.data;
  if (st.defaults.length === 0 && st.classes.length)
    plan.noDefaultClass = {
      candidates: st.classes.filter((c) => c.provisioner !== 'kubernetes.io/no-provisioner').map((c) => c.name),
    };
  const multiNode = r.nodes.status === 'ok' && r.nodes.data.total > 1;
  if (!multiNode && plan.hostPathRefused.length === 0) return plan;

  const rwx = pickRwx(st.classes);
  const existing = st.claims.find((c) => c.name === OUTPUTS_CLAIM);
  if (rwx) {
    plan.claim = {
      name: OUTPUTS_CLAIM,
      storageClass: existing?.storageClass ?? rwx.name,
      accessModes: ['ReadWriteMany'],
      size: existing?.size ?? OUTPUTS_CLAIM_SIZE,
      exists: Boolean(existing),
      reason: `${plan.hostPathRefused.length ? `${plan.hostPathRefused[0]}, and ` : `${r.nodes.status === 'ok' ? r.nodes.data.total : 'several'} nodes: a host path would differ per node; `}StorageClass ${rwx.name} (${rwx.provisioner}) gives ReadWriteMany claims every pod can share`,
    };
    return plan;
  }
  const fallback =
    st.classes.find((c) => c.isDefault) ?? st.classes.find((c) => c.provisioner !== 'kubernetes.io/no-provisioner');
  if (plan.hostPathRefused.length && fallback)
    plan.claim = {
      name: OUTPUTS_CLAIM,
      storageClass: existing?.storageClass ?? fallback.name,
      accessModes: ['ReadWriteOnce'],
      size: existing?.size ?? OUTPUTS_CLAIM_SIZE,
      exists: Boolean(existing),
      reason: `${plan.hostPathRefused[0]}, so no host path; no ReadWriteMany class, so a ReadWriteOnce claim on ${fallback.name}: pods that use it must share a node`,
    };
  return plan;
}

/** The RWX class to use: the default if it is one, else the first certain one, else one that may be. */
function pickRwx(classes: StorageClassInfo[]): StorageClassInfo | undefined {
  return (
    classes.find((c) => c.isDefault && c.rwx !== 'no' && c.rwx !== 'unknown') ??
    classes.find((c) => c.rwx === 'yes') ??
    classes.find((c) => c.rwx === 'if-requested')
  );
}

/** The claim as a manifest, for `kubectl apply -f -` and for creating it before the install. */
export function claimManifest(c: PlannedClaim, namespace: string) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: c.name, namespace, labels: { 'app.kubernetes.io/part-of': 'polyaxon' } },
    spec: {
      accessModes: c.accessModes,
      storageClassName: c.storageClass,
      resources: { requests: { storage: c.size } },
    },
  };
}
