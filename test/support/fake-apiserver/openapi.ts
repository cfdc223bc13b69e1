/**
 * /openapi/v3 (root index and one document per group version), just detailed enough for
 * kubectl-style validation in helm: its "does the server validate fields?" probe looks for a
 * PATCH operation tagged with the kind's x-kubernetes-group-version-kind that takes a
 * `fieldValidation` query parameter; when found, helm leaves validation to the server and
 * never needs the protobuf /openapi/v2. Schemas are permissive objects.
 */
import { createHash } from 'node:crypto';
import { groupVersion, type ResourceDef, type ResourceTable } from './resources.js';

function gvPaths(table: ResourceTable): string[] {
  const out = table.all().some((d) => d.group === '') ? ['api/v1'] : [];
  for (const [g, vs] of table.groups()) for (const v of vs) out.push(`apis/${g}/${v}`);
  return out;
}

function schemaName(def: ResourceDef, version: string): string {
  const group = def.group || 'core';
  return def.builtin
    ? `io.k8s.api.${group.split('.')[0]}.${version}.${def.kind}`
    : `${group.split('.').reverse().join('.')}.${version}.${def.kind}`;
}

const param = (name: string, type = 'string') => ({ name, in: 'query', schema: { type, uniqueItems: true } });
const WRITE_PARAMS = [param('dryRun'), param('fieldManager'), param('fieldValidation')];

function operations(def: ResourceDef, version: string, base: string): Record<string, unknown> {
  const gvk = { group: def.group, version, kind: def.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(def, version)}` };
  const body = { content: { 'application/json': { schema: ref } }, required: true };
  const ok = { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } };
  const op = (action: string, extra: Record<string, unknown> = {}) => ({
    operationId: `${action}${def.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: ok,
    ...extra,
  });
  const nsPart = def.namespaced ? 'namespaces/{namespace}/' : '';
  const collection = `/${base}/${nsPart}${def.plural}`;
  const paths: Record<string, unknown> = {
    [collection]: { get: op('list'), post: op('post', { parameters: WRITE_PARAMS, requestBody: body }) },
  };
  if (!def.virtual) {
    paths[`${collection}/{name}`] = {
      get: op('get'),
      put: op('put', { parameters: WRITE_PARAMS, requestBody: body }),
      patch: op('patch', {
        parameters: [...WRITE_PARAMS, param('force', 'boolean')],
        requestBody: { content: { 'application/merge-patch+json': { schema: { type: 'object' } } }, required: true },
      }),
      delete: op('delete', { parameters: [param('dryRun'), param('propagationPolicy')] }),
    };
  }
  return paths;
}

function gvDocument(table: ResourceTable, group: string, version: string) {
  const defs = table.all().filter((d) => d.group === group && table.serves(d, version));
  if (defs.length === 0) return undefined;
  const base = group ? `apis/${group}/${version}` : 'api/v1';
  const schemas: Record<string, unknown> = {};
  for (const d of defs) {
    schemas[schemaName(d, version)] = {
      type: 'object',
      description: `${d.kind} (${groupVersion(group, version)}), schema elided by the fake apiserver.`,
      'x-kubernetes-preserve-unknown-fields': true,
      'x-kubernetes-group-version-kind': [{ group, version, kind: d.kind }],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.34.1' },
    paths: Object.assign({}, ...defs.map((d) => operations(d, version, base))),
    components: { schemas },
  };
}

/** Body for /openapi/<rest>, or undefined for 404. */
export function openapiResponse(table: ResourceTable, path: string[]): unknown | undefined {
  if (path[0] !== 'v3') return undefined;
  if (path.length === 1) {
    const paths: Record<string, unknown> = {};
    for (const p of gvPaths(table)) {
      // The hash only has to change when the document does; kube uses it for client caching.
      const doc = JSON.stringify(openapiResponse(table, ['v3', ...p.split('/')]));
      const hash = createHash('sha512').update(doc).digest('hex').slice(0, 32).toUpperCase();
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
    }
    return { paths };
  }
  if (path[1] === 'api' && path[2] === 'v1' && path.length === 3) return gvDocument(table, '', 'v1');
  if (path[1] === 'apis' && path.length === 4) return gvDocument(table, path[2], path[3]);
  return undefined;
}

/** The type without the request's `@v1.0`, which Go's mime parser (and so helm) refuses in a reply. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/**
 * /openapi/v2 as client-go asks for it: a gnostic OpenAPIv2 Document in protobuf, with no
 * definitions. Helm falls back to it to validate a kind that /openapi/v3 does not describe (one
 * the server does not serve); kubectl's validator skips kinds it has no schema for, so helm then
 * fails where a real server makes it fail: `no matches for kind ... in version ...`.
 */
export function openapiV2Document(gitVersion: string): Buffer {
  const field = (n: number, bytes: Buffer) => Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
  const info = Buffer.concat([field(1, Buffer.from('Kubernetes')), field(2, Buffer.from(gitVersion.slice(0, 60)))]);
  return Buffer.concat([field(1, Buffer.from('2.0')), field(2, info)]);
}
