/**
 * Decodes the Kubernetes protobuf request bodies helm's typed client sends (release Secrets,
 * ConfigMaps, Namespaces, DeleteOptions). Responses stay JSON: client-go's Accept header
 * lists application/json as a fallback. Envelope: "k8s\0" + runtime.Unknown{typeMeta, raw}.
 */
import { badRequest, failure } from './status.js';

type Scalar = 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'json';
type FieldType = Scalar | Schema | { map: [Scalar, Scalar] } | { repeated: Scalar | Schema };
type Schema = { [field: number]: [name: string, type: FieldType] };

const Time: Schema = { 1: ['seconds', 'int'], 2: ['nanos', 'int'] };
const OwnerReference: Schema = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool'],
  7: ['blockOwnerDeletion', 'bool'],
};
const FieldsV1: Schema = { 1: ['Raw', 'json'] };
const ManagedFieldsEntry: Schema = {
  1: ['manager', 'string'],
  2: ['operation', 'string'],
  3: ['apiVersion', 'string'],
  4: ['time', 'time'],
  6: ['fieldsType', 'string'],
  7: ['fieldsV1', FieldsV1],
  8: ['subresource', 'string'],
};
const ObjectMeta: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  4: ['selfLink', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  8: ['creationTimestamp', 'time'],
  9: ['deletionTimestamp', 'time'],
  10: ['deletionGracePeriodSeconds', 'int'],
  11: ['labels', { map: ['string', 'string'] }],
  12: ['annotations', { map: ['string', 'string'] }],
  13: ['ownerReferences', { repeated: OwnerReference }],
  14: ['finalizers', { repeated: 'string' }],
  17: ['managedFields', { repeated: ManagedFieldsEntry }],
};

const KINDS: Record<string, Schema> = {
  'v1/Secret': {
    1: ['metadata', ObjectMeta],
    2: ['data', { map: ['string', 'bytes'] }],
    3: ['type', 'string'],
    4: ['stringData', { map: ['string', 'string'] }],
    5: ['immutable', 'bool'],
  },
  'v1/ConfigMap': {
    1: ['metadata', ObjectMeta],
    2: ['data', { map: ['string', 'string'] }],
    3: ['binaryData', { map: ['string', 'bytes'] }],
    4: ['immutable', 'bool'],
  },
  'v1/Namespace': {
    1: ['metadata', ObjectMeta],
    2: ['spec', { 1: ['finalizers', { repeated: 'string' }] }],
    3: ['status', { 1: ['phase', 'string'] }],
  },
  'v1/ServiceAccount': {
    1: ['metadata', ObjectMeta],
    2: ['secrets', { repeated: { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'] } }],
    3: ['imagePullSecrets', { repeated: { 1: ['name', 'string'] } }],
    4: ['automountServiceAccountToken', 'bool'],
  },
  'v1/DeleteOptions': {
    1: ['gracePeriodSeconds', 'int'],
    2: ['preconditions', { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] }],
    3: ['orphanDependents', 'bool'],
    4: ['propagationPolicy', 'string'],
    5: ['dryRun', { repeated: 'string' }],
  },
};
KINDS['meta.k8s.io/v1/DeleteOptions'] = KINDS['v1/DeleteOptions'];

const Unknown: Schema = {
  1: ['typeMeta', { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }],
  2: ['raw', 'bytes'],
  3: ['contentEncoding', 'string'],
  4: ['contentType', 'string'],
};

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw badRequest('protobuf: truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const n = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
}

function timeString(t: any): string {
  return new Date(Number(t.seconds ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function scalar(type: Scalar, r: Reader, wire: number): unknown {
  if (type === 'int') return Number(BigInt.asIntN(64, r.varint()));
  if (type === 'bool') return r.varint() !== 0n;
  if (wire !== 2) throw badRequest(`protobuf: expected bytes for ${type}`);
  const b = r.bytes();
  if (type === 'string') return b.toString('utf8');
  if (type === 'bytes') return b.toString('base64');
  if (type === 'json') return JSON.parse(b.toString('utf8'));
  return timeString(message(Time, b));
}

function value(type: Scalar | Schema, r: Reader, wire: number): unknown {
  return typeof type === 'string' ? scalar(type, r, wire) : message(type, r.bytes());
}

function message(schema: Schema, buf: Buffer): any {
  const r = new Reader(buf);
  const out: Record<string, any> = {};
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >> 3;
    const wire = tag & 7;
    const spec = schema[field];
    if (!spec) {
      r.skip(wire);
      continue;
    }
    const [name, type] = spec;
    if (typeof type === 'object' && 'map' in type) {
      const entry = message({ 1: ['key', type.map[0]], 2: ['value', type.map[1]] }, r.bytes());
      (out[name] ??= {})[entry.key ?? ''] =
        entry.value ?? (type.map[1] === 'string' || type.map[1] === 'bytes' ? '' : null);
    } else if (typeof type === 'object' && 'repeated' in type) {
      (out[name] ??= []).push(value(type.repeated as Scalar | Schema, r, wire));
    } else {
      out[name] = value(type as Scalar | Schema, r, wire);
    }
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a `application/vnd.kubernetes.protobuf` body into the JSON object kube would have received. */
export function decodeKubeProtobuf(body: Buffer): any {
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('protobuf: missing k8s envelope');
  const unknown = message(Unknown, body.subarray(4));
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  const schema = KINDS[`${apiVersion}/${kind}`];
  if (!schema) {
    throw failure(
      415,
      'UnsupportedMediaType',
      `the fake apiserver cannot decode protobuf ${apiVersion}/${kind}; send JSON`,
    );
  }
  return { apiVersion, kind, ...message(schema, Buffer.from(unknown.raw ?? '', 'base64')) };
}
