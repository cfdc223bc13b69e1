/** In-memory Kubernetes API server for tests and `npm run fake-cluster`. */
export { startFakeCluster } from './server.js';
export type { FakeCluster, FakeClusterOptions, RequestLogEntry, Interceptor, InterceptResult } from './server.js';
export { FakeStore } from './store.js';
export type { StoreEvent } from './store.js';
export type { ForbidRule } from './access.js';
export type { ResourceDef } from './resources.js';
export { Simulation } from './simulation.js';
export { certManagerCrds } from './cert-manager.js';
export { tlsSecretFor } from './certs.js';
export { DEFAULT_VERSION, KUBE_1_21, kubeVersionOf } from './discovery.js';
export { argoCdCrds, fluxCrds } from './gitops-crds.js';
