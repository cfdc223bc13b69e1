/** URL paths of the Kubernetes API, parsed into what they address. */

export type Route =
  | { kind: 'root' }
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'resources'; group: string; version: string }
  | { kind: 'openapi'; path: string[] }
  | {
      kind: 'resource';
      group: string;
      version: string;
      plural: string;
      namespace?: string;
      name?: string;
      subresource?: string;
      watchPath: boolean;
    }
  | { kind: 'unknown' };

function resourcePath(group: string, version: string, rest: string[]): Route {
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // /api/v1/namespaces/<ns>/<plural>/... is namespaced;
  // /api/v1/namespaces/<ns>[/status|/finalize] is the namespace itself.
  const namespaceSub = group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSub) {
    namespace = decodeURIComponent(rest[1]);
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return { kind: 'unknown' };
  const [plural, name, subresource] = rest.map(decodeURIComponent);
  return { kind: 'resource', group, version, plural, namespace, name, subresource, watchPath };
}

export function route(pathname: string): Route {
  const s = pathname.split('/').filter((x) => x.length > 0);
  if (s.length === 0) return { kind: 'root' };
  switch (s[0]) {
    case 'version':
      return s.length === 1 ? { kind: 'version' } : { kind: 'unknown' };
    case 'healthz':
    case 'livez':
    case 'readyz':
      return { kind: 'health' };
    case 'openapi':
      return { kind: 'openapi', path: s.slice(1) };
    case 'api':
      if (s.length === 1) return { kind: 'api' };
      if (s[1] !== 'v1') return { kind: 'unknown' };
      return s.length === 2 ? { kind: 'resources', group: '', version: 'v1' } : resourcePath('', 'v1', s.slice(2));
    case 'apis':
      if (s.length === 1) return { kind: 'apis' };
      if (s.length === 2) return { kind: 'group', group: s[1] };
      if (s.length === 3) return { kind: 'resources', group: s[1], version: s[2] };
      return resourcePath(s[1], s[2], s.slice(3));
    default:
      return { kind: 'unknown' };
  }
}

/** HTTP method (+ whether a name and watch were given) → Kubernetes verb. */
export function verbOf(method: string, hasName: boolean, watch: boolean): string | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}
