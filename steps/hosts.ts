/** Hosts and UI: the host used in links, who may call the API, time zone, admin view, resources daemon. */
import { checks } from '../src/model/checks.js';
import type { Values } from '../src/model/values.js';
import { checked, has, removed, splitList, str } from './lib/answers.js';
import type { Field, Step, StepContext } from './types.js';

function localZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function fields({ values, mode }: StepContext): Field[] {
  const zone = localZone();
  // On an upgrade, Enter must change nothing: the ingress host is only a default for new installs.
  const fromIngress = mode === 'install' && !values.hostName ? values.ingress?.hostName : undefined;
  return [
    {
      kind: 'text',
      id: 'hostName',
      givenBy: ['hostName'],
      label: 'Host or IP in links from emails and notifications (hostName)',
      default: values.hostName ?? fromIngress ?? '',
      validate: checked((s) => checks.hostOrIp(s), undefined, true),
      hint: fromIngress ? 'the ingress host' : undefined,
    },
    {
      kind: 'text',
      id: 'allowedHosts',
      givenBy: ['allowedHosts'],
      label: 'Hosts and IPs allowed to reach the API (comma separated)',
      help: 'e.g. 127.0.0.1, .acme.com (every subdomain). Empty: no restriction.',
      default: (values.allowedHosts ?? []).join(', '),
      validate: (s) =>
        splitList(s)
          .map((h) => checks.allowedHost(h))
          .find(Boolean),
    },
    {
      kind: 'text',
      id: 'timezone',
      givenBy: ['timezone'],
      label: 'Time zone of the dashboard and admin',
      default: values.timezone ?? 'UTC',
      validate: checked((s) => checks.timezone(s)),
      hint: zone && zone !== (values.timezone ?? 'UTC') ? `this machine uses ${zone}` : undefined,
    },
    {
      kind: 'confirm',
      id: 'adminEnabled',
      givenBy: ['ui.adminEnabled'],
      label: 'Enable the admin interface?',
      default: values.ui?.adminEnabled ?? true,
    },
    {
      kind: 'confirm',
      id: 'resourcesDaemon',
      givenBy: ['resourcesDaemon.enabled'],
      label: 'Run the resources daemon (reports CPU, memory and GPUs of each node)?',
      default: values.resourcesDaemon?.enabled ?? true,
    },
  ];
}

function apply({ values, answers }: StepContext): Values {
  const host = str(answers.hostName);
  const allowed = splitList(str(answers.allowedHosts));
  return {
    hostName: host !== '' ? host : values.hostName ? removed() : undefined,
    allowedHosts: allowed.length || values.allowedHosts ? allowed : undefined,
    timezone: str(answers.timezone, 'UTC'),
    ui: { adminEnabled: answers.adminEnabled === true },
    resourcesDaemon: { enabled: answers.resourcesDaemon === true },
  };
}

export const hostsStep: Step = {
  id: 'hosts',
  title: 'Hosts and UI',
  isAnswered: (answered) => ['hostName', 'allowedHosts', 'timezone', 'ui'].some((p) => has(answered, p)),
  fields,
  apply,
};
