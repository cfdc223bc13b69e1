/** Authorization as the tests configure it: everything is allowed unless a forbid rule matches. */
import type { ResourceTable } from './resources.js';

export interface ForbidRule {
  verb?: string;
  resource?: string;
  namespace?: string;
  group?: string;
}

export const FAKE_USER = 'fake-admin';

export class Access {
  readonly rules: ForbidRule[] = [];

  forbid(rule: ForbidRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** `resource` may carry a subresource (`deployments/status`); a rule on the resource covers it. */
  isForbidden(verb: string, resource: string, group: string, namespace: string | undefined): boolean {
    const base = resource.split('/')[0];
    return this.rules.some(
      (r) =>
        (r.verb === undefined || r.verb === '*' || r.verb === verb) &&
        (r.resource === undefined || r.resource === '*' || r.resource === resource || r.resource === base) &&
        (r.group === undefined || r.group === '*' || r.group === group) &&
        (r.namespace === undefined || r.namespace === namespace),
    );
  }

  /** The status of a (Self|Local)SubjectAccessReview. */
  review(spec: any): { allowed: boolean; reason?: string } {
    const a = spec?.resourceAttributes;
    if (!a) return { allowed: true, reason: 'non-resource URLs are open on the fake cluster' };
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : String(a.resource ?? '');
    if (this.isForbidden(String(a.verb ?? ''), resource, String(a.group ?? ''), a.namespace || undefined))
      return { allowed: false };
    return {
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
    };
  }

  /** The status of a SelfSubjectRulesReview: a wildcard rule, or per-resource rules minus what is forbidden. */
  rulesReview(table: ResourceTable, namespace: string | undefined): Record<string, unknown> {
    const nonResourceRules = [{ verbs: ['*'], nonResourceURLs: ['*'] }];
    const applicable = this.rules.filter((r) => r.namespace === undefined || r.namespace === namespace);
    if (applicable.length === 0) {
      return {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules,
        incomplete: false,
      };
    }
    const resourceRules = table
      .all()
      .map((d) => ({
        verbs: d.verbs.filter((v) => !this.isForbidden(v, d.plural, d.group, d.namespaced ? namespace : undefined)),
        apiGroups: [d.group],
        resources: [d.plural],
      }))
      .filter((r) => r.verbs.length > 0);
    return { resourceRules, nonResourceRules, incomplete: false };
  }
}
