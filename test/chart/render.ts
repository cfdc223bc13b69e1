/**
 * Runs the real helm (3.17 and 4.1) on the fixture charts of test/fixtures and parses what it
 * renders, so chart tests can look objects up by kind and name and check one field at a time.
 * Charts and values files are read from the repository (repoRoot), never from dist.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import yaml from 'js-yaml';
import { helmBinary, helmEnv, type HelmMajor } from '../support/helm-binaries.js';
import { repoRoot } from '../support/paths.js';

export const CHART_DIR = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart');
export const CHART_2X_DIR = join(repoRoot, 'test', 'fixtures', 'polyaxon-chart-2x');
export const GOLDEN_DIR = join(repoRoot, 'test', 'golden');

/** The release name every render uses; object names are `<release>-polyaxon-<component>`. */
export const RELEASE = 'px';
export const FULLNAME = `${RELEASE}-polyaxon`;
export const NAMESPACE = 'polyaxon';

/** Every preset with a golden config that targets Kubernetes (docker-compose is not a chart install). */
export const CHART_PRESETS = [
  'eks',
  'gke',
  'kubernetes',
  'kubespray',
  'microk8s',
  'minikube',
  'nfs',
  'openshift',
] as const;
export type ChartPreset = (typeof CHART_PRESETS)[number];

/** The preset's config as written for chart 0.6.1, the line the fixture chart stands in for. */
export function goldenPath(preset: string): string {
  return join(GOLDEN_DIR, 'line-0.6', `${preset}.config.yaml`);
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

let scratch: string | undefined;
/** One scratch directory per process for helm's homes and the values files the tests write. */
function scratchDir(): string {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'polyaxon-chart-test-'));
    const dir = scratch;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

let counter = 0;
/** Writes a values object as a YAML file (exactly what `-f` would get) and returns its path. */
export function valuesFile(values: Record<string, unknown>, label = 'values'): string {
  const p = join(scratchDir(), `${label}-${process.pid}-${counter++}.yaml`);
  writeFileSync(p, yaml.dump(values, { lineWidth: -1 }));
  return p;
}

/** Runs helm of that major with an argv array (no shell), in an isolated HOME. */
export async function helm(major: HelmMajor, args: string[]): Promise<HelmResult> {
  const bin = await helmBinary(major);
  const work = scratchDir();
  const r = await execa(bin, args, {
    reject: false,
    timeout: 60_000,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...helmEnv(work) },
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The objects of a `helm template` output (multi-document YAML; empty documents dropped). */
export function parseManifests(text: string): K8sObject[] {
  return (yaml.loadAll(text) as unknown[]).filter(
    (d): d is K8sObject => typeof d === 'object' && d !== null && 'kind' in d,
  );
}

export class Manifests {
  constructor(readonly objects: K8sObject[]) {}

  /** The object of that kind and full name; fails the test when it is missing. */
  get(kind: string, name: string): K8sObject {
    const o = this.find(kind, name);
    assert.ok(
      o,
      `no ${kind} ${name} rendered; have: ${this.objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`,
    );
    return o;
  }

  find(kind: string, name: string): K8sObject | undefined {
    return this.objects.find((o) => o.kind === kind && o.metadata?.name === name);
  }

  ofKind(kind: string): K8sObject[] {
    return this.objects.filter((o) => o.kind === kind);
  }

  /** `<release>-polyaxon-<suffix>`, the naming of the fixture chart. */
  component(kind: string, suffix: string): K8sObject {
    return this.get(kind, suffix ? `${FULLNAME}-${suffix}` : FULLNAME);
  }

  /** Pod spec of a Deployment, DaemonSet, StatefulSet or Job. */
  podSpec(kind: string, suffix: string): any {
    return this.component(kind, suffix).spec.template.spec;
  }

  configData(suffix: string): Record<string, string> {
    return this.component('ConfigMap', suffix).data ?? {};
  }

  /** Every pod template the chart renders, with where it came from. */
  pods(): { owner: string; spec: any }[] {
    return this.objects
      .filter((o) => o.spec?.template?.spec)
      .map((o) => ({ owner: `${o.kind}/${o.metadata.name}`, spec: o.spec.template.spec }));
  }
}

export interface RenderOptions {
  chart?: string;
  /** Values files, in `-f` order. */
  files?: string[];
  /** Extra argv (e.g. ['--set', 'a=b']). */
  args?: string[];
}

/** `helm template px <chart> -n polyaxon -f ...`; fails the test with helm's stderr when it fails. */
export async function render(major: HelmMajor, opts: RenderOptions = {}): Promise<Manifests> {
  const args = ['template', RELEASE, opts.chart ?? CHART_DIR, '--namespace', NAMESPACE];
  for (const f of opts.files ?? []) args.push('--values', f);
  args.push(...(opts.args ?? []));
  const r = await helm(major, args);
  assert.equal(r.code, 0, `helm ${major} ${args.join(' ')} failed:\n${r.stderr}\n${r.stdout}`);
  return new Manifests(parseManifests(r.stdout));
}

/** Renders the chart with one inline values object. */
export function renderValues(major: HelmMajor, values: Record<string, unknown>, label?: string): Promise<Manifests> {
  return render(major, { files: [valuesFile(values, label)] });
}

/** The volume of a pod spec by name. */
export function volume(spec: any, name: string): any {
  const v = (spec.volumes ?? []).find((x: any) => x.name === name);
  assert.ok(v, `no volume ${name}; have: ${(spec.volumes ?? []).map((x: any) => x.name).join(', ')}`);
  return v;
}

/** The mount of a volume in a container by volume name. */
export function mountOf(container: any, name: string): any {
  const m = (container.volumeMounts ?? []).find((x: any) => x.name === name);
  assert.ok(m, `container ${container.name} does not mount ${name}`);
  return m;
}

export function container(spec: any, name: string): any {
  const c = (spec.containers ?? []).find((x: any) => x.name === name);
  assert.ok(c, `no container ${name}; have: ${(spec.containers ?? []).map((x: any) => x.name).join(', ')}`);
  return c;
}

export function decodeSecret(secret: K8sObject, key: string): string | undefined {
  if (secret.stringData?.[key] !== undefined) return String(secret.stringData[key]);
  const b64 = secret.data?.[key];
  return b64 === undefined ? undefined : Buffer.from(String(b64), 'base64').toString('utf8');
}
