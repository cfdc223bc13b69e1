/**
 * The builders the values model is written with: thin wrappers over TypeBox, so that each node is
 * a plain JSON Schema (draft-07) object and `Static<typeof node>` is its TypeScript type. Only the
 * keywords check-shape.ts walks are used (SHAPE_KEYWORDS there). Only TypeBox's type builders are
 * imported: its compiler and Value modules stay out of the bundle and out of start-up.
 */
import {
  Array as ArrayOf,
  Boolean as BooleanType,
  Integer,
  Kind,
  Object as ObjectOf,
  Optional,
  String as StringType,
  Unsafe,
  type Static,
  type TArray,
  type TBoolean,
  type TInteger,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TString,
  type TUnsafe,
} from '@sinclair/typebox';

export type { Static, TObject, TProperties, TSchema } from '@sinclair/typebox';

/** A schema node as the walkers (check-shape, schemaAt, serialize) read it. */
export interface Schema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: readonly unknown[];
  properties?: Record<string, Schema>;
  /** false: unknown keys are an error; a schema: every other key must match it; true/absent: free-form. */
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minimum?: number;
  $schema?: string;
  title?: string;
}

/** Every key of a layer is optional: a layer sets only what it sets. */
export type Optionals<P extends TProperties> = { [K in keyof P]: TOptional<P[K]> };

/** A string node whose `enum` keeps the literal tuple, so constants and types derive from it. */
export type TEnum<V extends readonly string[]> = TUnsafe<V[number]> & { type: 'string'; enum: V };

export const str = (description: string, extra: { default?: string } = {}): TString =>
  StringType({ description, ...extra });

/** A string with nothing more to say (list items, map values). */
export const text = (): TString => StringType();

export const bool = (description: string): TBoolean => BooleanType({ description });

/** A whole number of at least 0 (UIDs, GIDs, seconds). */
export const count = (description: string): TInteger => Integer({ minimum: 0, description });

export function oneOf<const V extends readonly string[]>(
  values: V,
  description: string,
  extra: { default?: V[number] } = {},
): TEnum<V> {
  return Unsafe<V[number]>({ type: 'string', description, enum: values, ...extra }) as TEnum<V>;
}

export const list = <S extends TSchema>(description: string, items: S): TArray<S> => ArrayOf(items, { description });

/** A map with fixed keys, all optional; any other key is refused. */
export function obj<P extends TProperties>(description: string, properties: P): TObject<Optionals<P>> {
  const optional: TProperties = {};
  for (const [k, s] of Object.entries(properties)) optional[k] = Optional(s);
  return ObjectOf(optional as Optionals<P>, { description, additionalProperties: false });
}

/** A map with free keys whose values all match `values`. */
export function mapOf<S extends TSchema>(description: string, values: S): TUnsafe<Record<string, Static<S>>> {
  return Unsafe<Record<string, Static<S>>>({ type: 'object', description, additionalProperties: values });
}

/** A map passed through as data (Kubernetes affinity). */
export const freeMap = (description: string): TUnsafe<Record<string, unknown>> =>
  Unsafe<Record<string, unknown>>({ type: 'object', description, additionalProperties: true });

/** `node`, or null (for enums, null joins the allowed values). */
export function orNull<S extends TSchema>(node: S): TUnsafe<Static<S> | null> {
  const types: string[] = Array.isArray(node.type) ? node.type : [node.type];
  const nullable: TSchema = { ...node, [Kind]: 'Unsafe', type: [...types, 'null'] };
  if (Array.isArray(node.enum)) nullable.enum = [...node.enum, null];
  return Unsafe<Static<S> | null>(nullable);
}

/** The root of one chart line's model: the same builders, with the document's $schema and title. */
export function lineSchema<P extends TProperties>(
  title: string,
  description: string,
  properties: P,
): TObject<Optionals<P>> {
  return ObjectOf(obj(description, properties).properties, {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    description,
    additionalProperties: false,
  });
}
