/**
 * The few fields of each Kubernetes object the probe reads. Structural, so the interpreters take
 * the client's typed models and plain JSON (the fixtures, timestamps still strings) alike, and so
 * nothing here loads @kubernetes/client-node.
 */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeLike {
  metadata?: ObjectMeta;
  spec?: { providerID?: string; taints?: Taint[]; unschedulable?: boolean };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: { type: string; status: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; architecture?: string; containerRuntimeVersion?: string };
  };
}

export interface ServiceLike {
  metadata?: ObjectMeta;
  spec?: { clusterIP?: string; selector?: Record<string, string> };
}

interface ContainerLike {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
}

interface PodTemplateLike {
  metadata?: ObjectMeta;
  spec?: {
    containers: ContainerLike[];
    volumes?: { name: string; hostPath?: { path: string }; configMap?: { name?: string } }[];
  };
}

export interface WorkloadLike {
  metadata?: ObjectMeta;
  spec?: { template: PodTemplateLike };
  status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
}

export interface ConfigMapLike {
  metadata?: ObjectMeta;
  data?: Record<string, string>;
}

export interface SecretLike {
  metadata?: ObjectMeta;
  type?: string;
  data?: Record<string, string>;
}

export interface StorageClassLike {
  metadata?: ObjectMeta;
  provisioner: string;
  volumeBindingMode?: string;
}

export interface PvcLike {
  metadata?: ObjectMeta;
  spec?: { accessModes?: string[]; storageClassName?: string; resources?: { requests?: Record<string, string> } };
  status?: { phase?: string; capacity?: Record<string, string> };
}

export interface IngressClassLike {
  metadata?: ObjectMeta;
  spec?: { controller?: string };
}

/** cert-manager's ClusterIssuer, read as plain JSON through CustomObjectsApi. */
export interface ClusterIssuerLike {
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}

export interface VersionLike {
  major?: string;
  minor?: string;
  gitVersion: string;
  platform?: string;
}

export interface AccessReviewLike {
  status?: { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}
