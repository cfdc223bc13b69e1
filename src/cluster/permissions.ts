/**
 * What installing the chart needs, asked as one SelfSubjectAccessReview per verb and resource
 * (what `kubectl auth can-i` does; FACTS §7). Any authenticated user may create these reviews.
 */
import type { NamespaceAccess } from './namespace.js';
import type { AccessReviewLike } from './objects.js';
import type { AccessCheck, PermissionsFinding } from './types.js';

type Need = Omit<AccessCheck, 'namespace' | 'allowed' | 'error'> & { namespaced: boolean };

const NEEDS: Need[] = [
  {
    verb: 'create',
    group: '',
    resource: 'namespaces',
    namespaced: false,
    why: 'helm --create-namespace creates the namespace (asked only when it is missing)',
  },
  {
    verb: 'create',
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
    namespaced: false,
    why: 'rbac.enabled makes the chart create ClusterRoles',
  },
  {
    verb: 'create',
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterrolebindings',
    namespaced: false,
    why: 'rbac.enabled makes the chart bind them',
  },
  {
    verb: 'create',
    group: 'apiextensions.k8s.io',
    resource: 'customresourcedefinitions',
    namespaced: false,
    why: 'the chart ships CRDs',
  },
  ...(['serviceaccounts', 'secrets', 'configmaps', 'services', 'persistentvolumeclaims'] as const).map((resource) => ({
    verb: 'create',
    group: '',
    resource,
    namespaced: true,
    why: 'the chart creates them',
  })),
  { verb: 'create', group: 'apps', resource: 'deployments', namespaced: true, why: 'the chart creates them' },
  { verb: 'create', group: 'batch', resource: 'jobs', namespaced: true, why: "the chart's hooks are Jobs" },
  {
    verb: 'create',
    group: 'networking.k8s.io',
    resource: 'ingresses',
    namespaced: true,
    why: 'ingress.enabled creates one',
  },
  {
    verb: 'create',
    group: 'rbac.authorization.k8s.io',
    resource: 'roles',
    namespaced: true,
    why: 'rbac.enabled creates Roles',
  },
  {
    verb: 'create',
    group: 'rbac.authorization.k8s.io',
    resource: 'rolebindings',
    namespaced: true,
    why: 'rbac.enabled binds them',
  },
  { verb: 'list', group: '', resource: 'secrets', namespaced: true, why: 'helm keeps its releases in Secrets' },
  { verb: 'patch', group: 'apps', resource: 'deployments', namespaced: true, why: 'helm upgrade patches them' },
];

export function accessChecks(namespace: string): AccessCheck[] {
  return NEEDS.map(({ namespaced, ...n }) => ({ ...n, ...(namespaced ? { namespace } : {}) }));
}

/** The review's request body for one check. */
export function accessReviewBody(c: AccessCheck) {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: c.verb,
        group: c.group,
        resource: c.resource,
        ...(c.namespace ? { namespace: c.namespace } : {}),
      },
    },
  };
}

export function describeCheck(c: AccessCheck): string {
  return `${c.verb} ${c.resource}${c.group ? `.${c.group}` : ''}${c.namespace ? ` in ${c.namespace}` : ''}`;
}

/** Pairs each check with its review's answer, or the error that stopped the review. */
export function interpretAccess(
  checks: AccessCheck[],
  answers: ({ review: AccessReviewLike } | { error: string })[],
  namespaceExists: boolean | undefined,
): PermissionsFinding {
  const done = checks.map((c, i) => {
    const a = answers[i];
    return 'review' in a ? { ...c, allowed: a.review.status?.allowed === true } : { ...c, error: a.error };
  });
  return {
    ...(namespaceExists === undefined ? {} : { namespaceExists }),
    checks: done,
    denied: done.filter((c) => c.allowed === false).map(describeCheck),
  };
}

/** What the access reviews say about the release namespace, for the --create-namespace decision. */
export function namespaceAccessOf(p: PermissionsFinding, namespace: string): NamespaceAccess {
  const create = p.checks.find((c) => c.resource === 'namespaces' && c.verb === 'create');
  return {
    namespace,
    ...(p.namespaceExists === undefined ? {} : { exists: p.namespaceExists }),
    ...(create?.allowed === undefined ? {} : { mayCreate: create.allowed }),
  };
}
