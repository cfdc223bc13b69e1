/** IngressClasses, the namespace's TLS Secrets and cert-manager: what the ingress and TLS answers can use. */
import { X509Certificate } from 'node:crypto';
import type { ClusterIssuerLike, IngressClassLike, SecretLike } from './objects.js';
import type { CertManagerFinding, IngressFinding, TlsSecretInfo } from './types.js';

const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';

export function interpretIngressClasses(classes: IngressClassLike[]): IngressFinding {
  const infos = classes.map((c) => ({
    name: c.metadata?.name ?? '',
    ...(c.spec?.controller ? { controller: c.spec.controller } : {}),
    isDefault: c.metadata?.annotations?.[DEFAULT_CLASS] === 'true',
  }));
  const defaults = infos.filter((c) => c.isDefault);
  // Several defaults make the API server refuse class-less Ingresses, so none of them is "the" default.
  if (defaults.length === 1) return { classes: infos, chosen: defaults[0].name, chosenBecause: 'default' };
  if (defaults.length === 0 && infos.length === 1)
    return { classes: infos, chosen: infos[0].name, chosenBecause: 'only class' };
  return { classes: infos };
}

/** Names and hosts of kubernetes.io/tls Secrets; only the public certificate is read. */
export function interpretTlsSecrets(secrets: SecretLike[], now: Date): TlsSecretInfo[] {
  return secrets
    .filter((s) => s.type === 'kubernetes.io/tls')
    .map((s) => ({ name: s.metadata?.name ?? '', ...certificateFacts(s.data?.['tls.crt'], now) }));
}

function certificateFacts(crtBase64: string | undefined, now: Date): Omit<TlsSecretInfo, 'name'> {
  if (!crtBase64) return { hosts: [] };
  try {
    const cert = new X509Certificate(Buffer.from(crtBase64, 'base64'));
    const sans = (cert.subjectAltName ?? '')
      .split(/,\s*/)
      .filter((s) => s.startsWith('DNS:'))
      .map((s) => s.slice(4));
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
    const notAfter = new Date(cert.validTo);
    return { hosts: sans.length ? sans : cn ? [cn] : [], notAfter: notAfter.toISOString(), expired: notAfter < now };
  } catch {
    return { hosts: [] };
  }
}

export function interpretCertManager(installed: boolean, issuers: ClusterIssuerLike[]): CertManagerFinding {
  return {
    installed,
    issuers: issuers.map((i) => {
      const ready = i.status?.conditions?.find((c) => c.type === 'Ready');
      return {
        name: i.metadata?.name ?? '',
        type: Object.keys(i.spec ?? {})[0] ?? 'unknown',
        ready: ready?.status === 'True',
        ...(ready?.message ? { message: ready.message } : {}),
      };
    }),
  };
}
