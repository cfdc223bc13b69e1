/**
 * Reads the spellings the spec itself uses in examples as the model's names, so a config copied
 * from the README works: `securityContext.user/group` (the README's example) are runAsUser/runAsGroup.
 */
import type { Problem } from '../errors.js';
import { clone, isMap } from './merge.js';
import type { Values } from './values.js';

const ALIASES: [string, string][] = [
  ['user', 'runAsUser'],
  ['group', 'runAsGroup'],
];

export function normalizeValues(input: Values): { values: Values; notes: Problem[] } {
  const values = clone(input);
  const notes: Problem[] = [];
  const sc = values.securityContext as Record<string, unknown> | undefined;
  if (isMap(sc)) {
    for (const [alias, name] of ALIASES) {
      if (!Object.hasOwn(sc, alias)) continue;
      if (sc[name] === undefined || sc[name] === sc[alias] || isDefaultId(sc[name])) sc[name] = sc[alias];
      else
        notes.push({
          field: `securityContext.${alias}`,
          message: `differs from securityContext.${name}; ${name} wins`,
          fix: `Remove securityContext.${alias}.`,
          severity: 'warning',
        });
      delete sc[alias];
    }
  }
  return { values, notes };
}

function isDefaultId(v: unknown): boolean {
  return v === 2222;
}
