/**
 * GPUs: the node counters (nodes.ts) plus the NVIDIA components found among DaemonSets, and the
 * driver's host paths for the chart's `dirs.nvidia`. Those paths cannot be read through the API,
 * so they are inferred (FACTS §4.2): certain only where a component mounts them or the platform
 * fixes them (GKE), a hint otherwise.
 */
import type { NvidiaPaths } from '../model/values.js';
import { byCount } from './nodes.js';
import type { WorkloadLike } from './objects.js';
import type { GpuComponent, GpuFinding, GpuNodes, GpuPlatform, NvidiaSuggestion } from './types.js';

const GKE_DRIVER_ROOT = '/home/kubernetes/bin/nvidia';
const OPERATOR_DRIVER_ROOT = '/run/nvidia/driver';

/**
 * The GPU Operator's driver DaemonSet: `nvidia-driver-daemonset`, on OpenShift with the RHCOS
 * version after it (`nvidia-driver-daemonset-415.92.202311241643-0`), labelled app=nvidia-driver-daemonset
 * and, in newer operators, app.kubernetes.io/component=nvidia-driver.
 */
function isOperatorDriver(ds: WorkloadLike): boolean {
  const labels = ds.metadata?.labels ?? {};
  return (
    /^nvidia-driver-daemonset(-|$)/.test(ds.metadata?.name ?? '') ||
    labels.app === 'nvidia-driver-daemonset' ||
    labels['app.kubernetes.io/component'] === 'nvidia-driver'
  );
}

/** The component a DaemonSet is, by the names and labels each installer uses (FACTS §4.1). */
export function gpuComponentOf(ds: WorkloadLike): GpuComponent | undefined {
  const name = ds.metadata?.name ?? '';
  const labels = ds.metadata?.labels ?? {};
  let kind: GpuComponent['kind'] | undefined;
  if (name.startsWith('nvidia-gpu-device-plugin') || labels['k8s-app'] === 'nvidia-gpu-device-plugin')
    kind = 'gke-device-plugin';
  else if (name === 'nvidia-driver-installer' || isOperatorDriver(ds)) kind = 'driver-installer';
  else if (name.includes('nvidia-device-plugin') || labels['app.kubernetes.io/name'] === 'nvidia-device-plugin')
    kind = 'device-plugin';
  else if (name.includes('gpu-feature-discovery')) kind = 'feature-discovery';
  else if (['nvidia-container-toolkit-daemonset', 'nvidia-operator-validator', 'nvidia-dcgm-exporter'].includes(name))
    kind = 'gpu-operator';
  if (!kind) return undefined;
  const hostPaths = (ds.spec?.template.spec?.volumes ?? []).flatMap((v) => (v.hostPath ? [v.hostPath.path] : []));
  return {
    ...(kind === 'driver-installer' && isOperatorDriver(ds) ? { operatorDriver: true } : {}),
    namespace: ds.metadata?.namespace ?? '',
    name,
    kind,
    ...(ds.status?.numberReady !== undefined ? { ready: ds.status.numberReady } : {}),
    ...(ds.status?.desiredNumberScheduled !== undefined ? { desired: ds.status.desiredNumberScheduled } : {}),
    hostPaths,
  };
}

export function interpretGpu(nodes: GpuNodes, components: GpuComponent[], apiGroups: string[] | undefined): GpuFinding {
  const operator =
    Boolean(apiGroups?.includes('nvidia.com')) ||
    components.some((c) => c.kind === 'gpu-operator' || c.operatorDriver === true);
  const devicePlugin = components.some((c) => c.kind === 'device-plugin' || c.kind === 'gke-device-plugin');
  const finding: GpuFinding = { ...nodes, components, operator, devicePlugin };
  if (nodes.nodes === 0) return finding;
  const platform = gpuPlatform(nodes, components);
  const nvidia = nvidiaPathsFor(platform, components, byCount(nodes.architectures)[0]);
  return { ...finding, platform, ...(nvidia ? { nvidia } : {}) };
}

function gpuPlatform(nodes: GpuNodes, components: GpuComponent[]): GpuPlatform {
  if (components.some((c) => c.hostPaths.includes(GKE_DRIVER_ROOT))) return 'gke-cos';
  if (components.some((c) => c.operatorDriver)) return 'gpu-operator';
  const os = byCount(nodes.osImages)[0] ?? '';
  if (/Container-Optimized OS/i.test(os)) return 'gke-cos';
  if (/ubuntu|debian/i.test(os)) return 'debian';
  if (/amazon linux|red hat|rhel|rhcos|centos|rocky|alma|fedora|oracle/i.test(os)) return 'rhel';
  return 'unknown';
}

/** The container side: the legacy layout the chart's mounts were made for (FACTS §4.2). */
function containerPaths(multiarch: string): NvidiaPaths {
  return {
    lib: '/usr/local/nvidia/lib64',
    bin: '/usr/local/nvidia/bin',
    libcuda: `/usr/lib/${multiarch}/libcuda.so.1`,
  };
}

export function nvidiaPathsFor(
  platform: GpuPlatform,
  components: GpuComponent[],
  architecture = 'amd64',
): NvidiaSuggestion | undefined {
  const multiarch = architecture === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  const mountPaths = containerPaths(multiarch);
  switch (platform) {
    case 'gke-cos': {
      const seen = components.find((c) => c.hostPaths.includes(GKE_DRIVER_ROOT));
      return {
        dirs: {
          lib: `${GKE_DRIVER_ROOT}/lib64`,
          bin: `${GKE_DRIVER_ROOT}/bin`,
          libcuda: `${GKE_DRIVER_ROOT}/lib64/libcuda.so.1`,
        },
        mountPaths,
        reason: seen
          ? `GKE installs the driver under ${GKE_DRIVER_ROOT} (mounted by DaemonSet ${seen.namespace}/${seen.name})`
          : `GPU nodes run Container-Optimized OS, where GKE installs the driver under ${GKE_DRIVER_ROOT}`,
        certain: true,
      };
    }
    case 'gpu-operator':
      return {
        dirs: {
          lib: `${OPERATOR_DRIVER_ROOT}/usr/lib/${multiarch}`,
          bin: `${OPERATOR_DRIVER_ROOT}/usr/bin`,
          libcuda: `${OPERATOR_DRIVER_ROOT}/usr/lib/${multiarch}/libcuda.so.1`,
        },
        mountPaths,
        reason: `the NVIDIA GPU Operator's driver container keeps its root at ${OPERATOR_DRIVER_ROOT}; the layout inside it is inferred, and its container toolkit already gives GPU pods the driver`,
        certain: false,
      };
    case 'debian':
      return {
        dirs: { lib: `/usr/lib/${multiarch}`, bin: '/usr/bin', libcuda: `/usr/lib/${multiarch}/libcuda.so.1` },
        mountPaths,
        reason:
          'GPU nodes run Ubuntu/Debian, whose driver packages install into the multiarch library folder; inferred from the OS image, check on a node',
        certain: false,
      };
    case 'rhel':
      return {
        dirs: { lib: '/usr/lib64', bin: '/usr/bin', libcuda: '/usr/lib64/libcuda.so.1' },
        mountPaths,
        reason:
          'GPU nodes run a Red Hat-like OS, whose driver packages install into /usr/lib64; inferred from the OS image, check on a node',
        certain: false,
      };
    case 'unknown':
      return undefined;
  }
}
