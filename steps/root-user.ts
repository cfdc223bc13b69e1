/**
 * The root user. The spec's default password is public knowledge, so the default here is a
 * password generated on this machine; it is never shown, only written to config.yaml (mode 0600).
 */
import { randomBytes } from 'node:crypto';
import { checks } from '../src/model/checks.js';
import { DEFAULT_ROOT_PASSWORD } from '../src/model/defaults.js';
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

function fields({ values, answers, mode }: StepContext): Field[] {
  const user = values.user ?? {};
  const keep = keepable(values, mode);
  const choices: Choice[] = [
    ...(keep
      ? [{ value: 'keep', label: mode === 'upgrade' ? 'Keep the current password' : 'Keep the password already given' }]
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
      default: keep ? 'keep' : user.password === null ? 'chart' : 'generate',
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

function apply({ values, answers, generated }: StepContext): Values {
  const mode = str(answers.password);
  const password =
    mode === 'keep'
      ? (values.user?.password ?? null)
      : mode === 'type'
        ? str(answers.typed)
        : mode === 'chart'
          ? null
          : generated.password;
  return { user: { username: str(answers.username), email: str(answers.email), password } };
}

export const rootUserStep: Step = {
  id: 'root-user',
  title: 'Root user',
  isAnswered: (answered) => has(answered, 'user.password'),
  fields,
  apply,
};
