/**
 * What the cluster code uses of @kubernetes/client-node, by name. The bundle can drop what nobody
 * names: imported as a whole namespace, it kept every API group the client has (3.4 MB, compiled
 * on every cluster command); named, it keeps these.
 */
export {
  ApiException,
  ApisApi,
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  HttpMethod,
  KubeConfig,
  NetworkingV1Api,
  Observable,
  ResponseContext,
  ServerConfiguration,
  StorageV1Api,
  VersionApi,
  createConfiguration,
} from '@kubernetes/client-node';
