/**
 * The only module that loads @kubernetes/client-node (the parts k8s-client.ts names), on first
 * use, so commands that do not probe start without it. It finds the kubeconfig as kubectl does,
 * and bounds every call by the probe's deadline: the client has no request timeout of its own
 * (FACTS §0.4). The deadline measures the network: its clock starts when the first request goes
 * out, so a busy machine that is slow to load the client never turns a healthy cluster into a
 * timeout.
 */
import { existsSync } from 'node:fs';
import https from 'node:https';
import { createSecureContext } from 'node:tls';
import { delimiter, join } from 'node:path';
import type * as K8s from '@kubernetes/client-node';
import { ClusterError, ExitCode } from '../errors.js';
import { assertRegularFileSync } from '../io/files.js';
import { DeadlineError } from './failures.js';
import type * as KubernetesClientModule from './k8s-client.js';

/** The parts of the client the cluster code uses (k8s-client.ts). */
export type KubernetesClient = typeof KubernetesClientModule;

export type CallOptions = K8s.ConfigurationOptions;

export interface Kube {
  context: string;
  server: string;
  core: K8s.CoreV1Api;
  apps: K8s.AppsV1Api;
  storage: K8s.StorageV1Api;
  net: K8s.NetworkingV1Api;
  authz: K8s.AuthorizationV1Api;
  version: K8s.VersionApi;
  apis: K8s.ApisApi;
  custom: K8s.CustomObjectsApi;
  /**
   * One page of a list, GET `path` with `query`, as plain JSON: the same transport, authentication
   * and errors as the typed calls (the client's own request context, auth and fetch), without the
   * client's typed deserialisation, which for a page of 500 nodes costs more than the JSON itself
   * and keeps a second copy of every object. For the long lists, read page by page.
   */
  list<T>(path: string, query: ListQuery, options: CallOptions): Promise<ListPage<T>>;
  /** Runs one API call, aborted at the probe's deadline, or after `budgetMs` if that comes first. */
  call<T>(request: (options: CallOptions) => Promise<T>, budgetMs?: number): Promise<T>;
}

export interface ListQuery {
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ListPage<T> {
  items: T[];
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
}

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  env: Record<string, string | undefined>;
  /** How long all calls may take together, counted from the first request (not from loading). */
  timeoutMs: number;
  /** Loads the Kubernetes client; the bundled one unless a test injects another. */
  loadClient?: () => Promise<KubernetesClient>;
  /** Epoch ms; Date.now unless a test injects a clock. */
  now?: () => number;
}

/** The client, loaded once per thread; the wizard's probe loads it on its worker thread. */
let loading: Promise<KubernetesClient> | undefined;
export function loadKubernetesClient(): Promise<KubernetesClient> {
  loading ??= import('./k8s-client.js');
  return loading;
}

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export async function connect(opts: ConnectOptions): Promise<Kube> {
  const k8s = await (opts.loadClient ?? loadKubernetesClient)();
  const now = opts.now ?? Date.now;
  /** Set when the first request goes out. */
  let deadlineAt: number | undefined;
  const kc = loadKubeConfig(k8s, opts);
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new ClusterError(`Context "${context}" names a cluster that is not in the kubeconfig.`, {
      hint: 'Fix the context with `kubectl config set-context`, or pick another with --kube-context.',
    });
  // client-go refuses a context whose user is not there; the Kubernetes client would go on
  // without credentials and fail later with an unrelated TLS or 401 message.
  const userName = kc.getContextObject(context)?.user;
  if (userName && !kc.getUser(userName))
    throw new ClusterError(`Context "${context}" names a user "${userName}" that is not in the kubeconfig.`, {
      hint: 'Fix the context with `kubectl config set-context`, or pick another with --kube-context.',
    });
  refuseRemovedAuthProvider(context, kc.getCurrentUser()?.authProvider?.name);
  const plugin = execPlugin(kc, context, opts.timeoutMs);
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    throw new ClusterError(
      `The server of context "${context}" is plain ${cluster.server}, which the Kubernetes client refuses.`,
      {
        hint: 'Use the https:// address of the API server, or set insecure-skip-tls-verify: true for that cluster in the kubeconfig.',
      },
    );
  }
  // The client makes a new https.Agent for every request, so every request opens its own TLS
  // connection (a handshake each, about 10 ms on loopback; a round trip more to a remote cluster).
  // One keep-alive agent with the same TLS options serves them all; its idle sockets are unref'd,
  // so they never hold the process open. Proxy agents (proxy-url) and plain HTTP are left alone.
  let shared: { agent: https.Agent; options: https.AgentOptions } | undefined;
  const reuseConnections = (ctx: K8s.RequestContext): void => {
    const made = ctx.getAgent();
    if (!made || made.constructor !== https.Agent) return;
    const options = (made as https.Agent).options;
    if (!shared || !sameTlsOptions(shared.options, options))
      shared = {
        // One secure context for every connection: building one parses the kubeconfig's CA and
        // client certificate again each time (about 2 ms a connection).
        agent: new https.Agent({ ...options, keepAlive: true, secureContext: createSecureContext(options) }),
        options,
      };
    ctx.setAgent(shared.agent);
  };
  const call = <T>(request: (options: CallOptions) => Promise<T>, budgetMs = Infinity): Promise<T> => {
    deadlineAt ??= now() + opts.timeoutMs;
    const ms = Math.floor(Math.min(deadlineAt - now(), budgetMs));
    if (ms <= 0) return Promise.reject(new DeadlineError(0));
    // A timer that holds the process open (AbortSignal.timeout's does not): a request whose answer
    // is cut off may never settle, and the deadline must still come and say so, not exit 13.
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new DeadlineError(ms)), ms);
    const signal = ctl.signal;
    const options: CallOptions = {
      // Observable-style middleware: the Promise style breaks on per-call options in 1.x (FACTS §0.4).
      middleware: [
        {
          pre: (ctx: K8s.RequestContext) => {
            ctx.setSignal(signal);
            reuseConnections(ctx);
            return new k8s.Observable(Promise.resolve(ctx));
          },
          post: (rsp: K8s.ResponseContext) => new k8s.Observable(checkedBody(k8s, rsp)),
        },
      ] as unknown as CallOptions['middleware'],
      middlewareMergeStrategy: 'append',
    };
    // The abort closes the socket; the race also bounds what runs before it (exec credential plugins).
    const deadline = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(plugin?.running() ? plugin.timedOut() : new DeadlineError(ms)), {
        once: true,
      }),
    );
    return Promise.race([request(options).then((v) => checkedShape(v)), deadline]).finally(() => clearTimeout(timer));
  };
  const config = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
  });
  const list = async <T>(path: string, query: ListQuery, options: CallOptions): Promise<ListPage<T>> => {
    // What the generated client does for a list call (request factory, middleware, fetch), minus
    // ObjectSerializer.deserialize.
    let ctx = config.baseServer.makeRequestContext(path, k8s.HttpMethod.GET);
    ctx.setHeaderParam('Accept', 'application/json, */*;q=0.8');
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') ctx.setQueryParam(k, String(v));
    await kc.applySecurityAuthentication(ctx);
    const middleware = (options.middleware ?? []) as unknown as {
      pre(c: K8s.RequestContext): K8s.Observable<K8s.RequestContext>;
      post(r: K8s.ResponseContext): K8s.Observable<K8s.ResponseContext>;
    }[];
    for (const m of middleware) ctx = await m.pre(ctx).toPromise();
    let rsp = await config.httpApi.send(ctx).toPromise();
    for (const m of [...middleware].reverse()) rsp = await m.post(rsp).toPromise();
    const status = rsp.httpStatusCode;
    if (status === 401) throw new k8s.ApiException(status, 'Unauthorized', undefined, rsp.headers);
    if (status < 200 || status > 299)
      throw new k8s.ApiException(status, 'Unknown API Status Code!', await rsp.getBodyAsAny(), rsp.headers);
    const page = parseBody(await rsp.body.text(), rsp.headers['content-type']) as ListPage<T>;
    if (!Array.isArray(page.items)) throw new SyntaxError('invalid json: no items list');
    return page;
  };
  return {
    context,
    server: cluster.server,
    list,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    storage: kc.makeApiClient(k8s.StorageV1Api),
    net: kc.makeApiClient(k8s.NetworkingV1Api),
    authz: kc.makeApiClient(k8s.AuthorizationV1Api),
    version: kc.makeApiClient(k8s.VersionApi),
    apis: kc.makeApiClient(k8s.ApisApi),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
    call,
  };
}

/**
 * The in-tree gcp and azure auth providers were removed from client-go in Kubernetes 1.26
 * (kubernetes/client-go#1220), so helm and kubectl fail on such a user. The Kubernetes client would
 * run their cmd-path synchronously (execSync), past any deadline: stop before it with the fix.
 */
const REMOVED_AUTH_PROVIDERS = new Map<string, string>([
  [
    'gcp',
    'Install gke-gcloud-auth-plugin (gcloud components install gke-gcloud-auth-plugin), then run `gcloud container clusters get-credentials` again: it writes an exec credential plugin instead.',
  ],
  [
    'azure',
    'Install kubelogin (https://github.com/Azure/kubelogin), then run `kubelogin convert-kubeconfig` or `az aks get-credentials` again: it writes an exec credential plugin instead.',
  ],
]);

function refuseRemovedAuthProvider(context: string, provider: string | undefined): void {
  const hint = provider === undefined ? undefined : REMOVED_AUTH_PROVIDERS.get(provider);
  if (hint)
    throw new ClusterError(
      `The user of context "${context}" signs in with the ${provider} auth-provider, which helm and kubectl no longer support (removed in Kubernetes 1.26).`,
      { hint },
    );
}

/**
 * An exec credential plugin's failures, named: the Kubernetes client rejects with the plugin's raw
 * stderr (which may hold anything), a JSON parse error quoting its stdout, or a TypeError, which
 * would otherwise read as the server's or TLS's fault. Its output is never quoted; the command is
 * named, to run by hand. While it runs, the deadline names it, not the server.
 */
function execPlugin(
  kc: K8s.KubeConfig,
  context: string,
  timeoutMs: number,
): { running(): boolean; timedOut(): ClusterError } | undefined {
  const exec = (kc.getCurrentUser()?.exec ?? kc.getCurrentUser()?.authProvider?.config?.exec) as
    { command?: unknown } | undefined;
  if (!exec) return undefined;
  const command = String(exec.command ?? '');
  const fail = (how: string) =>
    new ClusterError(`The exec credential plugin "${command}" of context "${context}" ${how}.`, {
      hint: `Run it yourself to see why (${command}), or log in again (gcloud, aws, az, oc, kubelogin, ...) so that it works.`,
    });
  let running = 0;
  const apply = kc.applySecurityAuthentication.bind(kc);
  kc.applySecurityAuthentication = async (ctx) => {
    running++;
    try {
      return await apply(ctx);
    } catch (e) {
      const x = e as { code?: unknown; syscall?: unknown };
      if (typeof x.syscall === 'string' && x.syscall.startsWith('spawn'))
        throw fail(
          x.code === 'ENOENT'
            ? 'cannot be started: it is not there (nor on PATH)'
            : `cannot be started (${String(x.code)})`,
        );
      if (e instanceof SyntaxError) throw fail('printed no JSON where its ExecCredential belongs');
      if (e instanceof TypeError) throw fail('printed JSON that is not an ExecCredential');
      if (x.code === undefined && e instanceof Error) throw fail('failed (it exited with an error)');
      throw e;
    } finally {
      running--;
    }
  };
  return {
    running: () => running > 0,
    timedOut: () =>
      fail(`did not finish within ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000}s` : `${timeoutMs} ms`}`),
  };
}

/**
 * A successful answer must be a JSON object, its lists arrays of objects: checked on the raw body,
 * before the typed client turns a string where a list belongs into a list of its characters.
 */
async function checkedBody(k8s: KubernetesClient, rsp: K8s.ResponseContext): Promise<K8s.ResponseContext> {
  const type = rsp.headers['content-type']?.split(';')[0].trim().toLowerCase() ?? '';
  if (rsp.httpStatusCode < 200 || rsp.httpStatusCode > 299 || !/^application\/(.*\+)?json$/.test(type)) return rsp;
  const text = await rsp.body.text();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new SyntaxError('invalid json');
  }
  checkedShape(doc, true);
  return new k8s.ResponseContext(rsp.httpStatusCode, rsp.headers, {
    text: () => Promise.resolve(text),
    binary: () => Promise.resolve(Buffer.from(text)),
  });
}

const isObject = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Throws (as an answer that is not Kubernetes JSON) unless the lists of `v` are arrays of objects.
 * A typed call's model declares its list (getAttributeTypeMap), which the client leaves out when
 * the answer was `{}`. The raw answer must be an object too.
 */
function checkedShape<T>(v: T, raw = false): T {
  if (!isObject(v)) {
    if (raw) throw new SyntaxError('invalid json: not an object');
    return v;
  }
  const model = (v as { constructor?: { getAttributeTypeMap?: () => { name: string }[] } }).constructor;
  const declared = new Set((model?.getAttributeTypeMap?.() ?? []).map((a) => a.name));
  for (const key of ['items', 'groups', 'resources'] as const) {
    if (!Object.prototype.hasOwnProperty.call(v, key) && !declared.has(key)) continue;
    const list = (v as Record<string, unknown>)[key];
    if (!Array.isArray(list) || !list.every(isObject)) throw new SyntaxError(`invalid json: ${key} is not a list`);
  }
  return v;
}

/** Whether two agents' options open the same TLS connection (certificates compared by content). */
function sameTlsOptions(a: https.AgentOptions, b: https.AgentOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof https.AgentOptions)[]);
  for (const k of keys) {
    const x = a[k] as unknown;
    const y = b[k] as unknown;
    if (x === y) continue;
    if (Buffer.isBuffer(x) && Buffer.isBuffer(y) && x.equals(y)) continue;
    return false;
  }
  return true;
}

/** ObjectSerializer.parse's rules, which the typed calls apply (and the same errors). */
function parseBody(text: string, contentType: string | undefined): unknown {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === undefined) throw new Error('Cannot parse content. No Content-Type defined.');
  const [major, subtype = ''] = type.split('/');
  // Text the typed calls hand to the deserialiser, which finds no list in it.
  if (major === 'text') return {};
  if (major === 'application' && subtype.split('+').includes('json')) return JSON.parse(text);
  throw new Error(`The mediaType ${type} is not supported by ObjectSerializer.parse.`);
}

/**
 * kubectl's order: --kubeconfig, then KUBECONFIG (files merged, first wins), then ~/.kube/config,
 * then the pod's service account. Unlike KubeConfig.loadFromDefault, which reads process.env and
 * falls back to http://localhost:8080 when it finds nothing (a first request then fails with an
 * unrelated TLS message), running out of places here is the clear "no kubeconfig" error.
 */
function loadKubeConfig(k8s: KubernetesClient, opts: ConnectOptions): K8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  const files = kubeconfigFiles(opts);
  if (files.length === 0) {
    if (opts.env.KUBERNETES_SERVICE_HOST && existsSync(SA_TOKEN)) {
      kc.loadFromCluster();
      return kc;
    }
    throw new ClusterError(
      'No kubeconfig found: --kubeconfig and KUBECONFIG are not set and there is no ~/.kube/config.',
      {
        hint: 'Point --kubeconfig or KUBECONFIG at one, or create it (minikube start, gcloud container clusters get-credentials, aws eks update-kubeconfig).',
      },
    );
  }
  for (const [i, file] of files.entries()) {
    const one = i === 0 ? kc : new k8s.KubeConfig();
    // A FIFO or /dev/zero would hang the synchronous read below, or never end.
    assertRegularFileSync(file, 'The kubeconfig', ExitCode.ClusterUnreachable);
    try {
      one.loadFromFile(file);
    } catch (e) {
      // An empty file parses to nothing and the client then trips over it with a TypeError.
      const why = e instanceof TypeError ? 'it is empty or not a kubeconfig' : (e as Error).message.split('\n')[0];
      throw new ClusterError(`The kubeconfig ${file} cannot be read: ${why}.`, {
        hint: 'Check the file, e.g. with `kubectl config view`.',
      });
    }
    if (one !== kc) mergeFirstWins(kc, one);
  }
  const wanted = opts.context ?? kc.getCurrentContext();
  const names = kc.getContexts().map((c) => c.name);
  if (!wanted) {
    throw new ClusterError(`The kubeconfig ${files.join(delimiter)} has no current context.`, {
      hint: names.length
        ? `Pick one with --kube-context (${names.join(', ')}).`
        : 'It has no contexts at all: create one with `kubectl config set-context`.',
    });
  }
  if (!names.includes(wanted)) {
    throw new ClusterError(`Context "${wanted}" is not in the kubeconfig ${files.join(delimiter)}.`, {
      hint: names.length ? `Contexts there: ${names.join(', ')}.` : 'It has no contexts at all.',
    });
  }
  kc.setCurrentContext(wanted);
  return kc;
}

function kubeconfigFiles(opts: ConnectOptions): string[] {
  if (opts.kubeconfig) {
    if (!existsSync(opts.kubeconfig))
      throw new ClusterError(`The kubeconfig ${opts.kubeconfig} does not exist.`, {
        hint: 'Check the path given to --kubeconfig.',
      });
    return [opts.kubeconfig];
  }
  const fromEnv = (opts.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length) {
    // kubectl skips missing files in KUBECONFIG; all missing is almost certainly a mistake.
    const present = fromEnv.filter((f) => existsSync(f));
    if (present.length === 0)
      throw new ClusterError(`KUBECONFIG names ${fromEnv.join(delimiter)}, which does not exist.`, {
        hint: 'Fix KUBECONFIG, or unset it to use ~/.kube/config.',
      });
    return present;
  }
  const home = opts.env.HOME || opts.env.USERPROFILE;
  const file = home ? join(home, '.kube', 'config') : undefined;
  return file && existsSync(file) ? [file] : [];
}

function mergeFirstWins(into: K8s.KubeConfig, from: K8s.KubeConfig): void {
  const has = <T extends { name: string }>(list: T[], x: T) => list.some((y) => y.name === x.name);
  for (const c of from.clusters) if (!has(into.clusters, c)) into.addCluster(c);
  for (const u of from.users) if (!has(into.users, u)) into.addUser(u);
  for (const c of from.contexts) if (!has(into.contexts, c)) into.addContext(c);
  if (!into.getCurrentContext() && from.getCurrentContext()) into.setCurrentContext(from.getCurrentContext());
}
