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
  hostOrIp(s: string): string | undefined {
    if (isIP(s)) return undefined;
    return checks.hostname(s) === undefined ? undefined : `"${s}" is neither a host name nor an IP address`;
  },
  /** allowedHosts: a host, an IP, or `.example.com` for every subdomain. */
  allowedHost(s: string): string | undefined {
    if (s === '*') return undefined;
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
  email(s: string): string | undefined {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? undefined : `"${s}" is not an email address`;
  },
  timezone(s: string): string | undefined {
    // The default, on every run: asking Intl costs about 16 ms of start-up (its time-zone data).
    if (s === 'UTC') return undefined;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: s });
      return /^[A-Za-z]/.test(s) ? undefined : `"${s}" is not an IANA time zone`;
    } catch {
      return `"${s}" is not an IANA time zone`;
    }
  },
  uidGid(n: unknown): string | undefined {
    if (Number.isInteger(n) && (n as number) >= ID_MIN && (n as number) <= ID_MAX) return undefined;
    return `${String(n)} is not a non-negative whole number`;
  },
};

/** Fixes that go with each check, for the messages. */
export const FIXES = {
  dns1123Label: 'Use lower-case letters, digits and "-", e.g. "polyaxon".',
  dns1123Subdomain: 'Use lower-case letters, digits, "-" and ".", e.g. "polyaxon-tls".',
  hostname: 'Use a bare host name such as polyaxon.acme.com (no https://, no port).',
  hostOrIp: 'Use a host name such as polyaxon.acme.com or an IP such as 10.0.0.5.',
  allowedHost: 'Use a host, an IP, or ".acme.com" for every subdomain.',
  absolutePath: 'Use a path starting with "/", e.g. /data.',
  email: 'Use an address such as admin@acme.com.',
  timezone: 'Use an IANA zone such as UTC, Europe/Berlin or America/New_York.',
  uidGid: `Use a whole number of ${ID_MIN} or more, e.g. 2222.`,
} as const;
