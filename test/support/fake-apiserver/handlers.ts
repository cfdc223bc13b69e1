/** The verbs on one resource: get, list, watch, create, update, patch, delete, deletecollection. */
import yaml from 'js-yaml';
import type { Access } from './access.js';
import { admitCreate, admitUpdate, checkName } from './admission.js';
import { serverSideApply } from './apply.js';
import { decodeKubeProtobuf } from './protobuf.js';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.js';
import { groupVersion, type ResourceDef } from './resources.js';
import { fieldSelector, labelSelector, pinnedName } from './selectors.js';
import type { Simulation } from './simulation.js';
import { randomSuffix } from './simulation.js';
import * as S from './status.js';
import { lowerBound, objectKey, type FakeStore } from './store.js';
import type { WatchRequest } from './watch.js';

export interface ApiRequest {
  def: ResourceDef;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: string;
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

export type ApiResult = { status: number; body: unknown } | { watch: WatchRequest };

const DRY_RUN = (q: URLSearchParams) => q.getAll('dryRun').includes('All');

function parseBody(r: ApiRequest): any {
  const type = r.contentType.split(';')[0].trim();
  if (type === 'application/vnd.kubernetes.protobuf') return decodeKubeProtobuf(r.body);
  if (type.includes('protobuf') || type.includes('cbor')) throw S.unsupportedMediaType(type);
  const text = r.body.toString('utf8');
  if (!text.trim()) throw S.badRequest('empty request body');
  try {
    return type.includes('yaml') ? yaml.load(text) : JSON.parse(text);
  } catch (e) {
    throw S.badRequest(`error decoding request body: ${(e as Error).message}`);
  }
}

function encodeContinue(rv: string, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: `${lastKey}\u0000` })).toString(
    'base64',
  );
}

function decodeContinue(token: string): { rv: string; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (t.v !== 'meta.k8s.io/v1' || typeof t.start !== 'string') throw new Error('bad version');
    return { rv: String(t.rv), start: t.start };
  } catch {
    throw S.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export class Handlers {
  constructor(
    private store: FakeStore,
    private sim: Simulation,
    private access: Access,
  ) {}

  handle(r: ApiRequest): ApiResult {
    switch (r.verb) {
      case 'get':
        return this.get(r);
      case 'list':
        return this.list(r);
      case 'watch':
        return { watch: this.watchRequest(r) };
      case 'create':
        return r.def.virtual ? this.review(r) : this.create(r);
      case 'update':
        return this.update(r);
      case 'patch':
        return this.patch(r);
      case 'delete':
        return this.delete(r);
      case 'deletecollection':
        return this.deleteCollection(r);
      default:
        throw S.methodNotAllowed();
    }
  }

  private gv(r: ApiRequest): string {
    return groupVersion(r.def.group, r.version);
  }

  /** The object as the requested version serves it (the fake stores one shape for all versions). */
  render(r: ApiRequest, obj: any): any {
    const gv = this.gv(r);
    return obj.apiVersion === gv ? obj : { ...obj, apiVersion: gv };
  }

  private existing(r: ApiRequest): any {
    const o = this.store.read(r.def, this.ns(r), r.name!);
    if (!o) throw S.notFound(r.def.plural, r.def.group, r.name!);
    return o;
  }

  private ns(r: ApiRequest): string | undefined {
    return r.def.namespaced ? r.namespace : undefined;
  }

  private get(r: ApiRequest): ApiResult {
    const o = this.existing(r);
    if (r.subresource === 'scale') return { status: 200, body: scaleOf(o) };
    return { status: 200, body: this.render(r, o) };
  }

  private matcher(r: ApiRequest): (o: any) => boolean {
    const labels = labelSelector(r.query.get('labelSelector'));
    const fields = fieldSelector(r.query.get('fieldSelector'));
    return (o) => labels(o) && fields(o);
  }

  private candidateKeys(r: ApiRequest): string[] {
    const name = pinnedName(r.query.get('fieldSelector'));
    if (name === undefined) return this.store.keys(r.def, this.ns(r));
    if (r.def.namespaced && !r.namespace) return this.store.keys(r.def).filter((k) => k.endsWith(`/${name}`));
    const key = objectKey(this.ns(r), name);
    return this.store.objectAt(r.def, key) ? [key] : [];
  }

  private list(r: ApiRequest): ApiResult {
    const matches = this.matcher(r);
    const keys = this.candidateKeys(r);
    const limit = Math.max(0, Number(r.query.get('limit') ?? 0) || 0);
    const token = r.query.get('continue');
    let rv = this.store.resourceVersion;
    let i = 0;
    if (token) {
      const c = decodeContinue(token);
      rv = c.rv;
      i = lowerBound(keys, c.start);
    }
    const builtin = r.def.builtin;
    const items: any[] = [];
    let lastKey = '';
    let more = false;
    for (; i < keys.length; i++) {
      const o = this.store.objectAt(r.def, keys[i]);
      if (!o || !matches(o)) continue;
      if (limit && items.length === limit) {
        more = true;
        break;
      }
      // Built-in list items carry no kind/apiVersion on the wire.
      if (builtin) {
        const { apiVersion: _a, kind: _k, ...rest } = o;
        items.push(rest);
      } else items.push(this.render(r, o));
      lastKey = keys[i];
    }
    const metadata: Record<string, unknown> = { resourceVersion: rv };
    if (more) {
      metadata.continue = encodeContinue(rv, lastKey);
      if (!r.query.get('labelSelector') && !r.query.get('fieldSelector')) metadata.remainingItemCount = keys.length - i;
    }
    return { status: 200, body: { kind: r.def.listKind, apiVersion: this.gv(r), metadata, items } };
  }

  private watchRequest(r: ApiRequest): WatchRequest {
    const timeout = Number(r.query.get('timeoutSeconds') ?? 0);
    return {
      def: r.def,
      namespace: this.ns(r),
      matches: this.matcher(r),
      resourceVersion: r.query.get('resourceVersion') ?? undefined,
      timeoutSeconds: Number.isFinite(timeout) ? timeout : 0,
      sendInitialEvents: r.query.get('sendInitialEvents') === 'true',
      render: (o) => this.render(r, o),
    };
  }

  private requireNamespace(r: ApiRequest): void {
    if (!r.def.namespaced) return;
    if (!r.namespace) throw S.methodNotAllowed();
    if (!this.store.read(this.store.mustFind('namespaces'), undefined, r.namespace))
      throw S.notFound('namespaces', '', r.namespace);
  }

  private checkBodyIdentity(r: ApiRequest, body: any): void {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw S.badRequest('the request body must be a JSON object');
    if (body.kind !== undefined && body.kind !== r.def.kind && !(r.subresource === 'scale' && body.kind === 'Scale')) {
      throw S.badRequest(`the kind in the request body (${body.kind}) does not match the resource (${r.def.kind})`);
    }
    const ns = body.metadata?.namespace;
    if (r.def.namespaced && ns && r.namespace && ns !== r.namespace) {
      throw S.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const name = body.metadata?.name;
    if (r.name && name && name !== r.name)
      throw S.badRequest(`the name of the object (${name}) does not match the name on the URL (${r.name})`);
  }

  private create(r: ApiRequest): ApiResult {
    if (r.name || r.subresource) throw S.methodNotAllowed();
    const body = parseBody(r);
    this.checkBodyIdentity(r, body);
    let name: string | undefined = body.metadata?.name;
    if (!name && body.metadata?.generateName) name = `${body.metadata.generateName}${randomSuffix()}`;
    if (!name) {
      throw S.invalid(
        r.def.kind,
        r.def.builtin ? '' : r.def.group,
        '',
        'metadata.name',
        'FieldValueRequired',
        'Required value: name or generateName is required',
      );
    }
    checkName(r.def, name);
    this.requireNamespace(r);
    if (this.store.read(r.def, this.ns(r), name)) throw S.alreadyExists(r.def.plural, r.def.group, name);
    const obj = admitCreate(r.def, body, this.ns(r), name);
    return { status: 201, body: this.render(r, this.commit(r, obj)) };
  }

  /** Stores (unless dry-run) and lets the simulated controllers react. */
  private commit(r: ApiRequest, obj: any): any {
    if (DRY_RUN(r.query)) {
      obj.apiVersion = this.gv(r);
      obj.kind = r.def.kind;
      obj.metadata.resourceVersion = this.store.resourceVersion;
      return obj;
    }
    const stored = this.store.write(r.def, obj).object;
    if (!r.subresource) this.sim.onApiWrite(r.def, stored);
    return stored;
  }

  private replace(r: ApiRequest, old: any, next: any): ApiResult {
    const isScale = r.subresource === 'scale';
    if (isScale) {
      next = { ...structuredClone(old), spec: { ...old.spec, replicas: next.spec?.replicas ?? old.spec?.replicas } };
      r = { ...r, subresource: undefined };
    }
    const obj = admitUpdate(r.def, old, next, r.subresource);
    const same =
      JSON.stringify({ ...obj, metadata: { ...obj.metadata, resourceVersion: old.metadata.resourceVersion } }) ===
      JSON.stringify(old);
    if (same) return { status: 200, body: this.render(r, old) };
    const stored = this.commit(r, obj);
    return { status: 200, body: isScale ? scaleOf(stored) : this.render(r, stored) };
  }

  private checkPrecondition(r: ApiRequest, old: any, rv: unknown): void {
    if (rv !== undefined && rv !== null && rv !== '' && String(rv) !== old.metadata.resourceVersion) {
      throw S.conflict(r.def.plural, r.def.group, r.name!);
    }
  }

  private update(r: ApiRequest): ApiResult {
    if (!r.name) throw S.methodNotAllowed();
    const body = parseBody(r);
    this.checkBodyIdentity(r, body);
    const old = this.existing(r);
    this.checkPrecondition(r, old, body.metadata?.resourceVersion);
    return this.replace(r, old, body);
  }

  private patch(r: ApiRequest): ApiResult {
    if (!r.name) throw S.methodNotAllowed();
    const type = r.contentType.split(';')[0].trim();
    if (type === 'application/apply-patch+yaml') return this.apply(r);
    const body = parseBody(r);
    const old = this.existing(r);
    const base = r.subresource === 'scale' ? scaleOf(old) : old;
    let next: any;
    switch (type) {
      case 'application/merge-patch+json':
        next = mergePatch(base, body);
        break;
      case 'application/strategic-merge-patch+json':
        if (!r.def.builtin) {
          throw S.failure(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        }
        next = strategicMergePatch(base, body);
        break;
      case 'application/json-patch+json':
        next = jsonPatch(base, body);
        break;
      default:
        throw S.unsupportedMediaType(type);
    }
    if (!Array.isArray(body)) this.checkPrecondition(r, old, body?.metadata?.resourceVersion);
    return this.replace(r, old, next);
  }

  private apply(r: ApiRequest): ApiResult {
    const manager = r.query.get('fieldManager');
    const body = parseBody(r);
    if (!manager) {
      throw S.failure(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    }
    this.checkBodyIdentity(r, body);
    if (body.apiVersion === undefined || body.kind === undefined) {
      throw S.badRequest("error decoding YAML: Object 'Kind' is missing in the applied configuration");
    }
    const force = r.query.get('force') === 'true';
    const old = this.store.read(r.def, this.ns(r), r.name!);
    if (!old) {
      if (r.subresource) throw S.notFound(r.def.plural, r.def.group, r.name!);
      checkName(r.def, r.name!);
      this.requireNamespace(r);
      const applied = serverSideApply(undefined, body, manager, force, this.gv(r));
      const obj = admitCreate(r.def, applied, this.ns(r), r.name!);
      obj.metadata.managedFields = applied.metadata.managedFields;
      return { status: 201, body: this.render(r, this.commit(r, obj)) };
    }
    this.checkPrecondition(r, old, body.metadata?.resourceVersion);
    return this.replace(r, old, serverSideApply(old, body, manager, force, this.gv(r)));
  }

  private deleteOptions(r: ApiRequest): any {
    if (r.body.length === 0) return {};
    try {
      return parseBody(r);
    } catch {
      throw S.badRequest('error decoding DeleteOptions');
    }
  }

  private removeOne(r: ApiRequest, o: any, opts: any): any {
    const policy =
      opts.propagationPolicy ?? r.query.get('propagationPolicy') ?? (opts.orphanDependents ? 'Orphan' : 'Background');
    if (DRY_RUN(r.query) || (opts.dryRun ?? []).includes('All')) return o;
    const ns = r.def.namespaced ? o.metadata.namespace : undefined;
    return policy === 'Orphan'
      ? this.store.remove(r.def, ns, o.metadata.name)
      : this.store.removeCascading(r.def, ns, o.metadata.name);
  }

  private delete(r: ApiRequest): ApiResult {
    if (!r.name || r.subresource) throw S.methodNotAllowed();
    const opts = this.deleteOptions(r);
    const old = this.existing(r);
    const pre = opts.preconditions ?? {};
    if (pre.uid && pre.uid !== old.metadata.uid) {
      throw S.conflict(
        r.def.plural,
        r.def.group,
        r.name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw S.conflict(
        r.def.plural,
        r.def.group,
        r.name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    const gone = this.removeOne(r, old, opts);
    // Pods and namespaces come back as objects (graceful deletion); the rest as a Status.
    if (r.def.group === '' && (r.def.plural === 'pods' || r.def.plural === 'namespaces')) {
      const shown = structuredClone(gone);
      shown.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (r.def.plural === 'namespaces') shown.status = { ...(shown.status ?? {}), phase: 'Terminating' };
      return { status: 200, body: this.render(r, shown) };
    }
    return {
      status: 200,
      body: S.success({
        name: r.name,
        ...(r.def.group ? { group: r.def.group } : {}),
        kind: r.def.plural,
        uid: old.metadata.uid,
      }),
    };
  }

  private deleteCollection(r: ApiRequest): ApiResult {
    if (r.subresource) throw S.methodNotAllowed();
    const opts = this.deleteOptions(r);
    const matches = this.matcher(r);
    const victims = this.candidateKeys(r)
      .map((k) => this.store.objectAt(r.def, k))
      .filter((o) => o && matches(o));
    const items = victims.map((o) => this.render(r, this.removeOne(r, o, opts)));
    return {
      status: 200,
      body: {
        kind: r.def.listKind,
        apiVersion: this.gv(r),
        metadata: { resourceVersion: this.store.resourceVersion },
        items,
      },
    };
  }

  /** SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview, LocalSubjectAccessReview. */
  private review(r: ApiRequest): ApiResult {
    if (r.name || r.subresource) throw S.methodNotAllowed();
    const body = parseBody(r);
    this.checkBodyIdentity(r, body);
    const spec = body.spec ?? {};
    if (r.def.plural === 'localsubjectaccessreviews' && spec.resourceAttributes) {
      spec.resourceAttributes.namespace ??= r.namespace;
    }
    const status =
      r.def.plural === 'selfsubjectrulesreviews'
        ? this.access.rulesReview(this.store.resources, spec.namespace)
        : this.access.review(spec);
    return {
      status: 201,
      body: {
        kind: r.def.kind,
        apiVersion: this.gv(r),
        metadata: { creationTimestamp: null, ...(r.namespace ? { namespace: r.namespace } : {}) },
        spec,
        status,
      },
    };
  }
}

function scaleOf(o: any): any {
  const labels = o.spec?.selector?.matchLabels ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 1 },
    status: {
      replicas: o.status?.replicas ?? 0,
      selector: Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}
