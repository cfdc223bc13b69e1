/** The HTTPS server: request log, failure hooks, bearer auth, routing to discovery and the verb handlers. */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Access, FAKE_USER, type ForbidRule } from './access.js';
import { certManagerCrds } from './cert-manager.js';
import { argoCdCrds, fluxCrds } from './gitops-crds.js';
import { makeTlsMaterial } from './certs.js';
import { DEFAULT_VERSION, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import { Handlers, type ApiRequest } from './handlers.js';
import { kubeconfigYaml, writeKubeconfigFile } from './kubeconfig.js';
import { OPENAPI_V2_PROTOBUF, openapiResponse, openapiV2Document } from './openapi.js';
import { route, verbOf, type Route } from './routing.js';
import { Simulation } from './simulation.js';
import * as S from './status.js';
import { FakeStore } from './store.js';
import { serveWatch } from './watch.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: URLSearchParams;
  /** HTTP status sent; 0 while unanswered (or when the connection was closed on purpose). */
  status: number;
  time: number;
  accept?: string;
  contentType?: string;
  userAgent?: string;
  /** No route matched: a path the fake does not implement. */
  unhandled?: boolean;
  /** Which TLS connection carried it (1 for the first the server accepted): shows keep-alive reuse. */
  connection: number;
}

export type InterceptResult =
  | 'hang'
  | 'garbage'
  | 'close'
  /** Headers promising a body, half of it, then the connection cut: a truncated response. */
  | 'truncate'
  | { status: number; body: unknown }
  | { delayMs: number }
  | undefined;
export type Interceptor = (req: { method: string; path: string; query: URLSearchParams }) => InterceptResult;

export interface FakeClusterOptions {
  objects?: unknown[];
  version?: Record<string, unknown>;
  token?: string;
  failJob?: (job: any) => boolean;
  /** Listen port (default: any free port). */
  port?: number;
  /** Load cert-manager's CRDs (certificates, issuers, clusterissuers, certificaterequests). */
  certManager?: boolean;
  /** Load Argo CD's CRDs (applications, applicationsets, appprojects). Tests may also apply them later. */
  argoCd?: boolean;
  /** Load Flux's helm and source CRDs (helmreleases, helmrepositories). */
  flux?: boolean;
  /** Pods created through the API stay Pending. */
  podsPending?: boolean;
  /** Controller reaction delay in ms (default 0: the next tick). */
  settleMs?: number;
  /** Log every request to stderr (also FAKE_APISERVER_DEBUG=1). Unhandled paths are always flagged in `requests`. */
  debug?: boolean;
}

export interface FakeCluster {
  url: string;
  caPem: string;
  token: string;
  store: FakeStore;
  requests: RequestLogEntry[];
  /** The /version body; assign to change it. */
  version: Record<string, unknown>;
  /** Controller stand-ins: `delayMs`, `failJob`, `setPodsPending()`. */
  simulation: Simulation;
  writeKubeconfig(path: string, opts?: { context?: string; namespace?: string; token?: string }): Promise<void>;
  kubeconfigYaml(opts?: { context?: string; namespace?: string; token?: string }): string;
  forbid(rule: ForbidRule): void;
  /** Drops every forbid rule. */
  allowAll(): void;
  intercept(fn: Interceptor): void;
  clearIntercepts(): void;
  close(): Promise<void>;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export async function startFakeCluster(opts: FakeClusterOptions = {}): Promise<FakeCluster> {
  const tls = makeTlsMaterial();
  const token = opts.token ?? 'fake-token-' + Math.random().toString(36).slice(2);
  const store = new FakeStore();
  const access = new Access();
  const simulation = new Simulation(store);
  simulation.failJob = opts.failJob;
  if (opts.settleMs !== undefined) simulation.delayMs = opts.settleMs;
  if (opts.podsPending) simulation.setPodsPending(true);
  const handlers = new Handlers(store, simulation, access);
  const debug = opts.debug ?? Boolean(process.env.FAKE_APISERVER_DEBUG);
  const requests: RequestLogEntry[] = [];
  const interceptors: Interceptor[] = [];
  const watches = new Set<() => void>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  for (const ns of SYSTEM_NAMESPACES)
    store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  if (opts.certManager) store.put(certManagerCrds());
  if (opts.argoCd) store.put(argoCdCrds());
  if (opts.flux) store.put(fluxCrds());
  // CRDs first, so custom resources in the same batch find their kind.
  const objects = (opts.objects ?? []).flatMap((o: any) => (Array.isArray(o) ? o : [o]));
  const isCrd = (o: any) => o?.kind === 'CustomResourceDefinition' || o?.kind === 'CustomResourceDefinitionList';
  store.put(objects.filter(isCrd));
  store.put(objects.filter((o) => !isCrd(o)));

  const log = (line: string) => {
    if (debug) process.stderr.write(`[fake-apiserver] ${line}\n`);
  };

  const cluster: FakeCluster = {
    url: '',
    caPem: tls.caPem,
    token,
    store,
    requests,
    version: { ...(opts.version ?? DEFAULT_VERSION) },
    simulation,
    writeKubeconfig: (path, o = {}) =>
      writeKubeconfigFile(path, {
        url: cluster.url,
        caPem: tls.caPem,
        token: o.token ?? token,
        context: o.context,
        namespace: o.namespace,
      }),
    kubeconfigYaml: (o = {}) =>
      kubeconfigYaml({
        url: cluster.url,
        caPem: tls.caPem,
        token: o.token ?? token,
        context: o.context,
        namespace: o.namespace,
      }),
    forbid: (rule) => access.forbid(rule),
    allowAll: () => access.clear(),
    intercept: (fn) => void interceptors.push(fn),
    clearIntercepts: () => void (interceptors.length = 0),
    close: async () => {
      simulation.stop();
      for (const t of timers) clearTimeout(t);
      for (const stop of [...watches]) stop();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  // Discovery and the REST paths follow /version, whatever a test assigns to it later.
  store.resources.kubeMinor = () => kubeMinorOf(cluster.version);

  function discovery(r: Route, entry: RequestLogEntry): unknown {
    switch (r.kind) {
      case 'root':
        return {
          paths: [
            '/api',
            '/api/v1',
            '/apis',
            ...[...store.resources.groups()].flatMap(([g, vs]) => [`/apis/${g}`, ...vs.map((v) => `/apis/${g}/${v}`)]),
            '/healthz',
            '/livez',
            '/openapi/v2',
            '/openapi/v3',
            '/readyz',
            '/version',
          ],
        };
      case 'version':
        return cluster.version;
      case 'api':
        return apiVersions(new URL(cluster.url).host);
      case 'apis':
        return apiGroupList(store.resources);
      case 'group':
        return apiGroup(store.resources, r.group) ?? notFoundPath(entry);
      case 'resources':
        return apiResourceList(store.resources, r.group, r.version) ?? notFoundPath(entry);
      case 'openapi':
        return openapiResponse(store.resources, r.path) ?? notFoundPath(entry);
      default:
        return notFoundPath(entry);
    }
  }

  function notFoundPath(entry: RequestLogEntry): never {
    entry.unhandled = true;
    if (debug)
      process.stderr.write(
        `[fake-apiserver] !!! UNHANDLED ${entry.method} ${entry.path}${entry.query.size ? '?' + entry.query : ''} (accept: ${entry.accept ?? '-'})\n`,
      );
    throw S.pathNotFound();
  }

  function serve(req: IncomingMessage, res: ServerResponse, body: Buffer, entry: RequestLogEntry): void {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${token}`) throw S.unauthorized();
    const r = route(entry.path);
    if (r.kind === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      entry.status = 200;
      return;
    }
    if (r.kind !== 'resource') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw S.methodNotAllowed();
      if (r.kind === 'openapi' && r.path.length === 1 && r.path[0] === 'v2') {
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF });
        return void res.end(openapiV2Document(String(cluster.version.gitVersion ?? '')));
      }
      const doc = discovery(r, entry);
      entry.status = 200;
      return sendJson(res, 200, doc);
    }
    const def = store.resources.lookup(r.group, r.version, r.plural);
    if (!def) return void notFoundPath(entry);
    if (r.namespace !== undefined && !def.namespaced) return void notFoundPath(entry);
    const q = entry.query;
    const watch = r.watchPath || q.get('watch') === 'true' || q.get('watch') === '1';
    const verb = verbOf(req.method ?? '', r.name !== undefined, watch);
    if (!verb) throw S.methodNotAllowed();
    if (r.subresource !== undefined) {
      const known = (r.subresource === 'status' && def.status) || (r.subresource === 'scale' && def.scale);
      if (!known) return void notFoundPath(entry);
      if (!['get', 'update', 'patch'].includes(verb)) throw S.methodNotAllowed();
    } else if (!def.verbs.includes(verb)) throw S.methodNotAllowed();
    const resource = r.subresource ? `${def.plural}/${r.subresource}` : def.plural;
    if (access.isForbidden(verb, resource, def.group, r.namespace)) {
      throw S.forbidden(FAKE_USER, verb, resource, def.group, r.namespace, r.name);
    }
    const query = new URLSearchParams(q);
    if (watch && r.name !== undefined)
      query.set('fieldSelector', [q.get('fieldSelector'), `metadata.name=${r.name}`].filter(Boolean).join(','));
    const apiReq: ApiRequest = {
      def,
      version: r.version,
      namespace: r.namespace,
      name: watch ? undefined : r.name,
      subresource: r.subresource,
      verb,
      query,
      body,
      contentType: String(req.headers['content-type'] ?? 'application/json'),
    };
    const result = handlers.handle(apiReq);
    if ('watch' in result) {
      entry.status = 200;
      serveWatch(store, req, res, result.watch, watches);
      return;
    }
    entry.status = result.status;
    sendJson(res, result.status, result.body);
  }

  function respond(req: IncomingMessage, res: ServerResponse, body: Buffer, entry: RequestLogEntry): void {
    try {
      serve(req, res, body, entry);
    } catch (e) {
      const err =
        e instanceof S.StatusError
          ? e
          : S.failure(500, 'InternalError', `Internal error occurred: ${(e as Error)?.stack ?? e}`);
      if (!(e instanceof S.StatusError))
        process.stderr.write(
          `[fake-apiserver] internal error on ${entry.method} ${entry.path}: ${(e as Error)?.stack ?? e}\n`,
        );
      entry.status = err.code;
      if (!res.headersSent) sendJson(res, err.code, err.status);
      else res.end();
    }
    log(
      `${entry.method} ${entry.path}${entry.query.size ? '?' + entry.query : ''} -> ${entry.status}${entry.contentType ? ` [${entry.contentType}]` : ''} accept=${entry.accept ?? '-'} ua=${entry.userAgent ?? '-'}`,
    );
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      status: 0,
      time: Date.now(),
      accept: req.headers.accept,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      connection: connectionIds.get(req.socket) ?? 0,
    };
    requests.push(entry);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let action: InterceptResult;
      for (const fn of interceptors) {
        action = fn({ method: entry.method, path: entry.path, query: entry.query });
        if (action !== undefined) break;
      }
      if (action === 'hang') return log(`${entry.method} ${entry.path} -> (hanging)`);
      if (action === 'close') {
        log(`${entry.method} ${entry.path} -> (connection closed)`);
        return void req.socket.destroy();
      }
      if (action === 'truncate') {
        entry.status = 200;
        const whole = JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: {}, items: [{ a: 'x'.repeat(200) }] });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(whole.length) });
        res.write(whole.slice(0, whole.length >> 1));
        log(`${entry.method} ${entry.path} -> (truncated)`);
        return void setImmediate(() => req.socket.destroy());
      }
      if (action === 'garbage') {
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end('{"kind": "Status", "apiVersion": v1, garbage<<<');
      }
      if (action && 'delayMs' in action) {
        const t = setTimeout(() => {
          timers.delete(t);
          respond(req, res, body, entry);
        }, action.delayMs);
        timers.add(t);
        return;
      }
      if (action) {
        entry.status = action.status;
        return sendJson(res, action.status, action.body);
      }
      respond(req, res, body, entry);
    });
  }

  const connectionIds = new WeakMap<object, number>();
  let connectionCount = 0;
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, onRequest);
  server.on('secureConnection', (s: object) => connectionIds.set(s, ++connectionCount));
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', (err) => log(`TLS client error: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  cluster.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return cluster;
}

/** `minor` may read "30+" on managed clusters; gitVersion decides when it is there. */
function kubeMinorOf(v: Record<string, unknown>): number {
  const m = /^v?\d+\.(\d+)/.exec(String(v.gitVersion ?? '')) ?? /^(\d+)/.exec(String(v.minor ?? ''));
  return m ? Number(m[1]) : Infinity;
}
