/**
 * The root user. The spec's default password is public knowledge, so the default here is a
 * password generated on this machine; it is never shown, only written to config.yaml (mode 0600).
 */
import { randomBytes } from 'node:crypto';
import { checks } from '../src/model/checks.js';
import { fromChartLine } from '../src/model/chart-line.js';
import { DEFAULT_ROOT_PASSWORD } from '../src/model/defaults.js';
import { MASK } from '../src/model/secrets.js';
import type { Values } from '../src/model/values.js';
import { checked, has, str } from './lib/answers.js';
import type { Choice, Field, Step, StepContext } from './types.js';

/** 24 characters from 18 random bytes, URL-safe so it survives YAML and shells unquoted. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function givenPassword(v: Values): string | undefined {
  const p = v.user?.password;
  return typeof p === 'string' && p !== '' && p !== DEFAULT_ROOT_PASSWORD ? p : undefined;
}

/** What "keep" keeps: a password given by a file, or on an upgrade whatever the release has. */
function keepable(v: Values, mode: StepContext['mode']): boolean {
  return givenPassword(v) !== undefined || (mode === 'upgrade' && v.user?.password !== undefined);
}

/**
 * Installing where the probe found this very release deployed (the review offers to upgrade it):
 * the password it runs with, which is what "keep the deployed password" writes. Undefined when the
 * release left it to the chart's default.
 */
function deployedRelease({ facts, meta, mode }: StepContext): { password: string | null | undefined } | undefined {
  const r = facts?.existingRelease;
  if (mode !== 'install' || !r?.values || r.release !== meta.release || r.namespace !== meta.namespace)
    return undefined;
  const deployed = fromChartLine(r.values as Record<string, unknown>, r.chartVersion) as Values;
  return { password: deployed.user?.password };
}

function fields(ctx: StepContext): Field[] {
  const { values, answers, mode } = ctx;
  const user = values.user ?? {};
  const keep = keepable(values, mode);
  const over = deployedRelease(ctx);
  const choices: Choice[] = [
    ...(keep
      ? [{ value: 'keep', label: mode === 'upgrade' ? 'Keep the current password' : 'Keep the password already given' }]
      : []),
    ...(over
      ? [{ value: 'deployed', label: 'Keep the deployed password', hint: `release ${ctx.meta.release} keeps its own` }]
      : []),
    { value: 'generate', label: 'Generate a strong password', hint: 'kept in config.yaml, readable only by you' },
    { value: 'type', label: 'Type my own' },
    { value: 'chart', label: 'Let Polyaxon generate one', hint: 'retrieve it later from the cluster' },
  ];
  const out: Field[] = [
    {
      kind: 'text',
      id: 'username',
      givenBy: ['user.username'],
      label: 'Root user name',
      default: user.username ?? 'root',
      validate: checked((s) => checks.username(s)),
    },
    {
      kind: 'text',
      id: 'email',
      givenBy: ['user.email'],
      label: 'Root user email',
      default: user.email ?? 'root@polyaxon.local',
      validate: checked((s) => checks.email(s)),
    },
    {
      kind: 'select',
      id: 'password',
      label: 'Root password',
      // Upgrading a release replaces its password only when the person asks for it.
      default: keep ? 'keep' : over ? 'deployed' : user.password === null ? 'chart' : 'generate',
      choices,
    },
  ];
  if (answers.password === 'type') {
    out.push(
      {
        kind: 'secret',
        id: 'typed',
        label: 'Password',
        validate: checked((s) => checks.password(s)),
      },
      {
        kind: 'secret',
        id: 'again',
        label: 'The same password again',
        validate: (s) => (s === answers.typed ? undefined : 'does not match the first one'),
      },
    );
  }
  return out;
}

function apply(ctx: StepContext): Values {
  const { values, answers, generated } = ctx;
  const mode = str(answers.password);
  const password =
    mode === 'keep'
      ? (values.user?.password ?? null)
      : mode === 'deployed'
        ? deployedPassword(ctx)
        : mode === 'type'
          ? str(answers.typed)
          : mode === 'chart'
            ? null
            : generated.password;
  return { user: { username: str(answers.username), email: str(answers.email), password } };
}

/**
 * What the release runs with: its own password, or the chart's default when it set none. The probe
 * only ever sees a deployed password masked, so MASK stands for it here and on the review (where the
 * diff shows no change); the install reads the real one with helm just before writing config.yaml.
 */
function deployedPassword(ctx: StepContext): string | null {
  const over = deployedRelease(ctx);
  // The release is no longer the one installed over (another name chosen since): a new password.
  if (!over) return ctx.generated.password;
  if (typeof over.password === 'string') return MASK;
  return over.password === undefined ? DEFAULT_ROOT_PASSWORD : over.password;
}

export const rootUserStep: Step = {
  id: 'root-user',
  title: 'Root user',
  isAnswered: (answered) => has(answered, 'user.password'),
  fields,
  apply,
};
