/**
 * Field-level checks shared by validation and the wizard's inline errors. Each returns the
 * problem in words, or undefined when the value is fine.
 */
import { isIP } from 'node:net';
import { VALUES_SCHEMA } from './schema.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The least UID/GID is the schema's (every id of securityContext has the same node). */
const ID_MIN = VALUES_SCHEMA.properties.securityContext.properties.runAsUser.minimum ?? 0;
const ID_MAX = 2 ** 31 - 1;

/** Where each bucket store's URLs start. */
export const BUCKET_SCHEMES = { gcs: 'gs://', s3: 's3://', azure: 'wasbs://' } as const;

/** The chart's own minimum length of the root password. */
export const PASSWORD_MIN = 8;

export const checks = {
  /** Namespaces, release names, volume names (RFC 1123 label). */
  dns1123Label(s: string, max = 63): string | undefined {
    if (s.length === 0) return 'is empty';
    if (s.length > max) return `is ${s.length} characters long, at most ${max} allowed`;
    if (!LABEL.test(s)) {
      return `"${s}" must be lower-case letters, digits and "-", starting and ending with a letter or digit`;
    }
    return undefined;
  },
  /** Secret names (RFC 1123 subdomain: labels joined by dots). */
  dns1123Subdomain(s: string): string | undefined {
    if (s.length === 0) return 'is empty';
    if (s.length > 253) return `is ${s.length} characters long, at most 253 allowed`;
    if (!s.split('.').every((l) => LABEL.test(l))) {
      return `"${s}" must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit`;
    }
    return undefined;
  },
  hostname(s: string, opts: { wildcard?: boolean } = {}): string | undefined {
    const h = opts.wildcard && s.startsWith('*.') ? s.slice(2) : s;
    if (h.length === 0 || h.length > 253) return `"${s}" is not a host name`;
    const ok = h.split('.').every((l) => /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/.test(l));
    return ok ? undefined : `"${s}" is not a host name (letters, digits, "-" and ".", no scheme or port)`;
  },
  /**
   * An Ingress rule's host: the API server takes a lower-case DNS-1123 subdomain, with an optional
   * leading "*." label, and refuses an IP address.
   */
  ingressHost(s: string): string | undefined {
    if (isIP(s)) return `"${s}" is an IP address, which an Ingress host cannot be`;
    if (s !== s.toLowerCase()) return `"${s}" has upper-case letters, which an Ingress host cannot have`;
    return checks.hostname(s, { wildcard: true });
  },
  hostOrIp(s: string): string | undefined {
    if (isIP(s)) return undefined;
    return checks.hostname(s) === undefined ? undefined : `"${s}" is neither a host name nor an IP address`;
  },
  /** allowedHosts: a host, an IP, or `.example.com` for every subdomain. */
  allowedHost(s: string): string | undefined {
    if (s === '*') return undefined;
    // An IPv6 address as a Host header carries it: [::1].
    if (/^\[.+\]$/.test(s) && isIP(s.slice(1, -1)) === 6) return undefined;
    const h = s.startsWith('.') ? s.slice(1) : s;
    if (isIP(h) && !s.startsWith('.')) return undefined;
    if (checks.hostname(h) === undefined) return undefined;
    return `"${s}" is not a host, an IP, or ".domain" for all subdomains`;
  },
  absolutePath(s: string): string | undefined {
    if (!s.startsWith('/')) return `"${s}" is not an absolute path (it must start with "/")`;
    if (/\0/.test(s)) return 'contains a NUL character';
    return undefined;
  },
  /** A bucket of store `store`: its scheme, then a name. */
  bucket(store: keyof typeof BUCKET_SCHEMES, s: string): string | undefined {
    const scheme = BUCKET_SCHEMES[store];
    if (!s.startsWith(scheme)) return `"${s}" does not start with ${scheme}, which store ${store} needs`;
    if (s.length === scheme.length) return `"${s}" names no bucket after ${scheme}`;
    return undefined;
  },
  /** The root user's name, as Polyaxon accepts it. */
  username(s: string): string | undefined {
    return /^[\w.@+-]+$/.test(s) ? undefined : `"${s}" may hold only letters, digits and . @ + - _`;
  },
  /** The root password: at least the chart's own minimum (passwordLength in chart 0.6.1). */
  password(s: string): string | undefined {
    return s.length >= PASSWORD_MIN ? undefined : `is ${s.length} characters long, at least ${PASSWORD_MIN} needed`;
  },
  email(s: string): string | undefined {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? undefined : `"${s}" is not an email address`;
  },
  timezone(s: string): string | undefined {
    // The default, on every run: asking Intl costs about 16 ms of start-up (its time-zone data).
    if (s === 'UTC') return undefined;
    let canonical: string;
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: s }).resolvedOptions().timeZone;
    } catch {
      return `"${s}" is not an IANA time zone`;
    }
    if (!/^[A-Za-z]/.test(s)) return `"${s}" is not an IANA time zone`;
    // Intl ignores case; the zone database Polyaxon reads does not ("utc" is no zone there).
    if (canonical !== s && canonical.toLowerCase() === s.toLowerCase())
      return `"${s}" is not spelt as the time zone database spells it: "${canonical}"`;
    return undefined;
  },
  /** A TCP port: a whole number 1–65535 (text of digits too, as a wizard answer or --set-string gives it). */
  port(n: unknown): string | undefined {
    const v = typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : n;
    return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535
      ? undefined
      : `${String(n)} is not a port (a whole number from 1 to 65535)`;
  },
  uidGid(n: unknown): string | undefined {
    if (Number.isInteger(n) && (n as number) > ID_MAX)
      return `${String(n)} is above ${ID_MAX}, the largest ID Linux and Kubernetes take`;
    if (Number.isInteger(n) && (n as number) >= ID_MIN) return undefined;
    return `${String(n)} is not a non-negative whole number`;
  },
};

/** Fixes that go with each check, for the messages. */
export const FIXES = {
  dns1123Label: 'Use lower-case letters, digits and "-", e.g. "polyaxon".',
  dns1123Subdomain: 'Use lower-case letters, digits, "-" and ".", e.g. "polyaxon-tls".',
  hostname: 'Use a bare host name such as polyaxon.acme.com (no https://, no port).',
  ingressHost: 'Use a lower-case host name such as polyaxon.acme.com; to reach an IP, leave ingress.hostName unset.',
  hostOrIp: 'Use a host name such as polyaxon.acme.com or an IP such as 10.0.0.5.',
  allowedHost: 'Use a host, an IP, or ".acme.com" for every subdomain.',
  absolutePath: 'Use a path starting with "/", e.g. /data.',
  email: 'Use an address such as admin@acme.com.',
  username: 'Use a user name such as root.',
  password: `Use ${PASSWORD_MIN} characters or more, or null to let Polyaxon generate one.`,
  bucket: 'Use the scheme of the store and the bucket name, e.g. s3://my-bucket.',
  timezone: 'Use an IANA zone such as UTC, Europe/Berlin or America/New_York.',
  port: 'Use a whole number from 1 to 65535, e.g. 5432.',
  uidGid: `Use a whole number from ${ID_MIN} to ${ID_MAX}, e.g. 2222.`,
} as const;
