/**
 * The values model: one TypeBox object that is at once the JSON Schema (draft-07) of config.yaml,
 * the source of the TypeScript types (src/model/values.ts: `Static<typeof VALUES_SCHEMA>`) and what
 * the structural check walks (src/model/check-shape.ts). `polyaxon-setup schema` prints it, its copy
 * is written next to config.yaml for editors, and the semantic rules read enums, minimums and where
 * tolerations live from it.
 *
 * A chart line's model is `lineSchema(...)` over properties composed from src/model/pieces.ts; the
 * spec's is the only one today. Another line takes SPEC_PROPERTIES, drops or renames keys, and
 * adds its own pieces.
 */
import * as piece from './pieces.js';
import { lineSchema, type Schema } from './schema-kit.js';

export type { Schema } from './schema-kit.js';

export const SCHEMA_TITLE = 'Polyaxon chart values (polyaxon-setup)';

/** The spec's keys, in the spec's order: config.yaml is written in this order. */
export const SPEC_PROPERTIES = {
  deploymentType: piece.deploymentType,
  deploymentVersion: piece.deploymentVersion,
  namespace: piece.namespace,
  rbac: piece.rbac,
  ingress: piece.ingress,
  api: piece.api,
  serviceType: piece.serviceType,
  ssl: piece.ssl,
  dns: piece.dns,
  timezone: piece.timezone,
  user: piece.user,
  dirs: piece.dirs,
  mountPaths: piece.mountPaths,
  persistence: piece.persistence,
  ...piece.scheduling('core pods'),
  postgresql: piece.component('PostgreSQL scheduling', 'postgresql'),
  redis: piece.redis,
  rabbitmq: piece.component('RabbitMQ scheduling', 'rabbitmq'),
  resourcesDaemon: piece.resourcesDaemon,
  allowedHosts: piece.allowedHosts,
  hostName: piece.hostName,
  ui: piece.ui,
  securityContext: piece.securityContext,
};

export const VALUES_SCHEMA = lineSchema(SCHEMA_TITLE, 'Values for the Polyaxon Helm chart', SPEC_PROPERTIES);

/** The schema node for a dotted path, following maps' additionalProperties. */
export function schemaAt(path: readonly string[], root: Schema = VALUES_SCHEMA): Schema | undefined {
  let cur: Schema | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    const next: Schema | undefined =
      cur.properties && Object.hasOwn(cur.properties, seg) ? cur.properties[seg] : undefined;
    if (next) cur = next;
    else if (cur.additionalProperties === true || cur.additionalProperties === undefined) {
      return { additionalProperties: true };
    } else if (cur.additionalProperties === false) return undefined;
    else cur = cur.additionalProperties;
  }
  return cur;
}

/**
 * The paths of the fixed keys (not map entries) whose node satisfies `test`, in schema order: how
 * a rule finds, say, every list of tolerations without keeping its own list of where they are.
 */
export function pathsWhere(test: (node: Schema) => boolean, root: Schema = VALUES_SCHEMA): string[][] {
  const out: string[][] = [];
  const walk = (node: Schema, path: string[]) => {
    if (path.length > 0 && test(node)) out.push(path);
    for (const [k, sub] of Object.entries(node.properties ?? {})) walk(sub, [...path, k]);
  };
  walk(root, []);
  return out;
}
