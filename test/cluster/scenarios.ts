/** The clusters the tests probe: each fixture cluster, and ones composed from the fixtures. */
import { fixture } from '../support/paths.js';
import type { ClusterObjects } from './compose.js';
import { nodeWith, variant } from './compose.js';

const kubeDnsService = () => fixture('kubeadm-kube-dns-service.json');
const corefile = (domain = 'cluster.local') =>
  variant('kubespray-coredns-configmap.json', (c) => {
    delete c.metadata.labels;
    c.data.Corefile = c.data.Corefile.replace('kubernetes cluster.local', `kubernetes ${domain}`);
  });
const coreDnsDeployment = () =>
  variant('kubespray-coredns-deployment.json', (d) => {
    delete d.spec.template.metadata.annotations;
  });
const storageClass = (name: string, provisioner: string, isDefault = false) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  provisioner,
});
const ingressClass = (name: string, controller: string, isDefault = true) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  spec: { controller },
});
export const gkeDevicePlugin = () => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'nvidia-gpu-device-plugin-small-cos',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'nvidia-gpu-device-plugin' },
  },
  spec: {
    selector: { matchLabels: { 'k8s-app': 'nvidia-gpu-device-plugin' } },
    template: {
      metadata: { labels: { 'k8s-app': 'nvidia-gpu-device-plugin' } },
      spec: {
        containers: [{ name: 'nvidia-gpu-device-plugin', image: 'gke.gcr.io/nvidia-gpu-device-plugin' }],
        volumes: [{ name: 'nvidia', hostPath: { path: '/home/kubernetes/bin/nvidia' } }],
      },
    },
  },
  status: { numberReady: 1, desiredNumberScheduled: 1 },
});
const pvc = (name: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'polyaxon' },
  spec: {
    accessModes: ['ReadWriteMany'],
    storageClassName: 'nfs-client',
    resources: { requests: { storage: '10Gi' } },
  },
});
const openshiftDns = () =>
  variant('kubeadm-kube-dns-service.json', (s) => {
    s.metadata = {
      name: 'dns-default',
      namespace: 'openshift-dns',
      labels: { 'dns.operator.openshift.io/owning-dns': 'default' },
    };
    s.spec.clusterIP = '172.30.0.10';
    s.spec.clusterIPs = ['172.30.0.10'];
  });

const gpuNode = (name: string, labels: Record<string, string>, taint?: boolean) =>
  variant('node-gke-t4.json', (n) => {
    n.metadata.name = name;
    n.metadata.labels = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels };
    delete n.spec.providerID;
    if (!taint) delete n.spec.taints;
    n.status.nodeInfo.kubeletVersion = 'v1.29.6+aba1e8d';
    n.status.nodeInfo.osImage = 'Red Hat Enterprise Linux CoreOS 415.92.202406251950-0 (Plow)';
  });
const bareMetalNodes = () =>
  ['cp-1', 'worker-1', 'worker-2'].map((name) =>
    variant('node-minikube.json', (n) => {
      n.metadata.name = name;
      n.metadata.labels = {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
      };
      delete n.spec.providerID;
      n.status.nodeInfo.osImage = 'Ubuntu 24.04.1 LTS';
    }),
  );
const rke2Agent = (name: string) =>
  variant('node-rke2.json', (n) => {
    n.metadata.name = name;
    n.metadata.labels['kubernetes.io/hostname'] = name;
    for (const role of ['control-plane', 'etcd', 'master']) delete n.metadata.labels[`node-role.kubernetes.io/${role}`];
    n.spec.providerID = `rke2://${name}`;
  });

/** The outputs (the artifacts store from chart 1.0 on) on the claim the install creates. */
const OUTPUTS_ON_CLAIM = {
  outputs: { 'default-outputs': null, outputs: { existingClaim: 'polyaxon-pvc-outputs', mountPath: '/outputs' } },
};
/** Where hostPath is refused: the default data volume (a host path) goes too. */
const NO_HOST_PATHS = { ...OUTPUTS_ON_CLAIM, data: { 'default-data': null } };

/** A class of storageclasses-mixed.json, made the default or not. */
const mixedClass = (name: string, isDefault = false) => {
  const c = fixture('storageclasses-mixed.json').items.find((x: any) => x.metadata.name === name);
  const annotations = { ...c.metadata.annotations };
  delete annotations['storageclass.kubernetes.io/is-default-class'];
  delete annotations['storageclass.beta.kubernetes.io/is-default-class'];
  if (isDefault) annotations['storageclass.kubernetes.io/is-default-class'] = 'true';
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', ...c, metadata: { ...c.metadata, annotations } };
};
const aksNode = (name: string) =>
  nodeWith({
    name,
    labels: { 'kubernetes.azure.com/agentpool': 'nodepool1', 'kubernetes.azure.com/cluster': 'MC_rg_ml_westeurope' },
    providerID: `azure:///subscriptions/0000/resourceGroups/mc_rg_ml_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/${name.slice(-1)}`,
    osImage: 'Ubuntu 22.04.4 LTS',
  });

export interface Scenario extends ClusterObjects {
  expect: { distribution: string; preset: string; values: Record<string, unknown> };
}

export const SCENARIOS: Record<string, Scenario> = {
  'GKE with a T4 GPU node': {
    version: fixture('version-gke.json'),
    nodes: [
      fixture('node-gke-t4.json'),
      nodeWith({
        name: 'gke-ml-cluster-default-pool-1',
        labels: { 'cloud.google.com/gke-nodepool': 'default-pool' },
        osImage: 'Container-Optimized OS from Google',
      }),
    ],
    kubeSystemServices: [kubeDnsService()],
    dnsDeployments: [fixture('gke-kube-dns-deployment.json')],
    daemonSets: [gkeDevicePlugin()],
    storageClasses: [
      storageClass('standard-rwo', 'pd.csi.storage.gke.io', true),
      storageClass('standard-rwx', 'filestore.csi.storage.gke.io'),
    ],
    expect: {
      distribution: 'gke',
      preset: 'gke',
      values: {
        persistence: OUTPUTS_ON_CLAIM,
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        resourcesDaemon: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
        dirs: {
          nvidia: {
            lib: '/home/kubernetes/bin/nvidia/lib64',
            bin: '/home/kubernetes/bin/nvidia/bin',
            libcuda: '/home/kubernetes/bin/nvidia/lib64/libcuda.so.1',
          },
        },
        mountPaths: {
          nvidia: {
            lib: '/usr/local/nvidia/lib64',
            bin: '/usr/local/nvidia/bin',
            libcuda: '/usr/lib/x86_64-linux-gnu/libcuda.so.1',
          },
        },
      },
    },
  },
  minikube: {
    nodes: [fixture('node-minikube.json')],
    kubeSystemServices: [kubeDnsService()],
    dnsDeployments: [coreDnsDeployment()],
    corefile: corefile(),
    storageClasses: [storageClass('standard', 'k8s.io/minikube-hostpath', true)],
    ingressClasses: [ingressClass('nginx', 'k8s.io/ingress-nginx')],
    expect: {
      distribution: 'minikube',
      preset: 'minikube',
      values: { deploymentType: 'minikube', dns: { backend: 'kube-dns' } },
    },
  },
  microk8s: {
    nodes: [fixture('node-microk8s.json')],
    kubeSystemServices: [variant('kubeadm-kube-dns-service.json', (s) => (s.spec.clusterIP = '10.152.183.10'))],
    corefile: corefile(),
    storageClasses: [storageClass('microk8s-hostpath', 'microk8s.io/hostpath', true)],
    expect: {
      distribution: 'microk8s',
      preset: 'microk8s',
      values: { deploymentType: 'microk8s', dns: { backend: 'kube-dns' } },
    },
  },
  k3s: {
    version: fixture('version-k3s.json'),
    nodes: [fixture('node-k3s.json')],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    ingressClasses: fixture('ingressclasses-k3s.json').items.map((c: object) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      ...c,
    })),
    expect: {
      distribution: 'k3s',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'traefik' } },
      },
    },
  },
  'kind, one node, no ingress controller': {
    nodes: [nodeWith({ name: 'kind-control-plane', providerID: 'kind://docker/kind/kind-control-plane' })],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('standard', 'rancher.io/local-path', true)],
    expect: {
      distribution: 'kind',
      preset: 'minikube',
      values: { deploymentType: 'kubernetes', dns: { backend: 'kube-dns' } },
    },
  },
  kubespray: {
    nodes: [nodeWith({ name: 'node1' }), nodeWith({ name: 'node2' }), nodeWith({ name: 'node3' })],
    kubeSystemServices: [fixture('kubespray-coredns-service.json')],
    dnsDeployments: [fixture('kubespray-coredns-deployment.json')],
    corefile: fixture('kubespray-coredns-configmap.json'),
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    expect: {
      distribution: 'kubespray',
      preset: 'kubespray',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'coredns' },
        ingress: { enabled: false },
        serviceType: 'NodePort',
      },
    },
  },
  OpenShift: {
    version: { gitVersion: 'v1.29.6+aba1e8d' },
    nodes: [
      nodeWith({
        name: 'master-0',
        labels: { 'node.openshift.io/os_id': 'rhcos' },
        osImage: 'Red Hat Enterprise Linux CoreOS 416',
      }),
      nodeWith({ name: 'worker-0', labels: { 'node.openshift.io/os_id': 'rhcos' } }),
    ],
    openshiftServices: [openshiftDns()],
    ingressClasses: [ingressClass('openshift-default', 'openshift.io/ingress-to-route', false)],
    storageClasses: [storageClass('gp3-csi', 'ebs.csi.aws.com', true)],
    expect: {
      distribution: 'openshift',
      preset: 'openshift',
      values: {
        persistence: NO_HOST_PATHS,
        deploymentType: 'kubernetes',
        dns: { prefix: 'dns-default.openshift-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'openshift-default' } },
      },
    },
  },
  EKS: {
    version: { gitVersion: 'v1.30.4-eks-a737599' },
    nodes: [1, 2].map((i) =>
      nodeWith({
        name: `ip-10-0-1-${i}`,
        labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' },
        providerID: `aws:///us-east-1a/i-0${i}`,
        kubeletVersion: 'v1.30.4-eks-a737599',
        osImage: 'Amazon Linux 2023',
      }),
    ),
    kubeSystemServices: [
      variant('kubeadm-kube-dns-service.json', (s) => (s.metadata.labels['eks.amazonaws.com/component'] = 'kube-dns')),
    ],
    storageClasses: [storageClass('gp2', 'kubernetes.io/aws-ebs', true), storageClass('efs-sc', 'efs.csi.aws.com')],
    expect: {
      distribution: 'eks',
      preset: 'eks',
      values: {
        persistence: OUTPUTS_ON_CLAIM,
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
      },
    },
  },
  'a custom cluster domain': {
    nodes: [nodeWith({ name: 'cp-1' }), nodeWith({ name: 'worker-1' })],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile('corp.internal'),
    storageClasses: [storageClass('nfs-client', 'cluster.local/nfs-subdir-external-provisioner', true)],
    ingressClasses: [ingressClass('nginx', 'k8s.io/ingress-nginx')],
    expect: {
      distribution: 'generic',
      preset: 'kubernetes',
      values: {
        persistence: OUTPUTS_ON_CLAIM,
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns', customCluster: 'corp.internal' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      },
    },
  },
  'claims from polyaxon-nfs-provisioner': {
    nodes: [nodeWith({ name: 'cp-1' }), nodeWith({ name: 'worker-1' })],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('polyaxon-nfs', 'cluster.local/polyaxon-nfs-provisioner', true)],
    claims: ['logs', 'repos', 'upload', 'data', 'outputs'].map((x) => pvc(`polyaxon-pvc-${x}`)),
    ingressClasses: [ingressClass('nginx', 'k8s.io/ingress-nginx')],
    expect: {
      distribution: 'generic',
      preset: 'nfs',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      },
    },
  },
  'RKE2 with a custom cluster domain (Corefile in the ConfigMap its DNS Deployment mounts)': {
    version: { gitVersion: 'v1.30.4+rke2r1' },
    nodes: [fixture('node-rke2.json'), rke2Agent('rke2-agent-1'), rke2Agent('rke2-agent-2')],
    kubeSystemServices: [fixture('rke2-coredns-service.json')],
    dnsDeployments: [fixture('rke2-coredns-deployment.json')],
    configMaps: [fixture('rke2-coredns-configmap.json')],
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    ingressClasses: [ingressClass('nginx', 'k8s.io/ingress-nginx', false)],
    expect: {
      distribution: 'rke2',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        dns: { prefix: 'rke2-coredns-rke2-coredns.kube-system', customCluster: 'corp.internal' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      },
    },
  },
  'OpenShift with the GPU Operator (driver DaemonSet named after the RHCOS version)': {
    version: { gitVersion: 'v1.28.11+add48d0' },
    nodes: [
      nodeWith({ name: 'master-0', labels: { 'node.openshift.io/os_id': 'rhcos' } }),
      gpuNode('gpu-worker-0', { 'node.openshift.io/os_id': 'rhcos', 'nvidia.com/gpu.deploy.driver': 'true' }),
    ],
    openshiftServices: [openshiftDns()],
    daemonSets: [fixture('daemonset-gpu-operator-driver-openshift.json')],
    ingressClasses: [ingressClass('openshift-default', 'openshift.io/ingress-to-route', false)],
    storageClasses: [storageClass('gp3-csi', 'ebs.csi.aws.com', true)],
    expect: {
      distribution: 'openshift',
      preset: 'openshift',
      values: {
        persistence: NO_HOST_PATHS,
        deploymentType: 'kubernetes',
        dns: { prefix: 'dns-default.openshift-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'openshift-default' } },
      },
    },
  },
  'GKE Autopilot (gk3- nodes, auto.gke.io)': {
    version: fixture('version-gke.json'),
    apiGroups: ['auto.gke.io'],
    nodes: [
      fixture('node-gke-autopilot.json'),
      variant('node-gke-autopilot.json', (n) => {
        n.metadata.name = 'gk3-ml-autopilot-pool-2-3c1a7d5e-zt4w';
        n.metadata.labels['kubernetes.io/hostname'] = n.metadata.name;
      }),
    ],
    kubeSystemServices: [kubeDnsService()],
    dnsDeployments: [fixture('gke-kube-dns-deployment.json')],
    storageClasses: [
      storageClass('standard-rwo', 'pd.csi.storage.gke.io', true),
      storageClass('premium-rwo', 'pd.csi.storage.gke.io'),
    ],
    expect: {
      distribution: 'gke',
      preset: 'gke',
      values: {
        persistence: NO_HOST_PATHS,
        deploymentType: 'kubernetes',
        dirs: { nvidia: null },
        mountPaths: { nvidia: null },
        dns: { backend: 'kube-dns' },
      },
    },
  },
  'DigitalOcean (DOKS) without an ingress controller': {
    version: { gitVersion: 'v1.31.1' },
    nodes: [
      fixture('node-doks.json'),
      variant('node-doks.json', (n) => {
        n.metadata.name = 'pool-un5t2n2gp-8b87q';
        n.metadata.labels['kubernetes.io/hostname'] = n.metadata.name;
        n.spec.providerID = 'digitalocean://245738309';
      }),
    ],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('do-block-storage', 'dobs.csi.digitalocean.com', true)],
    expect: {
      distribution: 'doks',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        ingress: { enabled: false },
        serviceType: 'LoadBalancer',
      },
    },
  },
  'bare metal, no ingress controller, no LoadBalancer implementation': {
    nodes: bareMetalNodes(),
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    expect: {
      distribution: 'generic',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        ingress: { enabled: false },
        serviceType: 'NodePort',
      },
    },
  },
  'bare metal with MetalLB, no ingress controller': {
    nodes: bareMetalNodes(),
    apiGroups: ['metallb.io'],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    expect: {
      distribution: 'generic',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        ingress: { enabled: false },
        serviceType: 'LoadBalancer',
      },
    },
  },
  'bare metal with Cilium LB IPAM (a pool), no ingress controller': {
    nodes: bareMetalNodes(),
    apiGroups: ['cilium.io'],
    ciliumPools: 1,
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    expect: {
      distribution: 'generic',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        ingress: { enabled: false },
        serviceType: 'LoadBalancer',
      },
    },
  },
  'GPU nodes only, all tainted: the core pods must tolerate the taint': {
    version: fixture('version-gke.json'),
    nodes: [
      fixture('node-gke-t4.json'),
      variant('node-gke-t4.json', (n) => {
        n.metadata.name = 'gke-ml-cluster-gpu-pool-2';
        n.metadata.labels['kubernetes.io/hostname'] = n.metadata.name;
      }),
    ],
    kubeSystemServices: [kubeDnsService()],
    dnsDeployments: [fixture('gke-kube-dns-deployment.json')],
    daemonSets: [gkeDevicePlugin()],
    storageClasses: [storageClass('standard-rwo', 'pd.csi.storage.gke.io', true)],
    expect: {
      distribution: 'gke',
      preset: 'gke',
      values: {
        deploymentType: 'kubernetes',
        dns: { backend: 'kube-dns' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        resourcesDaemon: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
        dirs: {
          nvidia: {
            lib: '/home/kubernetes/bin/nvidia/lib64',
            bin: '/home/kubernetes/bin/nvidia/bin',
            libcuda: '/home/kubernetes/bin/nvidia/lib64/libcuda.so.1',
          },
        },
        mountPaths: {
          nvidia: {
            lib: '/usr/local/nvidia/lib64',
            bin: '/usr/local/nvidia/bin',
            libcuda: '/usr/lib/x86_64-linux-gnu/libcuda.so.1',
          },
        },
      },
    },
  },
  'AKS with Azure Files (ReadWriteMany) beside the default disk class': {
    nodes: [aksNode('aks-nodepool1-12345678-vmss000000'), aksNode('aks-nodepool1-12345678-vmss000001')],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('managed-csi', 'disk.csi.azure.com', true), mixedClass('azurefile-csi')],
    ingressClasses: [ingressClass('webapprouting.kubernetes.azure.com', 'webapprouting.kubernetes.azure.com/nginx')],
    expect: {
      distribution: 'aks',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        persistence: OUTPUTS_ON_CLAIM,
        dns: { backend: 'kube-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'webapprouting.kubernetes.azure.com' } },
      },
    },
  },
  'kubeadm with Longhorn, the namespace enforcing Pod Security restricted': {
    nodes: bareMetalNodes(),
    namespaceLabels: {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
    },
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [mixedClass('longhorn', true)],
    ingressClasses: [ingressClass('nginx', 'k8s.io/ingress-nginx')],
    expect: {
      distribution: 'generic',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        persistence: NO_HOST_PATHS,
        securityContext: { enabled: true, runAsNonRoot: true, allowPrivilegeEscalation: false },
        dns: { backend: 'kube-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      },
    },
  },
  'kubeadm with CephFS, the namespace enforcing Pod Security baseline': {
    nodes: bareMetalNodes(),
    namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'baseline' },
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('rook-ceph-block', 'rook-ceph.rbd.csi.ceph.com', true), mixedClass('rook-cephfs')],
    ingressClasses: [ingressClass('nginx', 'k8s.io/ingress-nginx')],
    expect: {
      distribution: 'generic',
      preset: 'kubernetes',
      values: {
        deploymentType: 'kubernetes',
        persistence: NO_HOST_PATHS,
        dns: { backend: 'kube-dns' },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      },
    },
  },
  'Talos, one node (Pod Security baseline by default)': {
    nodes: [fixture('node-talos.json')],
    kubeSystemServices: [kubeDnsService()],
    corefile: corefile(),
    storageClasses: [storageClass('local-path', 'rancher.io/local-path', true)],
    expect: {
      distribution: 'talos',
      preset: 'minikube',
      values: {
        deploymentType: 'kubernetes',
        persistence: {
          outputs: {
            'default-outputs': null,
            outputs: { existingClaim: 'polyaxon-pvc-outputs', mountPath: '/outputs' },
          },
          data: { 'default-data': null },
        },
        dns: { backend: 'kube-dns' },
      },
    },
  },
};
