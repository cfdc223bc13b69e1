/**
 * Whether `helm install` gets `--create-namespace`. helm sends a Create for the namespace whenever
 * the flag is given, so an account that may not create namespaces fails with "namespaces is
 * forbidden" even when the namespace exists (helm/helm#32511). The flag is passed only when the
 * namespace is missing and the account may create it.
 */
import type { Kube } from './client.js';
import { classify } from './failures.js';

export interface NamespaceAccess {
  namespace: string;
  /** Undefined when the account may not read it (or the read failed). */
  exists?: boolean;
  /** `create namespaces`, as a SelfSubjectAccessReview answers it; undefined when the review failed. */
  mayCreate?: boolean;
}

export interface NamespaceDecision {
  createNamespace: boolean;
  /** Why, in one sentence. */
  reason: string;
  /** Set when the install cannot succeed: the namespace is missing and may not be created. */
  refusal?: { message: string; hint: string };
}

export function namespaceDecision(a: NamespaceAccess): NamespaceDecision {
  const ns = a.namespace;
  if (a.exists === true)
    return {
      createNamespace: false,
      reason: `namespace ${ns} exists, so helm runs without --create-namespace${a.mayCreate === false ? ' (this account may not create namespaces)' : ''}`,
    };
  if (a.exists === false && a.mayCreate === false)
    return {
      createNamespace: false,
      reason: `namespace ${ns} does not exist and this account may not create namespaces`,
      refusal: {
        message: `The namespace ${ns} does not exist and this account may not create it (create namespaces is denied).`,
        hint: `Ask a cluster administrator to run: kubectl create namespace ${ns}; or install into a namespace you may use with --namespace NAME.`,
      },
    };
  if (a.mayCreate === false)
    return {
      createNamespace: false,
      reason: `this account may not create namespaces, so helm runs without --create-namespace (namespace ${ns} must exist)`,
    };
  if (a.exists === false)
    return {
      createNamespace: true,
      reason: `namespace ${ns} does not exist yet; helm creates it (--create-namespace)`,
    };
  return { createNamespace: true, reason: `this account may create namespaces; helm creates ${ns} if it is missing` };
}

/** Reads the namespace and asks `create namespaces`; failures leave the field undefined. */
export async function readNamespaceAccess(kube: Kube, namespace: string, budgetMs?: number): Promise<NamespaceAccess> {
  const [exists, mayCreate] = await Promise.all([
    kube
      .call((o) => kube.core.readNamespace({ name: namespace }, o), budgetMs)
      .then(
        () => true,
        (e) => (classify(e).kind === 'notFound' ? false : undefined),
      ),
    kube
      .call(
        (o) =>
          kube.authz.createSelfSubjectAccessReview(
            {
              body: {
                apiVersion: 'authorization.k8s.io/v1',
                kind: 'SelfSubjectAccessReview',
                spec: { resourceAttributes: { verb: 'create', group: '', resource: 'namespaces' } },
              },
            },
            o,
          ),
        budgetMs,
      )
      .then(
        (r) => r.status?.allowed === true,
        () => undefined,
      ),
  ]);
  return {
    namespace,
    ...(exists === undefined ? {} : { exists }),
    ...(mayCreate === undefined ? {} : { mayCreate }),
  };
}
