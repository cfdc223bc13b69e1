import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';

/**
 * Printed manifests with Secrets left out: `helm template` has no `--hide-secret`, and a Secret of
 * this chart holds the root password, which polyaxon-setup never prints.
 */
export function hideSecrets(text: string, namespace: string): string {
  return text
    .split(/^(?=---\s*$)/m)
    .map((doc) => {
      if (!/^kind:\s*["']?Secret["']?\s*$/m.test(doc)) return doc;
      const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*["']?([^"'\s]+)/m.exec(doc)?.[1] ?? '(unnamed)';
      const source = /^# Source: .*$/m.exec(doc)?.[0];
      return `---\n${source ? `${source}\n` : ''}# Secret ${name} is not shown: it holds credentials (kubectl get secret ${name} -n ${namespace} -o yaml).\n`;
    })
    .join('');
}

export interface ObjectChange {
  kind: string;
  name: string;
  namespace?: string;
  change: 'added' | 'changed' | 'removed';
}

interface ManifestObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

/** The objects of a multi-document manifest, by `Kind/namespace/name`, each as its parsed document. */
function objectsOf(text: string): Map<string, { obj: ManifestObject; doc: unknown }> {
  const out = new Map<string, { obj: ManifestObject; doc: unknown }>();
  for (const doc of yaml.loadAll(text)) {
    const obj = doc as ManifestObject | null;
    // Secrets are never compared: a dry run hides them (--hide-secret), and they hold credentials.
    if (!obj?.kind || !obj.metadata?.name || obj.kind === 'Secret') continue;
    out.set(`${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, { obj, doc });
  }
  return out;
}

/**
 * What an upgrade changes, object by object: the release's manifest now (`helm get manifest`) against
 * the one the dry run rendered. A person reads this instead of every manifest.
 */
export function objectChanges(before: string, after: string): ObjectChange[] {
  const a = objectsOf(before);
  const b = objectsOf(after);
  const out: ObjectChange[] = [];
  const entry = (o: ManifestObject, change: ObjectChange['change']): ObjectChange => ({
    kind: o.kind!,
    name: o.metadata!.name!,
    ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
    change,
  });
  for (const [key, x] of b) {
    const y = a.get(key);
    if (!y) out.push(entry(x.obj, 'added'));
    else if (!isDeepStrictEqual(x.doc, y.doc)) out.push(entry(x.obj, 'changed'));
  }
  for (const [key, y] of a) if (!b.has(key)) out.push(entry(y.obj, 'removed'));
  const order = { changed: 0, added: 1, removed: 2 };
  return out.sort(
    (p, q) => order[p.change] - order[q.change] || `${p.kind}/${p.name}`.localeCompare(`${q.kind}/${q.name}`),
  );
}

/** The manifests in `helm upgrade --dry-run` output: after `MANIFEST:`, before `NOTES:`. */
export function dryRunManifest(output: string): string {
  const start = output.indexOf('\nMANIFEST:\n');
  if (start < 0) return output;
  const rest = output.slice(start + '\nMANIFEST:\n'.length);
  const notes = rest.search(/^NOTES:$/m);
  return notes < 0 ? rest : rest.slice(0, notes);
}

export function formatObjectChange(c: ObjectChange): string {
  const mark = { added: '+', changed: '~', removed: '-' }[c.change];
  return `${mark} ${c.kind} ${c.name}${c.namespace ? ` (namespace ${c.namespace})` : ''}`;
}

/** One object of a rendered chart, as far as fitting a cluster goes. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** The `group/kind` a CustomResourceDefinition defines: served once the chart applies it. */
  defines?: string;
}

export function renderedObjects(text: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const doc of yaml.loadAll(text)) {
    const o = doc as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown };
      spec?: { group?: unknown; names?: { kind?: unknown } };
    } | null;
    if (typeof o?.apiVersion !== 'string' || typeof o.kind !== 'string') continue;
    const obj: RenderedObject = { apiVersion: o.apiVersion, kind: o.kind, name: String(o.metadata?.name ?? '') };
    if (o.kind === 'CustomResourceDefinition' && typeof o.spec?.group === 'string')
      obj.defines = `${o.spec.group}/${String(o.spec.names?.kind ?? '')}`;
    out.push(obj);
  }
  return out;
}
