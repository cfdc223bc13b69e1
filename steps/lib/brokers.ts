/**
 * The Database step's broker questions: whether the chart runs its bundled Redis and RabbitMQ in
 * the cluster. Each is asked only where the chosen line bundles that subchart, and written under
 * the name the line reads (`redis.enabled`; `rabbitmq-ha.enabled` before chart 2.x), only when the
 * answer differs from what the chart would do anyway (or from what -f/--set or the release gave).
 */
import { BROKERS, type Broker } from '../../src/model/chart-line.js';
import { getPath } from '../../src/model/merge.js';
import { brokerKey } from '../../src/model/lines/own-keys.js';
import { setPath } from '../../src/model/lines/paths.js';
import { lineOf } from '../../src/model/lines/table.js';
import type { ConfirmField, Meta, StepContext } from '../types.js';

const NAMES: Record<Broker, string> = { redis: 'Redis', rabbitmq: 'RabbitMQ' };

/** The brokers the meta's line bundles, with the key it reads for each. */
export function offeredBrokers(meta: Meta): { broker: Broker; key: string[] }[] {
  const line = lineOf(meta.chartVersion || undefined);
  return BROKERS.flatMap((broker) => {
    const key = brokerKey(line, broker);
    return key ? [{ broker, key }] : [];
  });
}

/** What stands before the answer: the given (or deployed) value, else the chart's own default. */
function before(ctx: StepContext, broker: Broker, key: string[]): { on: boolean; given: boolean } {
  const v = getPath(ctx.own ?? {}, key);
  if (typeof v === 'boolean') return { on: v, given: true };
  return { on: lineOf(ctx.meta.chartVersion || undefined).bundled[broker] === true, given: false };
}

export function brokerFields(ctx: StepContext): ConfirmField[] {
  const line = lineOf(ctx.meta.chartVersion || undefined);
  return offeredBrokers(ctx.meta).map(({ broker, key }) => {
    const b = before(ctx, broker, key);
    const name = NAMES[broker];
    return {
      kind: 'confirm',
      id: broker,
      givenBy: [key.join('.')],
      label: `Run ${name} in the cluster?`,
      help: `The chart's bundled ${name} (${key.join('.')}). Polyaxon's scheduler uses Redis or RabbitMQ as its broker (the chart's broker key); without one in the cluster it connects to externalServices.${broker}.`,
      hint: b.given
        ? `${b.on ? 'on' : 'off'}, as given`
        : `${line.label} ${b.on ? 'runs it' : 'does not run it'} unless told otherwise`,
      default: b.on,
    };
  });
}

/** The keys to write: only a broker whose answer differs from what stands before it. */
export function brokerOwn(ctx: StepContext, out: Record<string, unknown>): Record<string, unknown> {
  for (const { broker, key } of offeredBrokers(ctx.meta)) {
    const a = ctx.answers[broker];
    if (typeof a === 'boolean' && a !== before(ctx, broker, key).on) setPath(out, key, a);
  }
  return out;
}
