/**
 * Answers that set every key the spec names, away from its default, so a test can follow each one
 * to the rendered manifests of every chart line (or to the warning that says it was left out).
 */
import type { Values } from '../../src/model/values.js';

export const EVERY_KEY: Values = {
  deploymentType: 'kubernetes',
  deploymentVersion: '1.2.3',
  namespace: 'polyaxon',
  rbac: { enabled: true },
  ingress: {
    enabled: true,
    path: '/',
    hostName: 'px.example.com',
    annotations: { 'kubernetes.io/ingress.class': 'nginx', 'cert-manager.io/cluster-issuer': 'le' },
    tls: [{ secretName: 'px-tls', hosts: ['px.example.com'] }],
  },
  api: { service: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' } } },
  serviceType: 'NodePort',
  dns: { backend: 'coredns', customCluster: 'corp.local', prefix: 'coredns.kube-system' },
  timezone: 'Europe/Berlin',
  user: { username: 'admin', email: 'admin@example.com', password: 'S3cret-planted-pw' },
  dirs: { nvidia: { lib: '/usr/lib/nvidia', bin: '/usr/lib/nvidia/bin', libcuda: '/usr/lib/libcuda.so.1' } },
  mountPaths: {
    nvidia: { lib: '/usr/local/nvidia/lib', bin: '/usr/local/nvidia/bin', libcuda: '/usr/lib/libcuda.so.1' },
  },
  persistence: {
    logs: { existingClaim: 'px-logs' },
    repos: { existingClaim: 'px-repos' },
    upload: { existingClaim: 'px-upload' },
    data: { 'default-data': null, 'data-claim': { existingClaim: 'px-data', mountPath: '/data' } },
    outputs: { 'default-outputs': null, 'outputs-claim': { existingClaim: 'px-outputs', mountPath: '/outputs' } },
  },
  nodeSelector: { pool: 'core' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'px', effect: 'NoSchedule' }],
  postgresql: { nodeSelector: { pool: 'db' } },
  redis: { master: { nodeSelector: { pool: 'cache' } }, slave: { nodeSelector: { pool: 'cache' } } },
  rabbitmq: { nodeSelector: { pool: 'mq' } },
  resourcesDaemon: { enabled: false, tolerations: [] },
  allowedHosts: ['10.0.0.1'],
  hostName: 'px.example.com',
  ui: { adminEnabled: false },
  securityContext: {
    enabled: true,
    runAsUser: 3000,
    runAsGroup: 3000,
    fsGroup: 3000,
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    fsGroupChangePolicy: 'OnRootMismatch',
  },
};
