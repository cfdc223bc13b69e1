/** The failures that end the probe, each as one line and the next step (exit code 4, or 5 for 401/403). */
import { ClusterError } from '../errors.js';
import type { Failure } from './failures.js';

export interface ProbeTarget {
  context: string;
  server: string;
  timeoutMs: number;
}

export function fatalError(f: Failure, t: ProbeTarget): ClusterError {
  const at = `the cluster at ${t.server} (context "${t.context}")`;
  switch (f.kind) {
    case 'unauthorized':
      return new ClusterError(`${cap(at)} rejected the credentials (401 Unauthorized).`, {
        forbidden: true,
        hint: 'The token or certificate has expired or is wrong: log in again (gcloud container clusters get-credentials, aws eks update-kubeconfig, oc login, ...) or pick another context with --kube-context.',
      });
    case 'forbidden':
      return new ClusterError(`${cap(at)} refused access (403 Forbidden): ${f.message}`, {
        forbidden: true,
        hint: 'This account may not read the cluster; ask a cluster administrator for access, or pick another context with --kube-context.',
      });
    case 'timeout':
      return new ClusterError(`${cap(at)} did not answer within ${seconds(t.timeoutMs)}.`, {
        hint: 'Check that the cluster is running and reachable (VPN, firewall, proxy), or allow longer with --timeout 20s.',
      });
    case 'refused':
      return new ClusterError(`Cannot reach ${at}: connection refused.`, {
        hint: 'Is the cluster running (minikube status, microk8s status, docker ps for kind)? Check the server address of the context.',
      });
    case 'closed':
      return new ClusterError(`${cap(at)} closed the connection without answering.`, {
        hint: 'Check that the address and port are those of the Kubernetes API server.',
      });
    case 'unresolved':
      return new ClusterError(`Cannot find the host of ${at}: ${f.message}.`, {
        hint: 'Check the server address of the context, and your DNS or VPN.',
      });
    case 'tls':
      return new ClusterError(`TLS with ${at} failed: ${f.message}.`, {
        hint: "The kubeconfig's certificate-authority does not match the server: fetch a fresh kubeconfig for this cluster.",
      });
    case 'badResponse':
      return new ClusterError(
        `${cap(at)} did not answer like a Kubernetes API server (the answer is not Kubernetes JSON).`,
        {
          hint: 'Check that the server address of the context points at the API server, not a proxy or web page.',
        },
      );
    case 'notFound':
    case 'http':
      return new ClusterError(`${cap(at)} answered with HTTP ${f.httpStatus}: ${f.message}`, {
        hint: 'Check the server address of the context; retry if the API server is restarting.',
      });
    case 'other':
      return new ClusterError(`Cannot talk to ${at}: ${f.message}`, {
        hint: 'Check the server address and credentials of the context (kubectl version shows the same).',
      });
  }
}

/** When the server answered /version but every part of the probe was refused. */
export function forbiddenEverywhere(t: ProbeTarget, example: string): ClusterError {
  return new ClusterError(
    `The cluster at ${t.server} (context "${t.context}") answered, but refused every read (403 Forbidden): ${example}`,
    {
      forbidden: true,
      hint: 'This account may not read anything the install needs; ask a cluster administrator for access, or pick another context with --kube-context.',
    },
  );
}

export function nothingReadable(t: ProbeTarget, example: string): ClusterError {
  return new ClusterError(
    `The cluster at ${t.server} (context "${t.context}") answered /version, but none of the probe's reads: ${example}`,
    {
      hint: 'The API server may be overloaded or restarting; retry, or allow longer with --timeout 20s.',
    },
  );
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
