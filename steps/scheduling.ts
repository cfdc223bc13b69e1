/**
 * Scheduling: which nodes the core pods and the dependencies (postgresql, redis, rabbitmq) may run
 * on. GPU taints the probe found are offered to the resources daemon, which must run on GPU nodes
 * to report them.
 */
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_AFFINITY } from '../src/model/defaults.js';
import type { Scheduling, Toleration, Values } from '../src/model/values.js';
import {
  formatKeyValues,
  formatTolerations,
  has,
  parseKeyValues,
  parseTolerations,
  replaceWith,
  sameToleration,
  str,
} from './lib/answers.js';
import type { Answers, Field, Step, StepContext } from './types.js';

const DEPS = ['postgresql', 'redis.master', 'redis.slave', 'rabbitmq'] as const;
type Dep = (typeof DEPS)[number];

function depOf(v: Values, dep: Dep): Scheduling | undefined {
  if (dep === 'redis.master') return v.redis?.master;
  if (dep === 'redis.slave') return v.redis?.slave;
  return v[dep];
}

function hasScheduling(s: Scheduling | undefined): boolean {
  return Boolean(
    s && (Object.keys(s.nodeSelector ?? {}).length || s.tolerations?.length || Object.keys(s.affinity ?? {}).length),
  );
}

function selectorField(id: string, label: string, current: Record<string, string> | undefined): Field {
  return {
    kind: 'text',
    id,
    label,
    help: 'Labels the nodes must have, as key=value, comma separated. Empty: any node.',
    default: formatKeyValues(current),
    validate: (s) => parseKeyValues(s).error,
  };
}

function tolerationsField(id: string, label: string, current: Toleration[] | undefined, hint?: string): Field {
  return {
    kind: 'text',
    id,
    label,
    help: 'Taints to tolerate as key=value:Effect or key:Effect (any value), comma separated.',
    default: formatTolerations(current),
    validate: (s) => parseTolerations(s).error,
    hint,
  };
}

function affinityMode(v: Values): string {
  if (v.affinity === undefined || v.affinity === null || Object.keys(v.affinity).length === 0) return 'none';
  return isDeepStrictEqual(v.affinity, DEFAULT_AFFINITY) ? 'default' : 'keep';
}

function fields({ values, facts, answers, mode }: StepContext): Field[] {
  const taints = facts?.gpu?.taints ?? [];
  const taintText = formatTolerations(taints);
  const out: Field[] = [
    selectorField('nodeSelector', 'Node selector for the core pods', values.nodeSelector),
    tolerationsField(
      'tolerations',
      'Tolerations for the core pods',
      values.tolerations,
      taints.length ? `the GPU nodes are tainted ${taintText}` : undefined,
    ),
  ];
  if (taints.length) {
    const daemon = values.resourcesDaemon?.tolerations ?? [];
    out.push({
      kind: 'confirm',
      id: 'daemonGpu',
      label: `Let the resources daemon run on the GPU nodes (tolerate ${taintText})?`,
      help: 'It reports the resources of each node, GPUs included.',
      // On an upgrade, Enter keeps the daemon's tolerations as deployed.
      default:
        (mode === 'install' && daemon.length === 0) || taints.every((t) => daemon.some((d) => sameToleration(d, t))),
    });
  }
  const affinity = affinityMode(values);
  out.push(
    {
      kind: 'select',
      id: 'affinity',
      label: 'Affinity of the core pods',
      default: affinity,
      choices: [
        { value: 'default', label: 'Prefer one node for all core components', hint: "the spec's default" },
        { value: 'none', label: 'No affinity' },
        ...(affinity === 'keep' ? [{ value: 'keep', label: 'Keep the affinity given' }] : []),
      ],
    },
    {
      kind: 'select',
      id: 'deps',
      label: 'Scheduling of postgresql, redis and rabbitmq',
      default: DEPS.some((d) => hasScheduling(depOf(values, d))) ? 'each' : 'free',
      choices: [
        { value: 'free', label: 'Any node' },
        { value: 'same', label: 'The same node selector and tolerations as the core pods' },
        { value: 'each', label: 'Set them for each…' },
      ],
    },
  );
  if (answers.deps === 'each') {
    for (const d of DEPS) {
      const s = depOf(values, d);
      out.push(
        selectorField(`${d}.nodeSelector`, `Node selector for ${d}`, s?.nodeSelector),
        tolerationsField(`${d}.tolerations`, `Tolerations for ${d}`, s?.tolerations),
      );
    }
  }
  return out;
}

function scheduling(old: Scheduling | undefined, selector: string, tolerations: string): Scheduling {
  return {
    nodeSelector: replaceWith(old?.nodeSelector, parseKeyValues(selector).map ?? {}) as Record<string, string>,
    tolerations: parseTolerations(tolerations).list ?? [],
  };
}

function depChange(values: Values, answers: Answers, d: Dep): Scheduling | undefined {
  const old = depOf(values, d);
  switch (answers.deps) {
    case 'same':
      return scheduling(old, str(answers.nodeSelector), str(answers.tolerations));
    case 'each':
      return scheduling(old, str(answers[`${d}.nodeSelector`]), str(answers[`${d}.tolerations`]));
    default:
      return hasScheduling(old) ? scheduling(old, '', '') : undefined;
  }
}

function apply({ values, facts, answers }: StepContext): Values {
  const core = scheduling(values, str(answers.nodeSelector), str(answers.tolerations));
  const out: Values = { ...core };
  if (answers.affinity === 'default')
    out.affinity = replaceWith(values.affinity, DEFAULT_AFFINITY) as Values['affinity'];
  if (answers.affinity === 'none') out.affinity = replaceWith(values.affinity, {}) as Values['affinity'];
  const taints = facts?.gpu?.taints ?? [];
  if (taints.length && typeof answers.daemonGpu === 'boolean') {
    const rest = (values.resourcesDaemon?.tolerations ?? []).filter((d) => !taints.some((t) => sameToleration(d, t)));
    out.resourcesDaemon = { tolerations: answers.daemonGpu ? [...rest, ...taints] : rest };
  }
  const change = Object.fromEntries(DEPS.map((d) => [d, depChange(values, answers, d)]));
  if (change.postgresql) out.postgresql = change.postgresql;
  if (change.rabbitmq) out.rabbitmq = change.rabbitmq;
  if (change['redis.master'] || change['redis.slave'])
    out.redis = { master: change['redis.master'], slave: change['redis.slave'] };
  return out;
}

export const schedulingStep: Step = {
  id: 'scheduling',
  title: 'Scheduling',
  isAnswered: (answered) => ['nodeSelector', 'tolerations', 'affinity'].some((p) => has(answered, p)),
  fields,
  apply,
};
