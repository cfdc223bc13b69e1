/**
 * Access: how people reach the API and dashboard. An ingress (host, path, annotations, TLS from a
 * secret or cert-manager), a NodePort (optionally serving HTTPS itself), a cloud LoadBalancer, or
 * nothing exposed at all and kubectl port-forward.
 */
import { checks } from '../src/model/checks.js';
import { schemaAt } from '../src/model/schema.js';
import type { Ingress, ServiceType, Values } from '../src/model/values.js';
import { hintFor, secretForHost } from './facts.js';
import { checked, formatKeyValues, has, parseKeyValues, removed, replaceWith, str } from './lib/answers.js';
import type { Choice, Field, Step, StepContext } from './types.js';

export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
const OTHER = '__other';

type Mode = 'ingress' | 'nodeport' | 'loadbalancer' | 'port-forward';

const MODES: Choice[] = [
  { value: 'ingress', label: 'Ingress', hint: 'a host name through your ingress controller' },
  { value: 'nodeport', label: 'NodePort', hint: 'a port on every node, optionally HTTPS with your certificate' },
  { value: 'loadbalancer', label: 'LoadBalancer', hint: 'a cloud load balancer in front of the API' },
  {
    value: 'port-forward',
    label: 'Port-forward only',
    hint: 'nothing exposed; kubectl port-forward from your machine',
  },
];

export function portForwardCommand(release: string, namespace: string): string {
  return `kubectl port-forward svc/${release}-polyaxon-api 31811:80 31812:1337 -n ${namespace}`;
}

function modeOf(v: Values): Mode {
  if (v.ingress?.enabled) return 'ingress';
  if (v.serviceType === 'NodePort') return 'nodeport';
  if (v.serviceType === 'ClusterIP') return 'port-forward';
  return 'loadbalancer';
}

/** A select of what the cluster has plus "another name", or plain text when it has none. */
function pickOrType(id: string, label: string, found: string[], current: string, extra: Partial<Field> = {}): Field[] {
  if (found.length === 0)
    return [
      {
        kind: 'text',
        id,
        label,
        default: current,
        validate: checked((s) => checks.dns1123Subdomain(s)),
        ...extra,
      } as Field,
    ];
  const choices: Choice[] = [...found.map((n) => ({ value: n, label: n })), { value: OTHER, label: 'Another name…' }];
  return [
    {
      kind: 'select',
      id,
      label,
      default: found.includes(current) ? current : current ? OTHER : found[0],
      choices,
      ...extra,
    } as Field,
  ];
}

function typedOrPicked(ctx: StepContext, id: string): string {
  const v = str(ctx.answers[id]);
  return v === OTHER ? str(ctx.answers[`${id}Name`]) : v;
}

function ingressFields(ctx: StepContext): Field[] {
  const { values, facts, answers } = ctx;
  const ing = values.ingress ?? {};
  const annotations = ing.annotations ?? {};
  const out: Field[] = [
    {
      kind: 'select',
      id: 'serviceType',
      givenBy: ['serviceType'],
      label: 'API service type behind the ingress',
      default:
        ing.enabled && values.serviceType
          ? values.serviceType
          : facts?.distribution === 'gke'
            ? 'NodePort'
            : 'ClusterIP',
      choices: [
        { value: 'ClusterIP', label: 'ClusterIP', hint: 'recommended behind an ingress' },
        { value: 'NodePort', label: 'NodePort', hint: "GKE's ingress needs it" },
        { value: 'LoadBalancer', label: 'LoadBalancer' },
      ],
      hint: hintFor(facts, 'serviceType'),
    },
    {
      kind: 'text',
      id: 'hostName',
      givenBy: ['ingress.hostName'],
      label: 'Host name',
      help: 'The name people type, e.g. polyaxon.acme.com. Empty: any host.',
      default: ing.hostName ?? '',
      validate: checked((s) => checks.hostname(s), undefined, true),
    },
    {
      kind: 'text',
      id: 'path',
      givenBy: ['ingress.path'],
      label: 'Path',
      default: ing.path ?? '/',
      validate: (s) => (s.startsWith('/') ? undefined : `"${s}" must start with "/"`),
    },
  ];
  const classes = facts?.ingressClasses ?? [];
  const currentClass = annotations[CLASS_ANNOTATION] ?? '';
  if (classes.length > 0 || currentClass) {
    const names = [...new Set([...classes, ...(currentClass ? [currentClass] : [])])];
    out.push({
      kind: 'select',
      id: 'ingressClass',
      label: 'Ingress class',
      help: `Sets the ${CLASS_ANNOTATION} annotation; without it the chart's own class is used.`,
      default: currentClass,
      choices: [{ value: '', label: "The chart's default" }, ...names.map((n) => ({ value: n, label: n }))],
      hint: hintFor(facts, 'ingress.annotations'),
    });
  }
  const others = Object.fromEntries(
    Object.entries(annotations).filter(([k]) => k !== CLASS_ANNOTATION && k !== ISSUER_ANNOTATION),
  );
  out.push({
    kind: 'text',
    id: 'annotations',
    label: 'Other ingress annotations (key=value, comma separated)',
    help: 'e.g. nginx.ingress.kubernetes.io/proxy-body-size=4G',
    default: formatKeyValues(others),
    validate: (s) => parseKeyValues(s).error,
  });
  if (str(answers.hostName) === '') return out;
  const tls = ing.tls ?? [];
  const issuer = annotations[ISSUER_ANNOTATION];
  const issuers = facts?.clusterIssuers ?? [];
  const host = str(answers.hostName);
  const matching = secretForHost(facts, host);
  // What the values already say wins; otherwise what the cluster has: a certificate for the host, then an issuer.
  const tlsDefault = issuer
    ? 'cert-manager'
    : tls.length
      ? 'secret'
      : matching
        ? 'secret'
        : issuers.length
          ? 'cert-manager'
          : 'none';
  const tlsHint =
    issuer || tls.length
      ? undefined
      : matching
        ? `the TLS secret ${matching} covers ${host}`
        : issuers.length
          ? `ClusterIssuer ${issuers[0]} is ready`
          : undefined;
  out.push({
    kind: 'select',
    id: 'tls',
    givenBy: ['ingress.tls'],
    label: 'HTTPS for the ingress',
    default: tlsDefault,
    hint: tlsHint,
    choices: [
      { value: 'none', label: 'No TLS' },
      {
        value: 'secret',
        label: 'From an existing TLS secret',
        hint: facts?.tlsSecrets.length ? `found: ${facts.tlsSecrets.join(', ')}` : undefined,
      },
      {
        value: 'cert-manager',
        label: 'From cert-manager',
        hint: issuers.length ? `ClusterIssuers: ${issuers.join(', ')}` : 'needs a ClusterIssuer',
      },
    ],
  });
  const secretName = tls[0]?.secretName ?? 'polyaxon-tls';
  // A name the person never chose is no reason to pick "Another name…" over a secret that exists.
  const existingSecret = tls[0]?.secretName ?? matching ?? facts?.tlsSecrets[0] ?? secretName;
  if (answers.tls === 'secret') {
    const why = matching && existingSecret === matching ? `its certificate covers ${host}` : undefined;
    out.push(
      ...pickOrType('tlsSecret', 'TLS secret (tls.crt and tls.key)', facts?.tlsSecrets ?? [], existingSecret, {
        hint: why,
        help: 'kubectl create secret tls polyaxon-tls --key $PATH_TO_KEY --cert $PATH_TO_CERT',
      }),
    );
  }
  if (answers.tls === 'cert-manager') {
    out.push(...pickOrType('issuer', 'ClusterIssuer', issuers, issuer ?? issuers[0] ?? 'letsencrypt'));
    if (answers.issuer === OTHER)
      out.push({
        kind: 'text',
        id: 'issuerName',
        label: 'ClusterIssuer name',
        default: issuer ?? '',
        validate: checked((s) => checks.dns1123Subdomain(s)),
      });
    out.push({
      kind: 'text',
      id: 'certSecret',
      label: 'Secret cert-manager stores the certificate in',
      default: secretName,
      validate: checked((s) => checks.dns1123Subdomain(s)),
    });
  }
  if (answers.tlsSecret === OTHER)
    out.push({
      kind: 'text',
      id: 'tlsSecretName',
      label: 'TLS secret name',
      default: secretName,
      validate: checked((s) => checks.dns1123Subdomain(s)),
    });
  return out;
}

function nodePortFields(ctx: StepContext): Field[] {
  const { values, facts, answers, meta } = ctx;
  const out: Field[] = [
    {
      kind: 'confirm',
      id: 'ssl',
      givenBy: ['ssl.enabled'],
      label: 'Serve HTTPS from the API with your own certificate?',
      help: "The API's nginx serves 443 with the certificate and key from a secret (mounted at /etc/ssl).",
      default: values.ssl?.enabled ?? false,
    },
  ];
  if (answers.ssl === true) {
    out.push(
      ...pickOrType(
        'sslSecret',
        'Secret with the certificate and key',
        facts?.tlsSecrets ?? [],
        values.ssl?.secretName ?? 'polyaxon-cert',
        {
          help: `kubectl create -n ${meta.namespace} secret generic polyaxon-cert --from-file=/path/to/polyaxon.com.crt --from-file=/path/to/polyaxon.com.key`,
        },
      ),
    );
    if (answers.sslSecret === OTHER)
      out.push({
        kind: 'text',
        id: 'sslSecretName',
        label: 'Secret name',
        default: values.ssl?.secretName ?? 'polyaxon-cert',
        validate: checked((s) => checks.dns1123Subdomain(s)),
      });
  }
  return out;
}

function fields(ctx: StepContext): Field[] {
  const out: Field[] = [
    {
      kind: 'select',
      id: 'mode',
      givenBy: ['ingress.enabled', 'serviceType'],
      label: 'How will people reach Polyaxon?',
      default: modeOf(ctx.values),
      choices: MODES,
      hint: hintFor(ctx.facts, 'serviceType') ?? hintFor(ctx.facts, 'ingress.enabled'),
    },
  ];
  switch (ctx.answers.mode) {
    case 'ingress':
      return [...out, ...ingressFields(ctx)];
    case 'nodeport':
      return [...out, ...nodePortFields(ctx)];
    case 'loadbalancer':
      return [
        ...out,
        {
          kind: 'text',
          id: 'serviceAnnotations',
          label: 'API service annotations (key=value, comma separated)',
          help: "e.g. domainName=polyaxon.acme.com for externalDNS, or your cloud's load balancer settings.",
          default: formatKeyValues(ctx.values.api?.service?.annotations),
          validate: (s) => parseKeyValues(s).error,
        },
      ];
    default:
      return out;
  }
}

/** Where the chart reads the API service port, if the values model has it (the spec names no key). */
function apiPortKey(): string | undefined {
  return ['port', 'externalPort'].find((k) => schemaAt(['api', 'service', k]) !== undefined);
}

function apply(ctx: StepContext): Values {
  const { values, answers } = ctx;
  const mode = answers.mode as Mode;
  const sslOff = values.ssl?.enabled ? { ssl: { enabled: false } } : {};
  if (mode === 'ingress') {
    const ing = values.ingress ?? {};
    const host = str(answers.hostName);
    const annotations: Record<string, string> = parseKeyValues(str(answers.annotations)).map ?? {};
    if (answers.ingressClass) annotations[CLASS_ANNOTATION] = str(answers.ingressClass);
    let tls: Ingress['tls'] = [];
    if (host && answers.tls === 'secret') tls = [{ secretName: typedOrPicked(ctx, 'tlsSecret'), hosts: [host] }];
    if (host && answers.tls === 'cert-manager') {
      annotations[ISSUER_ANNOTATION] = typedOrPicked(ctx, 'issuer');
      tls = [{ secretName: str(answers.certSecret), hosts: [host] }];
    }
    return {
      ...sslOff,
      serviceType: answers.serviceType as ServiceType,
      ingress: {
        enabled: true,
        hostName: host !== '' ? host : ing.hostName ? removed() : undefined,
        path: str(answers.path, '/'),
        annotations: replaceWith(ing.annotations, annotations) as Record<string, string>,
        tls,
      },
    };
  }
  if (mode === 'nodeport') {
    const port = apiPortKey();
    const ssl = answers.ssl === true;
    return {
      ingress: { enabled: false },
      serviceType: 'NodePort',
      ...(ssl ? { ssl: { enabled: true, secretName: typedOrPicked(ctx, 'sslSecret') } } : sslOff),
      ...(ssl && port ? { api: { service: { [port]: 443 } } } : {}),
    } as Values;
  }
  if (mode === 'loadbalancer') {
    const annotations = parseKeyValues(str(answers.serviceAnnotations)).map ?? {};
    return {
      ...sslOff,
      ingress: { enabled: false },
      serviceType: 'LoadBalancer',
      api: {
        service: { annotations: replaceWith(values.api?.service?.annotations, annotations) as Record<string, string> },
      },
    };
  }
  return { ...sslOff, ingress: { enabled: false }, serviceType: 'ClusterIP' };
}

export const accessStep: Step = {
  id: 'access',
  title: 'Access',
  isAnswered: (answered, values) =>
    has(answered, 'ingress.enabled') &&
    has(answered, 'serviceType') &&
    (!values.ingress?.enabled || has(answered, 'ingress.hostName')),
  fields,
  apply,
  notes(ctx) {
    const { answers, meta } = ctx;
    if (answers.mode === 'port-forward')
      return [
        `Reach Polyaxon with: ${portForwardCommand(meta.release, meta.namespace)}`,
        'then open http://localhost:31811',
      ];
    if (answers.mode === 'nodeport' && answers.ssl === true) {
      const port = apiPortKey();
      return [
        ...(port ? [] : ["Set the API service's port to 443 in config.yaml (the chart serves HTTPS there)."]),
        'Point the CLI at it with: polyaxon config set --host=<node IP or host> --verify_ssl',
      ];
    }
    return [];
  },
};
