/**
 * Every way a call to the API server fails, in a few kinds, read from the error's shape (FACTS
 * §1.3) so this file does not load the client: ApiException has a numeric HTTP `code` and the
 * raw body text; node-fetch errors have a `name` and a system `code`.
 */
export type FailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'timeout'
  | 'refused'
  | 'closed'
  | 'unresolved'
  | 'tls'
  | 'badResponse'
  | 'http'
  | 'other';

export interface Failure {
  kind: FailureKind;
  /** One line, from the server's Status message when it sent one. */
  message: string;
  httpStatus?: number;
}

/** Thrown by the probe's own deadline, so a timeout reads the same wherever it struck. */
export class DeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * The /version answer's gitVersion, or a SyntaxError (an answer that is not Kubernetes JSON): valid
 * JSON that is not a VersionInfo is no API server, nor is a version that is no Kubernetes version
 * (every one reads vMAJOR.MINOR..., in a few dozen characters; helm takes minutes over a huge one).
 */
export function kubeGitVersion(info: { gitVersion?: unknown } | undefined): string {
  const v = info?.gitVersion;
  if (typeof v !== 'string' || v.length > 256 || !/^v?\d{1,4}\.\d{1,4}(?!\d)/.test(v))
    throw new SyntaxError('no Kubernetes gitVersion in /version');
  return v;
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|EPROTO$)/;

export function classify(e: unknown): Failure {
  const x = (e ?? {}) as {
    code?: unknown;
    errno?: unknown;
    name?: string;
    message?: string;
    body?: unknown;
    type?: string;
  };
  const firstLine = String(x.message ?? e).split('\n')[0];
  if (typeof x.code === 'number') {
    const status = statusOf(x.body);
    const message = status?.message ?? firstLine;
    const kind: FailureKind =
      x.code === 401 ? 'unauthorized' : x.code === 403 ? 'forbidden' : x.code === 404 ? 'notFound' : 'http';
    return { kind, message, httpStatus: x.code };
  }
  if (x.name === 'AbortError' || x.name === 'DeadlineError' || x.name === 'TimeoutError')
    return { kind: 'timeout', message: 'no answer in time' };
  const code = typeof x.code === 'string' ? x.code : typeof x.errno === 'string' ? x.errno : '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: 'connection refused' };
  if (code === 'ECONNRESET' || /socket hang up|premature close/i.test(firstLine))
    return { kind: 'closed', message: 'the server closed the connection' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'unresolved', message: firstLine };
  if (TLS_CODES.test(code) || /certificate|SSL|TLS/i.test(firstLine)) return { kind: 'tls', message: firstLine };
  if (
    e instanceof SyntaxError ||
    /Cannot parse content|mediaType .* is not supported|invalid json|Unexpected token/i.test(firstLine)
  ) {
    return { kind: 'badResponse', message: 'the answer is not Kubernetes JSON' };
  }
  return { kind: 'other', message: firstLine };
}

function statusOf(body: unknown): { message?: string; reason?: string } | undefined {
  if (typeof body === 'object' && body !== null) return body as { message?: string };
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as { message?: string }) : undefined;
  } catch {
    return undefined;
  }
}
