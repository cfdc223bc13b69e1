/**
 * GitOps safety: what changes when an engine, not the installer, renders the chart. Each finding
 * has a stable code so scripts and tests can branch on it. Measured on the published archives
 * (0.6.1 to 2.15.1): the chart calls randAlphaNum for the root password, its signing key and
 * internal token, and external database, Redis and RabbitMQ passwords when they are unset; it has
 * post-install, post-upgrade and pre-delete hooks (the pre-delete one cleans up runs).
 */
import { getPath, isMap } from '../merge.js';
import { lineOf } from '../lines/table.js';

export type ExportTarget = 'argocd' | 'flux' | 'helmfile';

export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** Dotted keys the finding is about (the ones to pin, for a generated secret). */
  keys: string[];
  fix?: string;
}

export const FINDING = {
  generatedSecret: 'GITOPS001',
  defaultPassword: 'GITOPS002',
  argoHookPhases: 'GITOPS101',
  argoPreDelete: 'GITOPS102',
  argoSecretDelivery: 'GITOPS103',
  renderOnUpgrade: 'GITOPS201',
} as const;

const DEFAULT_PASSWORD = 'rootpassword';

/** Whether the chart leaves `path` to randAlphaNum: unset, null or empty. */
function unset(values: Record<string, unknown>, path: string): boolean {
  const v = getPath(values, path.split('.'));
  return v === undefined || v === null || v === '';
}

function enabled(values: Record<string, unknown>, path: string, chartDefault: boolean): boolean {
  const v = getPath(values, [...path.split('.'), 'enabled']);
  return typeof v === 'boolean' ? v : chartDefault;
}

/**
 * The keys the chart would fill with a random value at render time, for these values (as written
 * for the chart line). The chart's own defaults count: user.password is "rootpassword" unless
 * the values null it.
 */
export function generatedSecretKeys(values: Record<string, unknown>, chartVersion: string): string[] {
  const line = lineOf(chartVersion);
  const keys: string[] = [];
  const user = values.user;
  const pw = isMap(user) && Object.hasOwn(user, 'password') ? user.password : DEFAULT_PASSWORD;
  if (pw === null || pw === '') keys.push('user.password');
  if (line.id !== '0.6') {
    if (unset(values, 'polyaxonSecret')) keys.push('polyaxonSecret');
    if (unset(values, 'internalToken')) keys.push('internalToken');
  }
  if (!enabled(values, 'postgresql', true) && unset(values, 'externalServices.postgresql.password'))
    keys.push('externalServices.postgresql.password');
  const scheduler = enabled(values, 'scheduler', false);
  const usePw = getPath(values, ['externalServices', 'redis', 'usePassword']) === true;
  if (scheduler && !enabled(values, 'redis', false) && usePw && unset(values, 'externalServices.redis.password'))
    keys.push('externalServices.redis.password');
  const broker = line.id === '2' ? 'rabbitmq' : 'rabbitmq-ha';
  if (scheduler && !enabled(values, broker, false) && unset(values, 'externalServices.rabbitmq.password'))
    keys.push('externalServices.rabbitmq.password');
  return keys;
}

export function gitopsFindings(
  values: Record<string, unknown>,
  o: { target: ExportTarget; chartVersion: string; secretPaths: string[] },
): Finding[] {
  const out: Finding[] = [];
  const generated = generatedSecretKeys(values, o.chartVersion);
  if (generated.length) {
    const why =
      o.target === 'argocd'
        ? 'Argo CD renders the chart on every sync, so each sync would make a new value, restart the pods and lock everyone out'
        : o.target === 'flux'
          ? 'helm-controller renders the chart again on every upgrade, so each upgrade would replace them'
          : 'helmfile apply renders the chart again on every upgrade, so each upgrade would replace them';
    out.push({
      code: FINDING.generatedSecret,
      severity: 'error',
      message: `the chart generates ${generated.join(', ')} at render time when unset; ${why}`,
      keys: generated,
      fix: `Pin them: ${generated.map((k) => `--set-string ${k}=...`).join(' ')} (or put them in a -f file); they go to the secret file, never the ${o.target === 'helmfile' ? 'helmfile.yaml' : 'manifest'}.`,
    });
  }
  const user = values.user;
  if (isMap(user) && user.password === DEFAULT_PASSWORD)
    out.push({
      code: FINDING.defaultPassword,
      severity: 'warning',
      message: 'user.password is the default "rootpassword", which everyone knows, and would be committed as such',
      keys: ['user.password'],
      fix: 'Set user.password (--set-string user.password=...).',
    });
  if (o.target === 'argocd') {
    out.push({
      code: FINDING.argoHookPhases,
      severity: 'warning',
      message:
        "Argo CD maps the chart's helm hooks to sync phases: the post-install jobs (admin user, default organization, fixtures) run as PostSync hooks on every sync, not once",
      keys: [],
      fix: 'Expect those jobs after each sync; they are idempotent in the published charts, but watch their logs after the first.',
    });
    out.push({
      code: FINDING.argoPreDelete,
      severity: 'warning',
      message:
        "Argo CD does not run helm pre-delete hooks: deleting the Application skips the chart's clean-runs job, so running experiments are not stopped",
      keys: [],
      fix: 'Stop the runs (polyaxon ops stop) before deleting the Application.',
    });
    if (o.secretPaths.length)
      out.push({
        code: FINDING.argoSecretDelivery,
        severity: 'warning',
        message: `Argo CD reads helm values from the Application only, not from a Secret: ${o.secretPaths.join(', ')} reach the chart only through a values plugin (argocd-vault-plugin, helm-secrets) fed from secret-values.yaml; without one the chart uses its defaults for them`,
        keys: o.secretPaths,
        fix: 'Install a values plugin in Argo CD, or use --to flux, whose HelmRelease reads valuesFrom the Secret.',
      });
  } else {
    out.push({
      code: FINDING.renderOnUpgrade,
      severity: 'warning',
      message: `${o.target === 'flux' ? 'helm-controller' : 'helmfile'} runs the chart's hooks as helm does: post-install once, sync-db on every upgrade, clean-runs before uninstall`,
      keys: [],
    });
  }
  return out;
}
