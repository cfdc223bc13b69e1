/** Kubernetes `Status` bodies, shaped like the apiserver's (see status-403-forbidden.json). */

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason: string; message: string; field?: string }>;
  retryAfterSeconds?: number;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** Thrown by handlers; the router turns it into the HTTP response. */
export class StatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): StatusError {
  const status: KubeStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) status.details = details;
  return new StatusError(status);
}

export function success(details?: StatusDetails): KubeStatus {
  const s: KubeStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

/** `configmaps` or `deployments.apps`, the way kube names a resource in messages. */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

function details(resource: string, group: string, name?: string): StatusDetails {
  const d: StatusDetails = {};
  if (name !== undefined) d.name = name;
  if (group) d.group = group;
  d.kind = resource;
  return d;
}

export const notFound = (resource: string, group: string, name: string) =>
  failure(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, details(resource, group, name));

export const alreadyExists = (resource: string, group: string, name: string) =>
  failure(
    409,
    'AlreadyExists',
    `${qualified(resource, group)} "${name}" already exists`,
    details(resource, group, name),
  );

export const conflict = (
  resource: string,
  group: string,
  name: string,
  why = 'the object has been modified; please apply your changes to the latest version and try again',
) =>
  failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`,
    details(resource, group, name),
  );

export const invalid = (kind: string, group: string, name: string, field: string, reason: string, message: string) =>
  failure(422, 'Invalid', `${kind}${group ? '.' + group : ''} "${name}" is invalid: ${field}: ${message}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: [{ reason, message, field }],
  });

export const badRequest = (message: string) => failure(400, 'BadRequest', message);

export const methodNotAllowed = () =>
  failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

export const pathNotFound = () => failure(404, 'NotFound', 'the server could not find the requested resource', {});

export const unauthorized = () => failure(401, 'Unauthorized', 'Unauthorized');

export const unsupportedMediaType = (type: string) =>
  failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, got ${type}`,
  );

export const gone = (message: string) => failure(410, 'Expired', message);

export function forbidden(
  user: string,
  verb: string,
  resource: string,
  group: string,
  namespace: string | undefined,
  name?: string,
): StatusError {
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const subject = name ? `${qualified(resource, group)} "${name}"` : qualified(resource, group);
  return failure(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${where}`,
    details(resource, group, name),
  );
}
