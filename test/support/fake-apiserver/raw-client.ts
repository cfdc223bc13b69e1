/** Plain HTTPS requests to a fake cluster, for tests that check exact wire shapes. */
import { request as httpsRequest } from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export interface RawOptions {
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Defaults to the cluster's token; `null` sends no Authorization header. */
  token?: string | null;
  signal?: AbortSignal;
}

export function rawRequest(
  cluster: { url: string; caPem: string; token: string },
  method: string,
  path: string,
  o: RawOptions = {},
): Promise<RawResponse> {
  const body =
    o.body === undefined
      ? undefined
      : typeof o.body === 'string' || Buffer.isBuffer(o.body)
        ? o.body
        : JSON.stringify(o.body);
  const token = o.token === undefined ? cluster.token : o.token;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, cluster.url),
      {
        method,
        ca: cluster.caPem,
        signal: o.signal,
        headers: {
          Accept: 'application/json',
          ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'Content-Type': o.contentType ?? 'application/json' } : {}),
          ...o.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
