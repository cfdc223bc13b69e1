/**
 * The cluster part of the hostile-input corpus: bad kubeconfigs and API servers that misbehave,
 * crossed with the commands that talk to a cluster. Each case has the documented exit code it must
 * give and a word its message must hold; every case also must not crash ("Internal error"), leave
 * a file in its folder or HOME, print the planted token or password, or run unbounded. Only
 * loopback addresses are ever network targets: the fake API server on 127.0.0.1, or a 127.0.0.1
 * port that refuses. doctor and `--preset auto --no-install` run the CLI's main in-process; the
 * commands that run helm spawn the built CLI with the real helm 3. test/hostile/cluster-corpus.test.ts
 * runs a representative few dozen; scripts/corpus.mjs every one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { ExitCode } from '../../src/errors.js';
import { main } from '../../src/main.js';
import { nonInteractivePrompter } from '../../src/io/prompter.js';
import type { Io } from '../../src/io/system.js';
import { fakeCluster, type Probed } from '../cluster/fake.js';
import { SCENARIOS } from '../cluster/scenarios.js';
import { makeTlsMaterial } from '../support/fake-apiserver/certs.js';
import { failure } from '../support/fake-apiserver/status.js';
import { KUBE_1_21, type FakeCluster, type InterceptResult } from '../support/fake-apiserver/index.js';
import { helmBinary, helmEnv } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

/** The cluster's bearer token, in every kubeconfig the corpus writes: it must never be printed. */
export const TOKEN = 'Pl4nted-Kube-T0ken-5ecret';
/** A basic-auth password, and what exec plugins print: never printed either. */
export const PASSWORD = 'Pl4nted-Kube-Passw0rd';

export type CommandName = 'doctor' | 'auto' | 'install' | 'uninstall' | 'rollback' | 'upgrade';

export const COMMANDS: Record<CommandName, string[]> = {
  doctor: ['doctor'],
  auto: ['--preset', 'auto', '--yes', '--no-install'],
  install: ['-p', 'minikube', '-y'],
  uninstall: ['uninstall', '--yes'],
  rollback: ['rollback', '--yes'],
  upgrade: ['upgrade', '--yes'],
};
/** These run helm: the built CLI is spawned, with the real helm 3. */
export const HELM_COMMANDS: ReadonlySet<CommandName> = new Set(['install', 'uninstall', 'rollback', 'upgrade']);

/** What a case must give. */
export interface Expect {
  exit: number;
  /** A word the output (stdout + stderr) must hold. */
  word: RegExp;
}

interface KubeconfigDoc {
  apiVersion: string;
  kind: string;
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  'current-context'?: string;
  [k: string]: unknown;
}

/** What a fault may use to build its kubeconfig. */
export interface Scene {
  /** The case's own folder, outside cwd and HOME: kubeconfigs, plugins and FIFOs go here. */
  dir: string;
  cluster: FakeCluster;
  /** A 127.0.0.1 port nothing listens on. */
  refusedPort: number;
  /** The kubeconfig the fake cluster would write, as an object to spoil. */
  doc(): KubeconfigDoc;
  /** Writes a file into `dir` (mode 0600 unless given) and returns its path. */
  write(name: string, text: string, mode?: number): string;
}

export interface Fault {
  name: string;
  /** The kubeconfig to use: a path for --kubeconfig, or `{ env }` for KUBECONFIG; default the cluster's own. */
  kubeconfig?: (s: Scene) => string | { env: string };
  /** How the server misbehaves. */
  server?: (c: FakeCluster) => void;
  /** What each command must give; a command left out does not apply. */
  expect: Partial<Record<CommandName, Expect>> | ((cmd: CommandName) => Expect | undefined);
  /**
   * What the commands that run helm give instead, when helm meets the fault first and says it in
   * its own words (null: the case does not apply to them).
   */
  helm?: Expect | null | Partial<Record<CommandName, Expect>>;
  /** --timeout, when not the corpus's short one (a run that must succeed gets time to spare). */
  timeout?: string;
}

export interface ClusterCase {
  name: string;
  fault: Fault;
  command: CommandName;
  expect: Expect;
}

const UNREACHABLE = ExitCode.ClusterUnreachable;
const FORBIDDEN = ExitCode.Forbidden;
const all = (e: Expect) => () => e;
/** The Status body a real API server sends with a failure, as the in-memory one builds it. */
const status = (code: number, reason: string, message: string) => failure(code, reason, message).status;
/**
 * helm reads an empty or null-filled list of its release records as no release (which on the
 * fresh fake cluster is the truth): the commands on a release say so.
 */
const NOTHING_DEPLOYED: Partial<Record<CommandName, Expect>> = {
  // ... and install meets the OpenAPI schema answered the same way.
  install: { exit: ExitCode.HelmFailed, word: /OpenAPI schema/ },
  uninstall: { exit: ExitCode.HelmFailed, word: /no release/ },
  rollback: { exit: ExitCode.HelmFailed, word: /no release/ },
  upgrade: { exit: ExitCode.HelmFailed, word: /no release/ },
};
const onlyVersion =
  (action: InterceptResult) =>
  (c: FakeCluster): void =>
    c.intercept((r) => (r.path === '/version' ? undefined : action));
const everything =
  (action: InterceptResult) =>
  (c: FakeCluster): void =>
    c.intercept(() => action);

/** A kubeconfig whose one user signs in with an exec credential plugin. */
function withExec(s: Scene, command: string, script?: string): string {
  const doc = s.doc();
  const cmd = script === undefined ? command : s.write(command, `#!/bin/sh\n${script}\n`, 0o755);
  for (const u of doc.users)
    u.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: cmd, interactiveMode: 'Never' } };
  return s.write('kubeconfig', yaml.dump(doc));
}

function spoil(s: Scene, f: (d: KubeconfigDoc) => void): string {
  const doc = s.doc();
  f(doc);
  return s.write('kubeconfig', yaml.dump(doc));
}

/** The kubeconfig faults: each broken in one way, each holding the planted token. */
export const KUBECONFIG_FAULTS: Fault[] = [
  {
    name: 'kubeconfig that is not YAML',
    kubeconfig: (s) =>
      s.write('kubeconfig', `apiVersion: v1\nusers:\n- name: x\n  user: {token: ${TOKEN}\nclusters: [\n`),
    expect: all({ exit: UNREACHABLE, word: /kubeconfig/ }),
  },
  {
    name: 'kubeconfig that is a list',
    kubeconfig: (s) => s.write('kubeconfig', `- ${TOKEN}\n- b\n`),
    expect: all({ exit: UNREACHABLE, word: /kubeconfig/ }),
  },
  {
    name: 'kubeconfig that is empty',
    kubeconfig: (s) => s.write('kubeconfig', ''),
    expect: all({ exit: UNREACHABLE, word: /kubeconfig/ }),
  },
  {
    name: 'kubeconfig that is a scalar',
    kubeconfig: (s) => s.write('kubeconfig', `${TOKEN}\n`),
    expect: all({ exit: UNREACHABLE, word: /kubeconfig/ }),
  },
  {
    name: 'kubeconfig without current-context',
    kubeconfig: (s) => spoil(s, (d) => delete d['current-context']),
    expect: all({ exit: UNREACHABLE, word: /current context|current-context/ }),
    helm: { exit: UNREACHABLE, word: /localhost:8080|cannot reach|unreachable/ },
  },
  {
    name: 'kubeconfig whose context names a missing cluster',
    kubeconfig: (s) => spoil(s, (d) => (d.contexts[0].context.cluster = 'gone')),
    expect: all({ exit: UNREACHABLE, word: /cluster/ }),
  },
  {
    name: 'kubeconfig whose context names a missing user',
    kubeconfig: (s) => spoil(s, (d) => (d.contexts[0].context.user = 'gone')),
    expect: all({ exit: UNREACHABLE, word: /user/ }),
    helm: { exit: FORBIDDEN, word: /credentials/ },
  },
  {
    name: 'kubeconfig whose current-context is not there',
    kubeconfig: (s) => spoil(s, (d) => (d['current-context'] = 'elsewhere')),
    expect: all({ exit: UNREACHABLE, word: /elsewhere/ }),
  },
  {
    name: 'server on plain http',
    kubeconfig: (s) => spoil(s, (d) => (d.clusters[0].cluster.server = `http://127.0.0.1:${s.refusedPort}`)),
    expect: all({ exit: UNREACHABLE, word: /http|refused|unreachable/ }),
  },
  {
    name: 'server URL malformed',
    kubeconfig: (s) => spoil(s, (d) => (d.clusters[0].cluster.server = 'https://127.0.0.1:notaport/')),
    expect: all({ exit: UNREACHABLE, word: /server|URL|address/i }),
  },
  {
    name: 'server URL not a URL',
    kubeconfig: (s) => spoil(s, (d) => (d.clusters[0].cluster.server = '::: not a url')),
    expect: all({ exit: UNREACHABLE, word: /server|URL|address/i }),
  },
  {
    name: 'server URL empty',
    kubeconfig: (s) => spoil(s, (d) => (d.clusters[0].cluster.server = '')),
    expect: all({ exit: UNREACHABLE, word: /server|URL|address/i }),
    helm: { exit: UNREACHABLE, word: /localhost:8080|cannot reach|unreachable/ },
  },
  {
    name: 'server port that refuses',
    kubeconfig: (s) => spoil(s, (d) => (d.clusters[0].cluster.server = `https://127.0.0.1:${s.refusedPort}`)),
    expect: all({ exit: UNREACHABLE, word: /refused|unreachable/ }),
  },
  {
    name: 'CA data that is not base64 of a certificate',
    kubeconfig: (s) => spoil(s, (d) => (d.clusters[0].cluster['certificate-authority-data'] = '!!!not base64!!!')),
    expect: all({ exit: UNREACHABLE, word: /certificate|TLS|x509|base64/i }),
  },
  {
    name: 'CA that does not match the server',
    kubeconfig: (s) =>
      spoil(
        s,
        (d) =>
          (d.clusters[0].cluster['certificate-authority-data'] = Buffer.from(makeTlsMaterial().caPem).toString(
            'base64',
          )),
      ),
    expect: all({ exit: UNREACHABLE, word: /certificate|TLS|x509/i }),
  },
  {
    name: 'CA file that is missing',
    kubeconfig: (s) =>
      spoil(s, (d) => {
        delete d.clusters[0].cluster['certificate-authority-data'];
        d.clusters[0].cluster['certificate-authority'] = join(s.dir, 'no-ca.crt');
      }),
    expect: all({ exit: UNREACHABLE, word: /no-ca\.crt|certificate/ }),
  },
  {
    name: 'token the server refuses (401)',
    kubeconfig: (s) => spoil(s, (d) => (d.users[0].user = { token: `${TOKEN}-expired` })),
    expect: all({ exit: FORBIDDEN, word: /401|credentials/ }),
  },
  {
    name: 'basic-auth password the server refuses (401)',
    kubeconfig: (s) => spoil(s, (d) => (d.users[0].user = { username: 'admin', password: PASSWORD })),
    expect: all({ exit: FORBIDDEN, word: /401|credentials/ }),
  },
  {
    name: 'exec credential plugin that is missing',
    kubeconfig: (s) => withExec(s, join(s.dir, 'no-such-plugin')),
    expect: all({ exit: UNREACHABLE, word: /no-such-plugin|plugin/ }),
  },
  {
    name: 'exec credential plugin that exits non-zero',
    kubeconfig: (s) => withExec(s, 'failing-plugin', `echo "error: login expired for ${PASSWORD}" >&2\nexit 3`),
    expect: all({ exit: UNREACHABLE, word: /plugin|credential/ }),
  },
  {
    name: 'exec credential plugin that prints no JSON',
    kubeconfig: (s) => withExec(s, 'chatty-plugin', `echo "token=${PASSWORD}"`),
    expect: all({ exit: UNREACHABLE, word: /plugin|credential/ }),
  },
  {
    name: 'exec credential plugin that prints JSON of another shape',
    kubeconfig: (s) => withExec(s, 'odd-plugin', `echo '{"token": "${PASSWORD}"}'`),
    expect: all({ exit: UNREACHABLE, word: /plugin|credential/ }),
  },
  {
    name: 'exec credential plugin that never finishes',
    kubeconfig: (s) => withExec(s, 'slow-plugin', 'sleep 8'),
    expect: all({ exit: UNREACHABLE, word: /plugin|credential|did not answer|within/ }),
  },
  ...(['gcp', 'azure'] as const).map((provider): Fault => ({
    name: `user on the removed ${provider} auth-provider`,
    kubeconfig: (s) =>
      spoil(s, (d) => {
        const script = s.write(
          `${provider}-cmd`,
          `#!/bin/sh\ntouch '${join(s.dir, 'cmd-path-ran')}'\nsleep 8\n`,
          0o755,
        );
        d.users[0].user = {
          'auth-provider': {
            name: provider,
            config: { 'cmd-path': script, 'token-key': '{.token}', 'access-token': TOKEN },
          },
        };
      }),
    expect: all({ exit: UNREACHABLE, word: new RegExp(`${provider} auth-provider`) }),
  })),
  {
    name: 'KUBECONFIG naming a directory',
    kubeconfig: (s) => {
      mkdirSync(join(s.dir, 'kubedir'));
      return { env: join(s.dir, 'kubedir') };
    },
    expect: all({ exit: UNREACHABLE, word: /directory/ }),
  },
  {
    name: 'KUBECONFIG naming a FIFO',
    kubeconfig: (s) => {
      execFileSync('mkfifo', [join(s.dir, 'kubefifo')]);
      return { env: join(s.dir, 'kubefifo') };
    },
    expect: all({ exit: UNREACHABLE, word: /FIFO|not a regular file|pipe/ }),
  },
  {
    name: 'KUBECONFIG naming a huge file',
    kubeconfig: (s) => {
      const doc = s.doc();
      return { env: s.write('huge', `${yaml.dump(doc)}# ${'x'.repeat(40 * 1024 * 1024)}\n`) };
    },
    expect: all({ exit: UNREACHABLE, word: /too large|larger|bytes|MB/ }),
  },
  {
    name: 'KUBECONFIG naming /dev/zero',
    kubeconfig: () => ({ env: '/dev/zero' }),
    expect: all({ exit: UNREACHABLE, word: /dev\/zero/ }),
  },
  {
    name: 'kubeconfig whose current context has no server',
    kubeconfig: (s) => spoil(s, (d) => delete d.clusters[0].cluster.server),
    expect: all({ exit: UNREACHABLE, word: /server/ }),
    helm: { exit: UNREACHABLE, word: /localhost:8080|cannot reach|unreachable/ },
  },
];

/** Servers that misbehave, behind a kubeconfig that is right (and holds the planted token). */
export const SERVER_FAULTS: Fault[] = [
  {
    name: '403 on every resource (RBAC refuses the user)',
    server: (c) => c.forbid({}),
    expect: all({ exit: FORBIDDEN, word: /403|refused|forbidden|may not/ }),
  },
  {
    name: '403 on every path but /version',
    server: onlyVersion({ status: 403, body: status(403, 'Forbidden', 'forbidden: User "x" cannot get path') }),
    expect: all({ exit: FORBIDDEN, word: /403|refused|forbidden|may not/ }),
    helm: { exit: FORBIDDEN, word: /403|refused|forbidden/ },
  },
  {
    name: '403 everywhere, /version too',
    server: everything({ status: 403, body: status(403, 'Forbidden', 'forbidden: User "x" cannot get path') }),
    expect: all({ exit: FORBIDDEN, word: /403|refused|forbidden|may not/ }),
    helm: null,
  },
  {
    name: '401 everywhere',
    server: everything({ status: 401, body: status(401, 'Unauthorized', 'Unauthorized') }),
    expect: all({ exit: FORBIDDEN, word: /401|credentials/ }),
  },
  {
    name: '401 on every path but /version',
    server: onlyVersion({ status: 401, body: status(401, 'Unauthorized', 'Unauthorized') }),
    expect: all({ exit: FORBIDDEN, word: /401|credentials/ }),
  },
  {
    name: '500 everywhere',
    server: everything({ status: 500, body: status(500, 'InternalError', 'etcdserver: leader changed') }),
    expect: all({ exit: UNREACHABLE, word: /500|did not answer|cannot reach|unreachable/ }),
  },
  {
    name: '500 on every path but /version',
    server: onlyVersion({ status: 500, body: status(500, 'InternalError', 'etcdserver: leader changed') }),
    expect: all({ exit: UNREACHABLE, word: /500|none of the probe|unreachable|cannot reach/ }),
    helm: { exit: UNREACHABLE, word: /release records|cannot reach|unreachable/ },
  },
  {
    name: '503 with a non-JSON body everywhere',
    server: everything({ status: 503, body: '<html>Service Unavailable</html>' }),
    expect: all({ exit: UNREACHABLE, word: /503|not Kubernetes|unreachable|cannot reach/ }),
  },
  {
    name: 'truncated answers everywhere',
    server: everything('truncate'),
    expect: all({ exit: UNREACHABLE, word: /closed|not Kubernetes|no answer|did not|unreachable|cannot reach/ }),
  },
  {
    name: 'truncated answers on every path but /version',
    server: onlyVersion('truncate'),
    expect: all({ exit: UNREACHABLE, word: /closed|not Kubernetes|no answer|did not|unreachable|cannot reach/ }),
    helm: { exit: UNREACHABLE, word: /release records|cannot reach|unreachable/ },
  },
  {
    name: 'non-JSON answers everywhere',
    server: everything('garbage'),
    expect: all({ exit: UNREACHABLE, word: /not Kubernetes|not answer like|unreachable|cannot reach/ }),
  },
  {
    name: 'non-JSON answers on every path but /version',
    server: onlyVersion('garbage'),
    expect: all({ exit: UNREACHABLE, word: /not Kubernetes|none of the probe|unreachable|cannot reach/ }),
    helm: { exit: UNREACHABLE, word: /release records|cannot reach|unreachable/ },
  },
  {
    name: 'connections closed on every path but /version',
    server: onlyVersion('close'),
    expect: all({ exit: UNREACHABLE, word: /closed|none of the probe|unreachable|cannot reach/ }),
    helm: { exit: UNREACHABLE, word: /release records|cannot reach|unreachable/ },
  },
  {
    name: 'a list where an object is expected, on every path but /version',
    server: onlyVersion({ status: 200, body: [1, 2, 3] }),
    expect: all({ exit: UNREACHABLE, word: /Kubernetes|none of the probe|unreachable|cannot reach/ }),
    helm: { exit: UNREACHABLE, word: /release records|cannot reach|unreachable/ },
  },
  {
    name: 'an empty object where a list is expected, on every path but /version',
    server: onlyVersion({ status: 200, body: {} }),
    expect: all({ exit: UNREACHABLE, word: /Kubernetes|none of the probe|unreachable|cannot reach/ }),
    helm: NOTHING_DEPLOYED,
  },
  {
    name: 'lists of nulls and nameless items, on every path but /version',
    server: onlyVersion({ status: 200, body: { kind: 'List', apiVersion: 'v1', metadata: {}, items: [null, {}, 7] } }),
    expect: all({ exit: UNREACHABLE, word: /Kubernetes|none of the probe|unreachable|cannot reach/ }),
    helm: NOTHING_DEPLOYED,
  },
  {
    name: 'a huge string where a list is expected, on every path but /version',
    server: onlyVersion({ status: 200, body: { kind: 'List', items: 'x'.repeat(2_000_000) } }),
    expect: all({ exit: UNREACHABLE, word: /Kubernetes|none of the probe|unreachable|cannot reach/ }),
    helm: { exit: UNREACHABLE, word: /release records|cannot reach|unreachable/ },
  },
  {
    name: '/version answering garbage',
    server: (c) => c.intercept((r) => (r.path === '/version' ? 'garbage' : undefined)),
    expect: all({ exit: UNREACHABLE, word: /not answer like|not Kubernetes|unreachable|cannot reach/ }),
  },
  {
    name: '/version answering a list',
    server: (c) => c.intercept((r) => (r.path === '/version' ? { status: 200, body: ['v1.30.0'] } : undefined)),
    expect: all({ exit: UNREACHABLE, word: /not answer like|not Kubernetes|unreachable|cannot reach/ }),
  },
  {
    name: '/version answering a huge gitVersion',
    server: (c) =>
      c.intercept((r) =>
        r.path === '/version' ? { status: 200, body: { gitVersion: `v1.${'9'.repeat(100_000)}` } } : undefined,
      ),
    expect: all({ exit: UNREACHABLE, word: /not answer like|not Kubernetes|version|unreachable|cannot reach/ }),
    // The version is refused, so the chart-fit check is skipped; helm takes it as it is.
    helm: { ...NOTHING_DEPLOYED, install: { exit: ExitCode.Ok, word: /Installed release/ } },
  },
  {
    name: '/version answering 404',
    server: (c) =>
      c.intercept((r) =>
        r.path === '/version'
          ? { status: 404, body: status(404, 'NotFound', 'the server could not find it') }
          : undefined,
      ),
    expect: all({ exit: UNREACHABLE, word: /404|not answer like|unreachable|cannot reach/ }),
  },
  {
    name: 'answers slower than --timeout',
    server: everything({ delayMs: 15_000 }),
    expect: all({ exit: UNREACHABLE, word: /did not answer within|no answer in time|did not finish within/ }),
  },
  {
    name: 'an API answering /version and nothing else',
    server: onlyVersion('hang'),
    expect: all({ exit: UNREACHABLE, word: /did not answer|no answer in time|did not finish within/ }),
  },
  {
    name: 'an API answering nothing at all',
    server: everything('hang'),
    expect: all({ exit: UNREACHABLE, word: /did not answer|no answer in time|did not finish within/ }),
  },
];

/** A run that must succeed is not held to the short --timeout of the faults (a loaded machine). */
const CONTROL_TIMEOUT = '30s';

/** Healthy controls: the corpus's checks hold on a run that works too. */
export const CONTROLS: Fault[] = [
  {
    name: 'a healthy cluster',
    timeout: CONTROL_TIMEOUT,
    expect: {
      doctor: { exit: ExitCode.Ok, word: /Chart fit/ },
      auto: { exit: ExitCode.Ok, word: /Wrote config\.yaml/ },
      install: { exit: ExitCode.Ok, word: /Installed release/ },
      uninstall: { exit: ExitCode.HelmFailed, word: /release|polyaxon/ },
      rollback: { exit: ExitCode.HelmFailed, word: /release|polyaxon/ },
      upgrade: { exit: ExitCode.HelmFailed, word: /release|polyaxon/ },
    },
  },
  {
    name: 'an exec credential plugin that works',
    timeout: CONTROL_TIMEOUT,
    kubeconfig: (s) =>
      withExec(
        s,
        'good-plugin',
        `echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"${TOKEN}","expirationTimestamp":"2999-01-01T00:00:00Z"}}'`,
      ),
    expect: {
      doctor: { exit: ExitCode.Ok, word: /Chart fit/ },
      auto: { exit: ExitCode.Ok, word: /Wrote config\.yaml/ },
    },
  },
];

export const ALL_FAULTS: Fault[] = [...KUBECONFIG_FAULTS, ...SERVER_FAULTS, ...CONTROLS];

function expectationOf(f: Fault, cmd: CommandName): Expect | undefined {
  if (HELM_COMMANDS.has(cmd) && f.helm !== undefined) {
    if (f.helm === null) return undefined;
    if ('exit' in f.helm) return f.helm as Expect;
    const own = (f.helm as Partial<Record<CommandName, Expect>>)[cmd];
    if (own) return own;
  }
  return typeof f.expect === 'function' ? f.expect(cmd) : f.expect[cmd];
}

/** Every fault crossed with every command it applies to. */
export function allCases(commands: readonly CommandName[] = Object.keys(COMMANDS) as CommandName[]): ClusterCase[] {
  return ALL_FAULTS.flatMap((fault) =>
    commands.flatMap((command) => {
      const e = expectationOf(fault, command);
      return e ? [{ name: `${command}: ${fault.name}`, fault, command, expect: e }] : [];
    }),
  );
}

/** Finds a case by its fault's name and its command. */
export function caseOf(faultName: string, command: CommandName): ClusterCase {
  const c = allCases([command]).find((x) => x.fault.name === faultName);
  if (!c) throw new Error(`no case ${command}: ${faultName}`);
  return c;
}

export const CHART = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
/** Slack over --timeout for "bounded": generous, so a loaded 2-CPU machine never fails it. */
export const BOUND_MS = 60_000;
const TIMEOUT = '2s';

export interface ClusterOutcome {
  exitCode: number;
  output: string;
  ms: number;
  problems: string[];
}

async function refusedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs one case in a fresh folder with a fresh fake cluster (`cluster` reuses one, its intercepts
 * and forbid rules cleared; only for cases that do not change it).
 */
export async function runClusterCase(c: ClusterCase, shared?: Probed): Promise<ClusterOutcome> {
  const root = mkdtempSync(join(tmpdir(), 'polyaxon-cluster-corpus-'));
  // The fixture chart (0.6-like) fits Kubernetes 1.21, where helm installs it.
  const version = HELM_COMMANDS.has(c.command) ? { version: KUBE_1_21 } : {};
  const own = shared ? undefined : await fakeCluster(SCENARIOS.minikube, { token: TOKEN, ...version });
  const probed = (shared ?? own) as Probed;
  const { cluster } = probed;
  cluster.clearIntercepts();
  cluster.allowAll();
  try {
    const dir = join(root, 'case');
    const cwd = join(root, 'work');
    const home = join(root, 'home');
    for (const d of [dir, cwd, home]) mkdirSync(d);
    const scene: Scene = {
      dir,
      cluster,
      refusedPort: await refusedPort(),
      doc: () => yaml.load(cluster.kubeconfigYaml({ context: 'fake', token: TOKEN })) as KubeconfigDoc,
      write: (name, text, mode = 0o600) => {
        const p = join(dir, name);
        writeFileSync(p, text, { mode });
        return p;
      },
    };
    const k =
      c.fault.kubeconfig?.(scene) ??
      scene.write('kubeconfig', cluster.kubeconfigYaml({ context: 'fake', token: TOKEN }));
    const kubeArgs = typeof k === 'string' ? ['--kubeconfig', k] : [];
    const env: Record<string, string> = {
      CI: 'true',
      NO_COLOR: '1',
      HOME: home,
      KUBECONFIG: typeof k === 'string' ? '' : k.env,
      KUBERNETES_SERVICE_HOST: '',
    };
    c.fault.server?.(cluster);
    const watched = [cwd, home];
    const before = new Set(watched.flatMap((d) => filesUnder(d).map((f) => join(d, f))));
    const argv = [...COMMANDS[c.command], ...kubeArgs, '--timeout', c.fault.timeout ?? TIMEOUT];
    const t0 = Date.now();
    let exitCode: number;
    let output: string;
    if (HELM_COMMANDS.has(c.command)) {
      const helm = await helmBinary(3);
      const helmDirs = join(root, 'helm');
      const { HOME: _helmHome, ...helmVars } = helmEnv(helmDirs);
      const r = await runCli([...argv, '--helm', helm, '--chart', CHART], {
        cwd,
        env: { ...env, ...helmVars },
        timeoutMs: BOUND_MS + 30_000,
      });
      exitCode = r.exitCode;
      output = `${r.stdout}\n${r.stderr}`;
    } else {
      output = '';
      const io: Io = {
        out: (t) => void (output += `${t}\n`),
        err: (t) => void (output += `${t}\n`),
        env,
        cwd,
        exec: async (file) => {
          throw new Error(`${c.command} runs nothing, yet ${file} was started`);
        },
        now: () => new Date(),
        color: false,
      };
      exitCode = await main(argv, { io, stdinIsTTY: false, stdoutIsTTY: false, prompt: nonInteractivePrompter });
    }
    const ms = Date.now() - t0;
    const problems: string[] = [];
    const e = c.expect;
    if (exitCode !== e.exit) problems.push(`exit ${exitCode}, expected ${e.exit}`);
    if (!e.word.test(output)) problems.push(`no ${e.word} in the output`);
    if (/Internal error/.test(output)) problems.push('crashed (Internal error)');
    if (exitCode !== 0 && !/^Error: /m.test(output)) problems.push('failed without an "Error:" line');
    if (output.includes(TOKEN) || output.includes(PASSWORD)) problems.push('printed the planted secret');
    if (ms > BOUND_MS) problems.push(`took ${Math.round(ms / 1000)} s (bound ${BOUND_MS / 1000} s)`);
    // install writes config.yaml before it runs helm, and keeps it when helm fails (to retry
    // with upgrade): that is the only file a failed run may leave.
    const keptConfig = c.command === 'install' && exitCode === ExitCode.HelmFailed && /Wrote config\.yaml/.test(output);
    const allowed = exitCode === 0 || keptConfig ? /^config\.yaml$/ : /^$/;
    const stray = watched.flatMap((d) =>
      filesUnder(d)
        .filter((f) => !before.has(join(d, f)) && !allowed.test(f))
        .map((f) => `${d === home ? '~' : '.'}/${f}`),
    );
    if (stray.length) problems.push(`left files: ${stray.join(', ')}`);
    return { exitCode, output, ms, problems };
  } finally {
    if (own) await own.cluster.close();
    rmSync(root, { recursive: true, force: true });
  }
}
