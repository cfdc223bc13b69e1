/** The hooks of a release as `helm get hooks` prints them (YAML documents). */
import yaml from 'js-yaml';

/** The Job names among the hooks: what a failed pre-delete hook may leave behind. */
export function hookJobNames(manifests: string): string[] {
  const names: string[] = [];
  try {
    for (const doc of yaml.loadAll(manifests)) {
      const d = doc as { kind?: string; metadata?: { name?: string } } | null;
      if (d?.kind === 'Job' && d.metadata?.name) names.push(d.metadata.name);
    }
  } catch {
    // A template with odd YAML is no reason to skip the cleanup: fall back to the lines.
    for (const m of manifests.matchAll(/^kind:\s*Job\s*\n(?:.*\n)*?\s+name:\s*["']?([\w.-]+)/gm)) names.push(m[1]);
  }
  return [...new Set(names)];
}
