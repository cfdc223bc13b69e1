/** Security context: run the core containers as a non-root UID/GID instead of root. */
import { checks } from '../src/model/checks.js';
import { FS_GROUP_CHANGE_POLICIES, type FsGroupChangePolicy, type Values } from '../src/model/values.js';
import { has, removed, str } from './lib/answers.js';
import type { Field, Step, StepContext } from './types.js';

const DEFAULT_ID = 2222;

function idField(id: string, label: string, value: number | undefined): Field {
  return {
    kind: 'text',
    id,
    label,
    default: String(value ?? DEFAULT_ID),
    validate: (s) => (/^\d+$/.test(s.trim()) ? checks.uidGid(Number(s)) : `"${s}" is not a whole number`),
  };
}

function usesHostPaths(v: Values): boolean {
  const p = v.persistence ?? {};
  const entries = [p.logs, p.repos, p.upload, ...Object.values(p.data ?? {}), ...Object.values(p.outputs ?? {})];
  return entries.some((e) => e && e.hostPath && !e.existingClaim);
}

function fields({ values, answers }: StepContext): Field[] {
  const sc = values.securityContext ?? {};
  const caveat = usesHostPaths(values)
    ? 'N.B. your volumes use host paths: allow this UID/GID to read and write them on the nodes.'
    : undefined;
  const out: Field[] = [
    {
      kind: 'confirm',
      id: 'enabled',
      givenBy: ['securityContext.enabled'],
      label: 'Run the core containers as a non-root user?',
      help: 'Polyaxon runs them as root by default, which some compliance rules forbid.',
      default: sc.enabled ?? false,
      hint: caveat,
    },
  ];
  if (answers.enabled !== true) return out;
  out.push({ ...idField('uid', 'UID', sc.runAsUser), hint: caveat }, idField('gid', 'GID', sc.runAsGroup), {
    kind: 'select',
    id: 'fsGroupChangePolicy',
    label: 'Change volume ownership before mounting (fsGroupChangePolicy)',
    default: sc.fsGroupChangePolicy === 'Always' ? '' : (sc.fsGroupChangePolicy ?? ''),
    choices: [
      // Always is what Kubernetes does when the key is unset: one choice, not two.
      { value: '', label: "Always (Kubernetes' default)", hint: 'left unset' },
      ...FS_GROUP_CHANGE_POLICIES.filter((p) => p !== 'Always').map((p) => ({
        value: p,
        label: p,
        hint: 'faster on large volumes',
      })),
    ],
  });
  return out;
}

function apply({ values, answers }: StepContext): Values {
  const sc = values.securityContext ?? {};
  if (answers.enabled !== true) return { securityContext: { enabled: false } };
  const gid = Number(str(answers.gid));
  const policy = str(answers.fsGroupChangePolicy);
  return {
    securityContext: {
      enabled: true,
      runAsUser: Number(str(answers.uid)),
      runAsGroup: gid,
      // The spec's example sets only user and group ("UID/GID == 1111/1111"): the FS group follows the group.
      fsGroup: gid,
      fsGroupChangePolicy: policy ? (policy as FsGroupChangePolicy) : sc.fsGroupChangePolicy ? removed() : undefined,
    },
  };
}

export const securityStep: Step = {
  id: 'security',
  title: 'Security context',
  isAnswered: (answered) => has(answered, 'securityContext.enabled'),
  fields,
  apply,
};
