/** labelSelector and fieldSelector query parameters, parsed into predicates. */
import { badRequest } from './status.js';

type Labels = Record<string, string> | undefined;
type Requirement = (labels: Labels) => boolean;

/** Splits on commas that are not inside `in (...)` value sets. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const KEY = '[A-Za-z0-9_./-]+';
const VALUE = '[A-Za-z0-9_.-]*';

function requirement(expr: string): Requirement {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(${KEY})\\s+(in|notin)\\s+\\(([^)]*)\\)$`).exec(expr))) {
    const [, key, op, list] = m;
    const values = new Set(list.split(',').map((v) => v.trim()));
    return op === 'in'
      ? (l) => l?.[key] !== undefined && values.has(l[key])
      : (l) => l?.[key] === undefined || !values.has(l[key]);
  }
  if ((m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`).exec(expr))) {
    const [, key, op, value] = m;
    return op === '!=' ? (l) => l?.[key] !== value : (l) => l?.[key] === value;
  }
  if ((m = new RegExp(`^!\\s*(${KEY})$`).exec(expr))) {
    const key = m[1];
    return (l) => l?.[key] === undefined;
  }
  if ((m = new RegExp(`^(${KEY})$`).exec(expr))) {
    const key = m[1];
    return (l) => l?.[key] !== undefined;
  }
  throw badRequest(`unable to parse requirement: found '${expr}', expected: in, notin, =, ==, !=, gt, lt`);
}

/** `a=b,c!=d,e in (f,g),h notin (i),j,!k` → predicate on metadata.labels. */
export function labelSelector(selector: string | null | undefined): (obj: any) => boolean {
  if (!selector?.trim()) return () => true;
  const reqs = splitTopLevel(selector).map(requirement);
  return (obj) => reqs.every((r) => r(obj?.metadata?.labels));
}

/** Field paths resolved generically (`metadata.name`, `type`, `status.phase`, `spec.nodeName`). */
export function fieldValue(obj: any, path: string): string {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = cur[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** `metadata.name=x,status.phase!=Running` → predicate. */
export function fieldSelector(selector: string | null | undefined): (obj: any) => boolean {
  if (!selector?.trim()) return () => true;
  const reqs = selector.split(',').map((part) => {
    const m = /^\s*([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [, path, op, value] = m;
    return op === '!=' ? (o: any) => fieldValue(o, path) !== value : (o: any) => fieldValue(o, path) === value;
  });
  return (obj) => reqs.every((r) => r(obj));
}

/** The single object name a `metadata.name=x` selector pins, if any (lets watches skip scanning). */
export function pinnedName(selector: string | null | undefined): string | undefined {
  const m = /(?:^|,)\s*metadata\.name\s*==?\s*([^,]+?)\s*(?:,|$)/.exec(selector ?? '');
  return m?.[1];
}
