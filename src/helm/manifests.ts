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
