/** `doctor`'s readable report: what was found, what it means for config.yaml, what to fix. Pure. */
import { byCount } from './nodes.js';
import { describeCheck } from './permissions.js';
import { seconds } from './fatal.js';
import type { Diagnosis } from './diagnose.js';
import type { Suggestion } from './suggest.js';
import type { Counts, ProbeResult, Section } from './types.js';

export interface Style {
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

const plain: Style = { bold: (s) => s, red: (s) => s, yellow: (s) => s, dim: (s) => s };
const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const colored: Style = { bold: ansi(1), red: ansi(31), yellow: ansi(33), dim: ansi(2) };

export function styleFor(color: boolean): Style {
  return color ? colored : plain;
}

const LABEL_WIDTH = 14;
/** A namespace of 5,000 certificates is a screenful and a count, not 5,000 lines (as claims are). */
export const TLS_SECRETS_SHOWN = 20;

export function formatReport(r: ProbeResult, s: Suggestion, problems: Diagnosis[], st: Style = plain): string {
  const lines: string[] = [];
  const row = (label: string, text: string) => {
    const [first, ...rest] = wrap(text, WIDTH - LABEL_WIDTH);
    lines.push(`${st.bold(label.padEnd(LABEL_WIDTH))}${first}`);
    for (const l of rest) lines.push(`${' '.repeat(LABEL_WIDTH)}${l}`);
  };
  const show = <T>(label: string, sec: Section<T>, render: (data: T) => string) =>
    row(label, sec.status === 'ok' ? render(sec.data) : st.yellow(`not read (${sec.status}): ${sec.reason}`));

  row(
    'Cluster',
    `context "${r.context}" at ${r.server}, Kubernetes ${r.version.gitVersion} ${st.dim(`(probed in ${seconds(r.elapsedMs)})`)}`,
  );
  row(
    'Distribution',
    `${r.distribution.name}${r.distribution.variant ? ` (${r.distribution.variant})` : ''}: ${r.distribution.evidence.join('; ')}`,
  );
  show(
    'Nodes',
    r.nodes,
    (n) =>
      `${n.total}, ${n.ready} ready${n.unschedulable ? `, ${n.unschedulable} cordoned` : ''}; kubelet ${top(n.kubeletVersions)}; ${top(n.osImages)}`,
  );
  show('DNS', r.dns, (d) =>
    d.service
      ? `${d.implementation === 'unknown' ? 'DNS' : d.implementation === 'coredns' ? 'CoreDNS' : 'kube-dns'} behind Service ${d.service.namespace}/${d.service.name}; domain ${d.clusterDomain} (from ${d.domainSource})`
      : `no cluster DNS Service found; domain ${d.clusterDomain}`,
  );
  show('GPUs', r.gpu, (g) => {
    if (g.nodes === 0)
      return g.components.length
        ? `none on any node, though ${g.components.map((c) => c.name).join(', ')} run`
        : 'none';
    const parts = [
      `${g.gpus} on ${g.nodes} node${g.nodes > 1 ? 's' : ''} (${top(g.products)}); driver ${top(g.drivers)}`,
    ];
    if (g.taints.length)
      parts.push(`tainted ${g.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ')}`);
    parts.push(
      g.components.length
        ? g.components.map((c) => `${c.kind} ${c.namespace}/${c.name}`).join(', ')
        : 'no NVIDIA DaemonSet seen',
    );
    if (g.operator) parts.push('NVIDIA GPU Operator installed');
    if (g.nvidia) parts.push(`driver on the host: ${g.nvidia.dirs.lib}${g.nvidia.certain ? '' : ' (a guess)'}`);
    return parts.join('\n');
  });
  show('Storage', r.storage, (x) => {
    const classes = x.classes.map(
      (c) => `${c.name}${c.isDefault ? ' (default)' : ''} ${st.dim(`${c.provisioner}, RWX ${c.rwx}`)}`,
    );
    const claims = x.claims.length
      ? x.claims
          .map((c) => `${c.name} ${st.dim(`${c.accessModes.join('/')}${c.phase ? `, ${c.phase}` : ''}`)}`)
          .join(', ')
      : 'none';
    return `${classes.length ? classes.join('\n') : 'no StorageClass'}\nclaims in ${r.namespace}: ${claims}${x.claimCount > x.claims.length ? ` (and ${x.claimCount - x.claims.length} more)` : ''}`;
  });
  show('Ingress', r.ingress, (i) =>
    i.classes.length
      ? i.classes.map((c) => `${c.name}${c.isDefault ? ' (default)' : ''} ${st.dim(c.controller ?? '')}`).join('\n')
      : 'no IngressClass',
  );
  show('Load balancer', r.loadBalancer, (l) =>
    l.available
      ? `${l.implementations.join(', ')} (${l.evidence.join('; ')})`
      : `none: a LoadBalancer Service would stay <pending> (${l.evidence.join('; ')})`,
  );
  show('TLS secrets', r.tlsSecrets, (t) =>
    t.length
      ? t
          .slice(0, TLS_SECRETS_SHOWN)
          .map(
            (x) =>
              `${x.name}${x.hosts.length ? ` (${x.hosts.join(', ')})` : ''}${x.expired ? st.yellow(' expired') : ''}`,
          )
          .join('\n') + (t.length > TLS_SECRETS_SHOWN ? `\n(and ${t.length - TLS_SECRETS_SHOWN} more)` : '')
      : `none in ${r.namespace}`,
  );
  show('cert-manager', r.certManager, (c) =>
    !c.installed
      ? 'not installed'
      : c.issuers.length
        ? `ClusterIssuers ${c.issuers.map((i) => `${i.name} (${i.type}${i.ready ? ', ready' : ', not ready'})`).join(', ')}`
        : 'installed, no ClusterIssuer',
  );
  show('Release', r.existingRelease, (x) => {
    const l = x.latest;
    if (!l)
      return x.revisions
        ? `${r.release}: ${x.revisions} revisions, latest unreadable`
        : `${r.release} is not installed in ${r.namespace}`;
    const chart = l.chart ? `, chart ${l.chart.name ?? '?'} ${l.chart.version ?? ''}`.trimEnd() : '';
    const keys = Object.keys(l.values);
    return `${l.name} revision ${l.revision}, ${l.status}${chart}${l.lastDeployed ? `, ${l.lastDeployed.slice(0, 10)}` : ''}\nuser values: ${keys.length ? keys.join(', ') : 'none'}`;
  });
  show('Access', r.permissions, (p) => {
    const ns =
      p.namespaceExists === undefined
        ? ''
        : p.namespaceExists
          ? `namespace ${r.namespace} exists; `
          : `namespace ${r.namespace} does not exist yet; `;
    const failed = p.checks.filter((c) => c.error);
    const denied = p.checks.filter((c) => c.allowed === false);
    const summary = denied.length
      ? `${denied.length} of ${p.checks.length} denied: ${denied.map(describeCheck).join(', ')}`
      : `all ${p.checks.length - failed.length} checks allowed`;
    return `${ns}${summary}${failed.length ? `; ${failed.length} could not be checked` : ''}`;
  });

  lines.push('', st.bold(`Suggested config: preset ${s.preset}`) + st.dim(` (${s.presetReason})`));
  for (const x of s.reasons)
    lines.push(`  ${x.field} = ${render(x.value)}`, ...wrap(x.reason, WIDTH - 6).map((l) => `      ${st.dim(l)}`));

  lines.push('');
  const notes = problems.filter((p) => p.severity === 'info');
  const real = problems.filter((p) => p.severity !== 'info');
  if (real.length === 0) lines.push(st.bold('No problems found.'));
  else lines.push(st.bold('Problems'), ...formatFindings(real, st));
  if (notes.length) lines.push('', st.bold('Notes'), ...formatFindings(notes, st));
  return lines.join('\n');
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Findings as doctor, --preset auto and install print them: errors first, each with its mark,
 * code and message, then its fix. Long lines are wrapped.
 */
export function formatFindings(findings: Diagnosis[], st: Style = plain): string[] {
  const mark = (d: Diagnosis) =>
    d.severity === 'error' ? st.red('✗') : d.severity === 'warning' ? st.yellow('!') : 'i';
  const out: string[] = [];
  for (const f of [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])) {
    out.push(...wrap(`${f.code} ${f.message}`, WIDTH - 4).map((l, i) => (i ? `    ${l}` : `  ${mark(f)} ${l}`)));
    if (f.fix) out.push(...wrap(f.fix, WIDTH - 8).map((l, i) => (i ? `        ${l}` : `      → ${l}`)));
  }
  return out;
}

/** Report lines stay readable in a terminal: text is wrapped at spaces to this width. */
export const WIDTH = 110;

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

function top(c: Counts): string {
  const keys = byCount(c);
  if (keys.length === 0) return 'unknown';
  return keys.length === 1
    ? keys[0]
    : `${keys
        .slice(0, 2)
        .map((k) => `${k} ×${c[k]}`)
        .join(', ')}${keys.length > 2 ? ', …' : ''}`;
}

function render(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
