/**
 * Before helm installs: every verb the rendered chart needs, asked per kind, namespace and verb
 * (SelfSubjectAccessReview, as `kubectl auth can-i`), so a missing right stops the run before
 * anything is created, with the smallest Role and ClusterRole that would grant it.
 */
import yaml from 'js-yaml';
import type { Kube } from '../../cluster/client.js';
import { accessReviewBody } from '../../cluster/permissions.js';
import { checksForObjects, describeChecks, minimalRbac } from '../../cluster/rbac.js';
import type { AccessCheck } from '../../cluster/types.js';
import { ClusterError } from '../../errors.js';
import type { CommandContext } from './context.js';

/** The checks the rendered manifest needs that come back denied; reviews that fail are not counted. */
export async function deniedForChart(
  kube: Kube,
  manifest: string,
  namespace: string,
  budgetMs: number,
): Promise<AccessCheck[]> {
  const objects = yaml.loadAll(manifest).filter(Boolean) as { kind?: string; apiVersion?: string }[];
  const checks = checksForObjects(objects, namespace);
  const answers = await Promise.all(
    checks.map((c) =>
      kube
        .call((o) => kube.authz.createSelfSubjectAccessReview({ body: accessReviewBody(c) }, o), budgetMs)
        .then(
          (r) => r.status?.allowed === true,
          () => undefined,
        ),
    ),
  );
  return checks.filter((_, i) => answers[i] === false);
}

/**
 * Stops the install when the account lacks a right the chart needs, printing the Role that grants
 * it. `manifest` is the chart as the fit check rendered it for this cluster.
 */
export async function assertChartAccess(
  ctx: CommandContext,
  kube: Kube,
  manifest: string,
  namespace: string,
): Promise<void> {
  const denied = await deniedForChart(kube, manifest, namespace, ctx.args.timeoutMs);
  if (!denied.length) return;
  throw new ClusterError(`This account may not do what installing the chart needs: ${describeChecks(denied)}.`, {
    forbidden: true,
    hint: `A cluster administrator can grant exactly that, then bind it to this account (RoleBinding, ClusterRoleBinding):\nkubectl apply -f - <<'EOF'\n${minimalRbac(denied, namespace)}\nEOF`,
  });
}
