/**
 * Dependencies: the PostgreSQL database Polyaxon keeps its state in. The chart runs one in the
 * cluster (`postgresql.enabled`); an existing one is named under `externalServices.postgresql`.
 * Then whether the chart runs its bundled Redis and RabbitMQ (lib/brokers.ts), where the line has them.
 * None has a spec name: they are the chart line's own keys, so this step changes nothing in
 * the values and gives them through `own`, written beside the values as -f/--set's own keys are.
 * The password is a secret field: never shown, only written to config.yaml (mode 0600).
 */
import { getPath, isMap } from '../src/model/merge.js';
import { lineKeyType, OWN_RULES } from '../src/model/lines/own-keys.js';
import { lineOf } from '../src/model/lines/table.js';
import { checked, has, str } from './lib/answers.js';
import { brokerFields, brokerOwn, offeredBrokers } from './lib/brokers.js';
import type { Field, Meta, Step, StepContext } from './types.js';

const PG = ['externalServices', 'postgresql'];
const ASKED = ['host', 'port', 'user', 'database', 'password'] as const;

/** Whether the meta's chart line reads every key this step writes. */
export function lineReadsDatabase(meta: Meta): boolean {
  const line = lineOf(meta.chartVersion || undefined);
  return (
    lineKeyType(line, ['postgresql', 'enabled']) !== undefined &&
    ASKED.every((k) => lineKeyType(line, [...PG, k]) !== undefined)
  );
}

function given(ctx: StepContext, key: (typeof ASKED)[number]): unknown {
  return getPath(ctx.own ?? {}, [...PG, key]);
}

function rule(key: 'host' | 'port'): (s: string) => string | undefined {
  const r = OWN_RULES.find((x) => x.path.join('.') === [...PG, key].join('.'));
  return r ? checked((s) => r.run(key === 'port' && /^\d+$/.test(s) ? Number(s) : s)) : () => undefined;
}

function fields(ctx: StepContext): Field[] {
  return [...(lineReadsDatabase(ctx.meta) ? databaseFields(ctx) : []), ...brokerFields(ctx)];
}

function databaseFields(ctx: StepContext): Field[] {
  const own = ctx.own ?? {};
  const external = isMap(own.postgresql) && own.postgresql.enabled === false;
  const out: Field[] = [
    {
      kind: 'select',
      id: 'postgres',
      givenBy: ['postgresql.enabled'],
      label: 'PostgreSQL database',
      help: 'Polyaxon keeps its runs, projects and users in PostgreSQL. The chart can run one in the cluster, or Polyaxon can use one you already have (e.g. a managed database).',
      default: external ? 'external' : 'in-cluster',
      choices: [
        {
          value: 'in-cluster',
          label: 'Run PostgreSQL in the cluster',
          hint: "the chart's own, on a persistent volume",
        },
        { value: 'external', label: 'Use an existing PostgreSQL', hint: 'externalServices.postgresql' },
      ],
    },
  ];
  if (ctx.answers.postgres !== 'external') return out;
  const text = (v: unknown, fallback: string) =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
  const keep = typeof given(ctx, 'password') === 'string' && given(ctx, 'password') !== '';
  out.push(
    {
      kind: 'text',
      id: 'host',
      givenBy: ['externalServices.postgresql.host'],
      label: 'PostgreSQL host',
      help: 'A DNS name or IP address the Polyaxon pods can reach.',
      default: text(given(ctx, 'host'), ''),
      validate: rule('host'),
    },
    {
      kind: 'text',
      id: 'port',
      givenBy: ['externalServices.postgresql.port'],
      label: 'PostgreSQL port',
      default: text(given(ctx, 'port'), '5432'),
      validate: rule('port'),
    },
    {
      kind: 'text',
      id: 'user',
      givenBy: ['externalServices.postgresql.user'],
      label: 'PostgreSQL user',
      default: text(given(ctx, 'user'), 'polyaxon'),
      validate: checked((s) => (s.trim() === '' ? 'is empty' : undefined)),
    },
    {
      kind: 'text',
      id: 'database',
      givenBy: ['externalServices.postgresql.database'],
      label: 'PostgreSQL database name',
      default: text(given(ctx, 'database'), 'polyaxon'),
      validate: checked((s) => (s.trim() === '' ? 'is empty' : undefined)),
    },
    {
      kind: 'secret',
      id: 'password',
      givenBy: ['externalServices.postgresql.password'],
      label: "PostgreSQL user's password",
      help: keep ? 'Enter keeps the password already given.' : 'Kept in config.yaml, readable only by you.',
      validate: (s) => (s === '' && !keep ? 'is empty' : undefined),
    },
  );
  return out;
}

function own(ctx: StepContext): Record<string, unknown> {
  return brokerOwn(ctx, lineReadsDatabase(ctx.meta) ? databaseOwn(ctx) : {});
}

function databaseOwn(ctx: StepContext): Record<string, unknown> {
  const { answers } = ctx;
  const before = ctx.own ?? {};
  if (answers.postgres !== 'external') {
    // The chart's default: written only to undo an existing database given below.
    return isMap(before.postgresql) && before.postgresql.enabled === false ? { postgresql: { enabled: true } } : {};
  }
  const port = str(answers.port);
  return {
    postgresql: { enabled: false },
    externalServices: {
      postgresql: {
        host: str(answers.host),
        port: /^\d+$/.test(port) ? Number(port) : port,
        user: str(answers.user),
        database: str(answers.database),
        password: str(answers.password) || given(ctx, 'password'),
      },
    },
  };
}

export const databaseStep: Step = {
  id: 'database',
  title: 'Database',
  // Every question given: the database, and each broker under either line's name.
  isAnswered: (answered) =>
    has(answered, 'postgresql.enabled') &&
    has(answered, 'redis.enabled') &&
    (has(answered, 'rabbitmq.enabled') || has(answered, 'rabbitmq-ha.enabled')),
  skip: (_facts, _values, meta) =>
    lineReadsDatabase(meta) || offeredBrokers(meta).length
      ? undefined
      : `${lineOf(meta.chartVersion || undefined).label} has no setting for an existing PostgreSQL, Redis or RabbitMQ`,
  fields,
  apply: () => ({}),
  own,
};
