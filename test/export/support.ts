/** What the export tests share: planted secrets, the files an export wrote, the objects in a file. */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';

/** Every secret the chart reads that a person may give, each with a value found nowhere else. */
export const PLANTED: Record<string, string> = {
  'user.password': 'Planted-RootPw-4711',
  polyaxonSecret: 'Planted-SigningKey-8812',
  internalToken: 'Planted-InternalToken-9923',
  'email.hostPassword': 'Planted-SmtpPw-1034',
  'ldap.bindPassword': 'Planted-LdapPw-2145',
  'externalServices.postgresql.password': 'Planted-DbPw-3256',
  'externalServices.auth.github.options.client_secret': 'Planted-GithubClientSecret-4367',
  'agent.token': 'Planted-AgentToken-5478',
  organizationKey: 'Planted-OrgKey-6589',
};

/** The pinned secrets as a -f file (never on argv), optionally with every planted key. */
export function secretsFile(dir: string, all: boolean): string {
  const v: Record<string, unknown> = {};
  const keys = all ? Object.keys(PLANTED) : ['user.password', 'polyaxonSecret', 'internalToken'];
  for (const k of keys) {
    const path = k.split('.');
    let at = v as Record<string, unknown>;
    for (const seg of path.slice(0, -1)) at = (at[seg] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]] = PLANTED[k];
  }
  if (all) {
    (v.email as Record<string, unknown>).enabled = true;
    (v.ldap as Record<string, unknown>).enabled = true;
    ((v.externalServices as any).auth.github as Record<string, unknown>).enabled = true;
  }
  const file = join(dir, all ? 'all-secrets.yaml' : 'secrets.yaml');
  writeFileSync(file, yaml.dump(v), { mode: 0o600 });
  return file;
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

export function objectsIn(text: string): Record<string, unknown>[] {
  return (yaml.loadAll(text) as Record<string, unknown>[]).filter((d) => d && typeof d === 'object' && 'kind' in d);
}
