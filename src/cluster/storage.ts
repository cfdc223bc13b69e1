/**
 * A StorageClass does not say which access modes it supports; ReadWriteMany is a property of the
 * provisioner (FACTS §5), so it is looked up by name here.
 */
import type { PvcLike, StorageClassLike } from './objects.js';
import type { ClaimInfo, RwxSupport, StorageClassInfo, StorageFinding } from './types.js';

export const CLAIMS_CAP = 50;

const RWX: [RegExp, RwxSupport][] = [
  [
    /^(filestore\.csi\.storage\.gke\.io|efs\.csi\.aws\.com|file\.csi\.azure\.com|kubernetes\.io\/azure-file|nfs\.csi\.k8s\.io|nfs\.longhorn\.io)$/,
    'yes',
  ],
  [/(^|\.)cephfs\.csi\.ceph\.com$/, 'yes'],
  // nfs-subdir-external-provisioner, nfs-server-provisioner (polyaxon-nfs-provisioner) and the like.
  [/nfs/i, 'yes'],
  // Longhorn serves ReadWriteMany through a share-manager pod, only when the claim asks for it.
  [/^driver\.longhorn\.io$/, 'if-requested'],
  [
    /^(rancher\.io\/local-path|k8s\.io\/minikube-hostpath|microk8s\.io\/hostpath|pd\.csi\.storage\.gke\.io|kubernetes\.io\/gce-pd|ebs\.csi\.aws\.com|kubernetes\.io\/aws-ebs|disk\.csi\.azure\.com|kubernetes\.io\/azure-disk|kubernetes\.io\/no-provisioner)$/,
    'no',
  ],
  [/(^|\.)rbd\.csi\.ceph\.com$/, 'no'],
];

export function rwxSupport(provisioner: string): RwxSupport {
  return RWX.find(([re]) => re.test(provisioner))?.[1] ?? 'unknown';
}

export function isDefaultClass(annotations: Record<string, string> | undefined): boolean {
  return (
    annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

export function interpretStorage(classes: StorageClassLike[], claims: PvcLike[]): StorageFinding {
  const infos: StorageClassInfo[] = classes.map((c) => ({
    name: c.metadata?.name ?? '',
    provisioner: c.provisioner,
    isDefault: isDefaultClass(c.metadata?.annotations),
    rwx: rwxSupport(c.provisioner),
    ...(c.volumeBindingMode ? { bindingMode: c.volumeBindingMode } : {}),
  }));
  return {
    classes: infos,
    defaults: infos.filter((c) => c.isDefault).map((c) => c.name),
    rwxClasses: infos.filter((c) => c.rwx === 'yes' || c.rwx === 'if-requested').map((c) => c.name),
    claims: claims.slice(0, CLAIMS_CAP).map(claimInfo),
    claimCount: claims.length,
  };
}

function claimInfo(p: PvcLike): ClaimInfo {
  const size = p.status?.capacity?.storage ?? p.spec?.resources?.requests?.storage;
  return {
    name: p.metadata?.name ?? '',
    accessModes: p.spec?.accessModes ?? [],
    ...(p.spec?.storageClassName ? { storageClass: p.spec.storageClassName } : {}),
    ...(p.status?.phase ? { phase: p.status.phase } : {}),
    ...(size ? { size } : {}),
  };
}
