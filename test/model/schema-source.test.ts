/**
 * The values model has one source, the TypeBox object VALUES_SCHEMA: the printed JSON Schema is
 * that object, the structural check and the semantic rules walk it, and the types are Static<> of
 * it. The tests that add or remove a key would fail if any of them kept a key list of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind, Optional, TypeGuard, type Static } from '@sinclair/typebox';
import type { CommandContext } from '../../src/commands/support/context.js';
import { run as printSchema } from '../../src/commands/schema.js';
import { ANNOTATION_KEYWORDS, checkShape, SHAPE_KEYWORDS } from '../../src/model/check-shape.js';
import { checks, FIXES } from '../../src/model/checks.js';
import { SPEC_DEFAULTS } from '../../src/model/defaults.js';
import { mergeValues } from '../../src/model/merge.js';
import * as piece from '../../src/model/pieces.js';
import { count, lineSchema, obj, type Schema } from '../../src/model/schema-kit.js';
import { pathsWhere, schemaAt, SCHEMA_TITLE, SPEC_PROPERTIES, VALUES_SCHEMA } from '../../src/model/schema.js';
import { toYaml } from '../../src/model/serialize.js';
import { validateValues } from '../../src/model/validate.js';
import {
  CORE_MOUNTS,
  DEPLOYMENT_TYPES,
  FS_GROUP_CHANGE_POLICIES,
  SERVICE_TYPES,
  STORES,
  TAINT_EFFECTS,
  VOLUME_MAPS,
  type Affinity,
  type CoreMount,
  type CoreMountName,
  type DeploymentType,
  type FsGroupChangePolicy,
  type NvidiaPaths,
  type Store,
  type Toleration,
  type Values,
  type VolumeEntry,
  type VolumeMapName,
} from '../../src/model/values.js';

/** What `polyaxon-setup schema` prints, through the command itself. */
async function printed(): Promise<string> {
  let out = '';
  await printSchema({ io: { out: (s: string) => (out += s) } } as unknown as CommandContext);
  return out;
}

/** Adds a top-level key to the one schema for the length of `body`. */
async function withKey(key: string, node: Schema, body: () => unknown | Promise<unknown>): Promise<void> {
  const props = VALUES_SCHEMA.properties as Record<string, Schema>;
  props[key] = Optional(node as never);
  try {
    await body();
  } finally {
    delete props[key];
  }
}

test('VALUES_SCHEMA is a well-formed TypeBox object, and what `schema` prints is exactly it', async () => {
  assert.equal(VALUES_SCHEMA[Kind], 'Object');
  assert.ok(TypeGuard.IsObject(VALUES_SCHEMA), 'every node is a TypeBox schema');
  assert.equal(await printed(), JSON.stringify(VALUES_SCHEMA, null, 2));
  assert.equal(schemaAt([]), VALUES_SCHEMA);
  assert.equal(VALUES_SCHEMA.title, SCHEMA_TITLE);
});

test('TypeBox symbols stay out of the JSON; every keyword in it is one the checker acts on, or an annotation', () => {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).map((k) => [k, strip((v as Record<string, unknown>)[k])]))
        : v;
  assert.deepEqual(JSON.parse(JSON.stringify(VALUES_SCHEMA)), strip(VALUES_SCHEMA));
  const allowed = new Set<string>([...SHAPE_KEYWORDS, ...ANNOTATION_KEYWORDS]);
  const walk = (node: Schema, path: string) => {
    for (const k of Object.keys(node)) {
      assert.ok(allowed.has(k), `${path || '(top)'} uses "${k}", which checkShape ignores`);
    }
    for (const [k, sub] of Object.entries(node.properties ?? {})) walk(sub, `${path}.${k}`);
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.*`);
    if (node.items) walk(node.items, `${path}[]`);
  };
  walk(VALUES_SCHEMA, '');
});

test('a key added to the schema is checked, printed, ordered and validated, with no other change', async () => {
  const gateway = obj('The gateway', { port: count('Gateway port'), tolerations: piece.tolerations('the gateway') });
  await withKey('gateway', gateway, async () => {
    assert.deepEqual(checkShape({ gateway: { port: 80 } }), []);
    const typo = checkShape({ gateway: { prot: 80 } });
    assert.deepEqual(
      typo.map((p) => [p.field, p.fix]),
      [['gateway.prot', 'Did you mean "port"?']],
    );
    assert.deepEqual(
      checkShape({ gateway: { port: -1 } }).map((p) => p.message),
      ['-1 is below 0'],
    );
    assert.deepEqual(JSON.parse(await printed()).properties.gateway.properties.port.minimum, 0);
    assert.ok(schemaAt(['gateway', 'port']));
    assert.match(toYaml({ aaa: 1, gateway: { port: 80 } }), /^gateway:\n {2}port: 80\naaa: 1\n$/, 'a known key');
    const bad = validateValues(mergeValues(SPEC_DEFAULTS, { gateway: { tolerations: [{ value: 'x' }] } } as Values));
    assert.deepEqual(
      bad.filter((p) => p.severity === 'error').map((p) => p.field),
      ['gateway.tolerations[0].key'],
    );
  });
  assert.equal(checkShape({ gateway: {} })[0]?.message, 'is not a key the Polyaxon chart reads');
});

test('a key removed from the schema is refused at once', () => {
  const props = VALUES_SCHEMA.properties as Record<string, Schema>;
  const saved = props.hostName;
  delete props.hostName;
  try {
    assert.deepEqual(
      checkShape({ hostName: 'px.acme.com' }).map((p) => p.field),
      ['hostName'],
    );
  } finally {
    props.hostName = saved;
  }
  assert.deepEqual(checkShape({ hostName: 'px.acme.com' }), []);
});

test('a chart line composes its model from the shared pieces', () => {
  const { timezone: _, persistence: __, ...rest } = SPEC_PROPERTIES;
  const line = lineSchema(SCHEMA_TITLE, 'An older line', { ...rest, timeZone: piece.timezone });
  assert.ok(TypeGuard.IsObject(line));
  assert.deepEqual(checkShape({ timeZone: 'UTC', tolerations: [{ key: 'gpu' }] }, { schema: line }), []);
  assert.deepEqual(
    checkShape({ persistence: {} }, { schema: line }).map((p) => p.field),
    ['persistence'],
  );
  assert.deepEqual(
    checkShape({ timezone: 'UTC' }, { schema: line }).map((p) => p.fix),
    ['Did you mean "timeZone"?'],
  );
  assert.equal(line.properties.tolerations.items, VALUES_SCHEMA.properties.tolerations.items, 'one toleration node');
});

test('the constants are read from the schema', () => {
  const P = VALUES_SCHEMA.properties;
  assert.equal(DEPLOYMENT_TYPES, P.deploymentType.enum);
  assert.equal(SERVICE_TYPES, P.serviceType.enum);
  assert.equal(TAINT_EFFECTS, P.tolerations.items.properties.effect.enum);
  assert.deepEqual(STORES, ['gcs', 's3', 'azure']);
  assert.deepEqual(FS_GROUP_CHANGE_POLICIES, ['OnRootMismatch', 'Always']);
  assert.deepEqual(CORE_MOUNTS, ['logs', 'repos', 'upload']);
  assert.deepEqual(VOLUME_MAPS, ['data', 'outputs']);
  for (const k of ['deploymentType', 'deploymentVersion', 'namespace', 'serviceType', 'timezone'] as const) {
    assert.equal(SPEC_DEFAULTS[k], P[k].default, `SPEC_DEFAULTS.${k} is the schema's default`);
  }
});

test('the semantic rules read minimums and where tolerations are from the schema', () => {
  const lists = pathsWhere((n) => n.items === piece.toleration).map((p) => p.join('.'));
  assert.deepEqual(lists.sort(), [
    'postgresql.tolerations',
    'rabbitmq.tolerations',
    'redis.master.tolerations',
    'redis.slave.tolerations',
    'resourcesDaemon.tolerations',
    'tolerations',
  ]);
  assert.equal(FIXES.uidGid, 'Use a whole number from 0 to 2147483647, e.g. 2222.');
  assert.equal(checks.uidGid(-1), '-1 is not a non-negative whole number');
  assert.equal(checks.uidGid(0), undefined);
});

// ---- The types are Static<> of the schema: checked when the tests compile ----

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when T is true. */
const holds = <T extends true>(): T => true as T;
const typeChecks: true[] = [
  holds<Equal<Values, Static<typeof VALUES_SCHEMA>>>(),
  holds<Equal<Toleration, Static<typeof piece.toleration>>>(),
  holds<Equal<Toleration['operator'], 'Exists' | 'Equal' | undefined>>(),
  holds<Equal<Toleration['tolerationSeconds'], number | undefined>>(),
  holds<Equal<DeploymentType, 'kubernetes' | 'minikube' | 'microk8s' | 'docker-compose'>>(),
  holds<Equal<Store, 'gcs' | 's3' | 'azure'>>(),
  holds<Equal<FsGroupChangePolicy, 'OnRootMismatch' | 'Always'>>(),
  holds<Equal<CoreMountName, 'logs' | 'repos' | 'upload'>>(),
  holds<Equal<VolumeMapName, 'data' | 'outputs'>>(),
  holds<Equal<NvidiaPaths, { lib?: string; bin?: string; libcuda?: string }>>(),
  holds<Equal<CoreMount, { existingClaim?: string; mountPath?: string; hostPath?: string }>>(),
  holds<Equal<NonNullable<Values['persistence']>['data'], Record<string, VolumeEntry | null> | undefined>>(),
  holds<Equal<NonNullable<Values['user']>['password'], string | null | undefined>>(),
  holds<Equal<Affinity, Record<string, unknown>>>(),
];

test('the types derive from the schema (compile-time)', () => {
  assert.ok(typeChecks.every(Boolean));
});
