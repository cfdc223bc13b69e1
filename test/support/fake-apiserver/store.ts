/**
 * Objects by resource, with a global resourceVersion and an event history for watches.
 * Stored objects are never mutated after they are written: writers hand in fresh objects,
 * so lists and watch events can serialize them without copying the store.
 */
import { randomUUID } from 'node:crypto';
import {
  ResourceTable,
  defFromCrd,
  groupVersion,
  resourceKey,
  splitApiVersion,
  type ResourceDef,
} from './resources.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  rv: number;
  def: ResourceDef;
  object: any;
  /** The object before a MODIFIED, so a filtered watch can tell "left the selection" from "changed". */
  old?: any;
}

interface Bucket {
  def: ResourceDef;
  objects: Map<string, any>;
  sorted?: string[];
}

const HISTORY_MAX = 50_000;

export const objectKey = (namespace: string | undefined, name: string): string =>
  namespace ? `${namespace}/${name}` : name;

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class FakeStore {
  readonly resources: ResourceTable;
  private buckets = new Map<string, Bucket>();
  private rv = 1000;
  private history: StoreEvent[] = [];
  private listeners = new Set<(e: StoreEvent) => void>();

  constructor(resources = new ResourceTable()) {
    this.resources = resources;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  // ---- the test-facing API: plain JSON in, copies out ----

  /** Adds or replaces objects; accepts single objects, `kind: XList` lists and arrays. Returns the stored copies. */
  put(input: unknown): any {
    if (Array.isArray(input)) return input.map((o) => this.put(o));
    const obj = input as any;
    if (!obj || typeof obj !== 'object') throw new Error('store.put: not an object');
    if (Array.isArray(obj.items) && typeof obj.kind === 'string' && obj.kind.endsWith('List')) {
      const itemKind = obj.kind === 'List' ? undefined : obj.kind.slice(0, -4);
      return obj.items.map((item: any) =>
        this.put({ ...(itemKind ? { apiVersion: obj.apiVersion, kind: itemKind } : {}), ...item }),
      );
    }
    const def = this.defOf(obj);
    const copy = structuredClone(obj);
    copy.metadata ??= {};
    if (def.namespaced) copy.metadata.namespace ??= 'default';
    else delete copy.metadata.namespace;
    if (!copy.metadata.name) throw new Error(`store.put: ${def.kind} without metadata.name`);
    copy.metadata.uid ??= randomUUID();
    copy.metadata.creationTimestamp ??= now();
    return structuredClone(this.write(def, copy).object);
  }

  get(kind: string, name: string, namespace?: string): any | undefined {
    const def = this.mustFind(kind);
    const o = this.read(def, def.namespaced ? (namespace ?? 'default') : undefined, name);
    return o === undefined ? undefined : structuredClone(o);
  }

  /** All objects of a kind, in one namespace or (namespace omitted) everywhere. */
  list(kind: string, namespace?: string): any[] {
    const def = this.mustFind(kind);
    return this.keys(def, def.namespaced ? namespace : undefined).map((k) =>
      structuredClone(this.bucket(def).objects.get(k)),
    );
  }

  delete(kind: string, name: string, namespace?: string): boolean {
    const def = this.mustFind(kind);
    return this.remove(def, def.namespaced ? (namespace ?? 'default') : undefined, name) !== undefined;
  }

  /** Called for every change, synchronously; returns the unsubscribe function. */
  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- the server-facing API: stored objects, not copies ----

  defOf(obj: any): ResourceDef {
    const { group } = splitApiVersion(String(obj?.apiVersion ?? ''));
    const def = this.resources.forKind(group, String(obj?.kind ?? ''));
    if (!def) throw new Error(`store: unknown kind ${obj?.apiVersion}/${obj?.kind} (load its CRD first)`);
    return def;
  }

  mustFind(kind: string): ResourceDef {
    const def = this.resources.find(kind);
    if (!def) throw new Error(`store: unknown resource ${kind}`);
    return def;
  }

  read(def: ResourceDef, namespace: string | undefined, name: string): any | undefined {
    return this.buckets.get(resourceKey(def.group, def.plural))?.objects.get(objectKey(namespace, name));
  }

  count(def: ResourceDef): number {
    return this.buckets.get(resourceKey(def.group, def.plural))?.objects.size ?? 0;
  }

  /** Sorted object keys (`ns/name` or `name`), the order lists and continue tokens use. */
  keys(def: ResourceDef, namespace?: string): string[] {
    const b = this.bucket(def);
    b.sorted ??= [...b.objects.keys()].sort();
    if (!namespace) return b.sorted;
    const prefix = `${namespace}/`;
    const start = lowerBound(b.sorted, prefix);
    let end = start;
    while (end < b.sorted.length && b.sorted[end].startsWith(prefix)) end++;
    return b.sorted.slice(start, end);
  }

  objectAt(def: ResourceDef, key: string): any | undefined {
    return this.bucket(def).objects.get(key);
  }

  /** Stores a fresh object (the store owns it afterwards), bumping its resourceVersion. */
  write(def: ResourceDef, obj: any): StoreEvent {
    const b = this.bucket(def);
    const key = objectKey(def.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name);
    const old = b.objects.get(key);
    obj.apiVersion = groupVersion(def.group, def.versions[0]);
    obj.kind = def.kind;
    obj.metadata.generation ??= 1;
    if (def.group === 'apiextensions.k8s.io' && def.plural === 'customresourcedefinitions') this.registerCrd(obj, old);
    obj.metadata.resourceVersion = String(++this.rv);
    b.objects.set(key, obj);
    if (!old) b.sorted = undefined;
    return this.emit({ type: old ? 'MODIFIED' : 'ADDED', rv: this.rv, def, object: obj, old });
  }

  /** Removes one object; namespaces take their contents along, CRDs their custom resources. */
  remove(def: ResourceDef, namespace: string | undefined, name: string): any | undefined {
    const b = this.bucket(def);
    const key = objectKey(namespace, name);
    const old = b.objects.get(key);
    if (!old) return undefined;
    if (def.group === '' && def.plural === 'namespaces') this.emptyNamespace(name);
    if (def.group === 'apiextensions.k8s.io' && def.plural === 'customresourcedefinitions') this.unregisterCrd(old);
    b.objects.delete(key);
    b.sorted = undefined;
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ type: 'DELETED', rv: this.rv, def, object: gone });
    return gone;
  }

  /** Objects that name `uid` in their ownerReferences (garbage-collector dependents). */
  dependents(uid: string): Array<{ def: ResourceDef; object: any }> {
    const out: Array<{ def: ResourceDef; object: any }> = [];
    for (const b of this.buckets.values()) {
      for (const o of b.objects.values()) {
        if (o.metadata?.ownerReferences?.some((r: any) => r.uid === uid)) out.push({ def: b.def, object: o });
      }
    }
    return out;
  }

  /** Removes an object and, recursively, everything it owns. */
  removeCascading(def: ResourceDef, namespace: string | undefined, name: string): any | undefined {
    const gone = this.remove(def, namespace, name);
    if (gone?.metadata?.uid) {
      for (const d of this.dependents(gone.metadata.uid)) {
        this.removeCascading(d.def, d.def.namespaced ? d.object.metadata.namespace : undefined, d.object.metadata.name);
      }
    }
    return gone;
  }

  /** Events after `rv`, or undefined when the history no longer reaches back that far. */
  eventsSince(rv: number): StoreEvent[] | undefined {
    if (rv >= this.rv) return [];
    const first = this.history[0];
    if (!first || first.rv > rv + 1) return undefined;
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  private bucket(def: ResourceDef): Bucket {
    const key = resourceKey(def.group, def.plural);
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { def, objects: new Map() }));
    b.def = def;
    return b;
  }

  private emit(e: StoreEvent): StoreEvent {
    this.history.push(e);
    if (this.history.length > HISTORY_MAX) this.history.splice(0, HISTORY_MAX / 5);
    for (const l of [...this.listeners]) l(e);
    return e;
  }

  private emptyNamespace(ns: string): void {
    for (const b of [...this.buckets.values()]) {
      if (!b.def.namespaced) continue;
      for (const key of this.keys(b.def, ns)) {
        const o = b.objects.get(key);
        this.remove(b.def, ns, o.metadata.name);
      }
    }
  }

  /** The apiextensions controller's part: register the kind and report the CRD established. */
  private registerCrd(crd: any, old: any): void {
    const def = defFromCrd(crd);
    if (!def) return;
    const previous = old ? defFromCrd(old) : undefined;
    if (previous && (previous.group !== def.group || previous.plural !== def.plural))
      this.resources.remove(previous.group, previous.plural);
    this.resources.add(def);
    const t = crd.metadata.creationTimestamp ?? now();
    crd.status = {
      ...(crd.status ?? {}),
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: t,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: t,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      acceptedNames: {
        plural: def.plural,
        singular: def.singular,
        kind: def.kind,
        listKind: def.listKind,
        ...(def.shortNames ? { shortNames: def.shortNames } : {}),
        ...(def.categories ? { categories: def.categories } : {}),
      },
      storedVersions: crd.status?.storedVersions ?? [
        (crd.spec.versions ?? []).find((v: any) => v.storage)?.name ?? def.versions[0],
      ],
    };
  }

  private unregisterCrd(crd: any): void {
    const def = defFromCrd(crd);
    if (!def) return;
    const b = this.buckets.get(resourceKey(def.group, def.plural));
    if (b) for (const o of [...b.objects.values()]) this.remove(b.def, o.metadata.namespace, o.metadata.name);
    this.buckets.delete(resourceKey(def.group, def.plural));
    this.resources.remove(def.group, def.plural);
  }
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { lowerBound };
