/**
 * What is wrong for an install, read from the probe, each with its fix: the "Problems" of
 * `doctor`. Pure. Only what needs the person's action is here; what the suggestion already
 * handles (a DNS backend, a GPU toleration) is not a problem.
 */
import { isMap } from '../model/merge.js';
import type { Values } from '../model/values.js';
import { namespaceDecision } from './namespace.js';
import { describeCheck, namespaceAccessOf } from './permissions.js';
import { minimalRbac } from './rbac.js';
import type { Suggestion } from './suggest.js';
import type { Diagnosis, ProbeResult, Section } from './types.js';

export type { Diagnosis, Finding } from './types.js';

/** The suggestion's values for these fields, as a finding's change. */
function changeOf(s: Suggestion, fields: string[]): Diagnosis['change'] {
  const found = s.reasons.filter((x) => fields.includes(x.field)).map((x) => ({ field: x.field, value: x.value }));
  return found.length ? found : undefined;
}

/** What each part needs to be read, for the fix of a refused part. */
const NEEDED: Record<string, (ns: string) => string> = {
  apiGroups: () => 'get on /apis',
  nodes: () => 'list nodes (cluster-wide)',
  dns: () => 'list services in kube-system',
  gpu: () => 'list nodes and daemonsets (cluster-wide)',
  storage: () => 'list storageclasses',
  ingress: () => 'list ingressclasses',
  tlsSecrets: (ns) => `list secrets in ${ns}`,
  certManager: () => 'list clusterissuers.cert-manager.io',
  existingRelease: (ns) => `list secrets in ${ns}`,
  permissions: () => 'create selfsubjectaccessreviews',
  loadBalancer: () => 'list nodes and daemonsets (cluster-wide)',
};

export const TITLES: Record<string, string> = {
  apiGroups: 'API groups',
  nodes: 'nodes',
  dns: 'cluster DNS',
  gpu: 'GPUs',
  storage: 'storage classes',
  ingress: 'ingress classes',
  tlsSecrets: 'TLS secrets',
  certManager: 'cert-manager',
  existingRelease: 'the existing release',
  permissions: 'permissions',
  loadBalancer: 'load balancer implementations',
};

export function diagnose(r: ProbeResult, s: Suggestion): Diagnosis[] {
  const out: Diagnosis[] = [];
  const add = (
    code: string,
    severity: Diagnosis['severity'],
    topic: string,
    message: string,
    fix?: string,
    extra: { evidence?: string[]; change?: Diagnosis['change'] } = {},
  ) =>
    out.push({
      code,
      severity,
      topic,
      message,
      evidence: extra.evidence ?? topicEvidence(r, topic),
      ...(extra.change ? { change: extra.change } : {}),
      ...(fix ? { fix } : {}),
    });

  for (const key of Object.keys(NEEDED) as (keyof typeof NEEDED)[]) {
    const sec = r[key as keyof ProbeResult] as Section<unknown>;
    if (sec.status === 'ok') {
      for (const note of sec.notes ?? [])
        add('PXS0202', 'warning', key, `Part of ${TITLES[key]} could not be read: ${note}.`);
      continue;
    }
    if (key === 'ingress' && sec.status === 'unavailable') {
      add(
        'PXS0203',
        'warning',
        key,
        'This cluster has no IngressClass API (Kubernetes before 1.19).',
        'Set the ingress class annotation by hand if your controller needs one.',
      );
    } else if (key === 'gpu' && r.nodes.status !== 'ok') {
      // Same cause as the nodes part: said once, there.
    } else if (sec.status === 'forbidden') {
      add(
        'PXS0201',
        'warning',
        key,
        `${cap(TITLES[key])} could not be read: ${sec.reason}`,
        `Ask for ${NEEDED[key](r.namespace)}, or answer those questions by hand.`,
      );
    } else {
      add(
        'PXS0204',
        'warning',
        key,
        `${cap(TITLES[key])} could not be read: ${sec.reason}.`,
        sec.reason.includes('in time') ? 'Retry with a longer --timeout, e.g. --timeout 20s.' : undefined,
      );
    }
  }

  if (r.nodes.status === 'ok' && r.nodes.data.ready < r.nodes.data.total) {
    const n = r.nodes.data;
    add(
      'PXS0301',
      'warning',
      'nodes',
      `${n.total - n.ready} of ${n.total} nodes are not Ready.`,
      'kubectl get nodes shows which; pods will not be scheduled there.',
    );
  }

  if (r.permissions.status === 'ok') {
    const p = r.permissions.data;
    const access = namespaceAccessOf(p, r.namespace);
    const ns = namespaceDecision(access);
    const nsEvidence = [
      p.namespaceExists === false ? `namespace ${r.namespace} not found` : `namespace ${r.namespace} exists`,
      `SelfSubjectAccessReview create namespaces: ${access.mayCreate === false ? 'denied' : 'allowed'}`,
    ];
    if (ns.refusal)
      add('PXS0101', 'error', 'permissions', ns.refusal.message, ns.refusal.hint, { evidence: nsEvidence });
    else if (access.mayCreate === false)
      add(
        'PXS0102',
        'info',
        'permissions',
        `This account may not create namespaces; ${p.namespaceExists ? `namespace ${r.namespace} exists, so` : `namespace ${r.namespace} must exist, and`} the install runs helm without --create-namespace (with it, helm would ask to create the namespace anyway and be refused, helm/helm#32511).`,
        undefined,
        { evidence: nsEvidence, change: [{ field: 'helm install --create-namespace', value: false }] },
      );
    const rest = p.checks.filter((c) => c.allowed === false && c.resource !== 'namespaces');
    if (rest.length) {
      add(
        'PXS0103',
        'error',
        'permissions',
        `The install needs what this account may not do: ${rest.map(describeCheck).join(', ')}.`,
        `Ask a cluster administrator to grant these (or to run the install), e.g. with this Role/ClusterRole bound to the account:\n${minimalRbac(rest, r.namespace)}`,
      );
    }
  }

  if (r.dns.status === 'ok' && !r.dns.data.service) {
    add(
      'PXS0401',
      'warning',
      'dns',
      'No cluster DNS Service was found, so the gateway cannot be told where to resolve names.',
      'Set dns.prefix to "<service>.<namespace>" of your cluster DNS.',
    );
  }

  if (r.storage.status === 'ok') {
    const st = r.storage.data;
    if (st.defaults.length === 0) {
      const offer = s.storage?.noDefaultClass?.candidates[0];
      add(
        'PXS0501',
        'warning',
        'storage',
        `No default StorageClass: claims without a class (postgresql, redis) stay Pending.${st.classes.length ? ` Classes here: ${st.classes.map((c) => c.name).join(', ')}.` : ''}`,
        `Mark one default: kubectl patch storageclass ${offer ?? 'NAME'} -p '{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`,
      );
    } else if (st.defaults.length > 1) {
      add(
        'PXS0502',
        'warning',
        'storage',
        `Several default StorageClasses (${st.defaults.join(', ')}); which one a claim gets is not defined.`,
        'Keep the default annotation on one of them.',
      );
    }
    const plan = s.storage;
    if (plan?.hostPathRefused.length) {
      add(
        'PXS0504',
        plan.claim ? 'warning' : 'error',
        'storage',
        `Host path volumes are refused here: ${plan.hostPathRefused.join('; ')}.`,
        plan.claim
          ? `The outputs go on the claim ${plan.claim.name} (StorageClass ${plan.claim.storageClass}) and the default data volume is dropped; keep every persistence entry on a claim or a bucket.`
          : 'Put persistence.outputs (and any data) on an existing claim or a bucket (store: gcs, s3 or azure); no StorageClass here can make a claim.',
        { evidence: plan.hostPathRefused, change: changeOf(s, ['persistence.outputs', 'persistence.data']) },
      );
    }
    if (plan?.restricted)
      add(
        'PXS0505',
        'info',
        'storage',
        `${cap(plan.restricted)}: the config runs the core containers as non-root without privilege escalation (securityContext.enabled, runAsNonRoot, allowPrivilegeEscalation: false).`,
        undefined,
        { evidence: [plan.restricted], change: changeOf(s, ['securityContext']) },
      );
    if (plan?.claim && !plan.claim.exists)
      add(
        'PXS0506',
        'info',
        'storage',
        `The install creates the claim ${plan.claim.name} (${plan.claim.size}, ${plan.claim.accessModes.join(', ')}, StorageClass ${plan.claim.storageClass}) for the outputs: ${plan.claim.reason}.`,
        undefined,
        { evidence: [plan.claim.reason], change: changeOf(s, ['persistence.outputs']) },
      );
    const multiNode = r.nodes.status === 'ok' && r.nodes.data.total > 1;
    if (multiNode && s.preset !== 'nfs' && st.rwxClasses.length === 0 && !plan?.hostPathRefused.length) {
      add(
        'PXS0503',
        'warning',
        'storage',
        'Several nodes and no ReadWriteMany storage: logs, repos and uploads on hostPath live on whichever node a pod lands on.',
        'Use the nfs preset with polyaxon-nfs-provisioner, or claims from an RWX class (Filestore, EFS, Azure Files, NFS, CephFS).',
      );
    }
  }

  if (r.gpu.status === 'ok' && r.gpu.data.nodes > 0) {
    const g = r.gpu.data;
    if (g.nvidia && !g.nvidia.certain) {
      add(
        'PXS0601',
        'warning',
        'gpu',
        `dirs.nvidia is left unset: where the driver lives on the GPU nodes is only a guess (${g.nvidia.dirs.lib}, ${g.nvidia.dirs.libcuda}).`,
        'Check on a GPU node, then set dirs.nvidia.lib, bin and libcuda (or leave them unset when the NVIDIA container toolkit injects the driver).',
      );
    } else if (!g.nvidia) {
      add(
        'PXS0602',
        'warning',
        'gpu',
        "dirs.nvidia is left unset: the GPU nodes' OS does not tell where the driver lives.",
        'Check on a GPU node, then set dirs.nvidia.lib, bin and libcuda.',
      );
    }
    for (const c of g.components) {
      if (c.desired !== undefined && c.ready !== undefined && c.ready < c.desired)
        add(
          'PXS0603',
          'warning',
          'gpu',
          `DaemonSet ${c.namespace}/${c.name} has ${c.ready} of ${c.desired} pods ready.`,
          `kubectl -n ${c.namespace} describe daemonset ${c.name}`,
        );
    }
  }

  if (r.ingress.status === 'ok') {
    const ing = r.ingress.data;
    const defaults = ing.classes.filter((c) => c.isDefault);
    if (defaults.length > 1)
      add(
        'PXS0701',
        'warning',
        'ingress',
        `Several default IngressClasses (${defaults.map((c) => c.name).join(', ')}); the API server refuses Ingresses without a class.`,
        'Keep the default annotation on one, or set ingress.annotations."kubernetes.io/ingress.class".',
      );
    else if (defaults.length === 0 && ing.classes.length > 1)
      add(
        'PXS0702',
        'warning',
        'ingress',
        `Several IngressClasses (${ing.classes.map((c) => c.name).join(', ')}) and no default.`,
        'Choose one with --set ingress.annotations."kubernetes\\.io/ingress\\.class"=NAME.',
      );
  }

  const lb = r.loadBalancer.status === 'ok' ? r.loadBalancer.data : undefined;
  if (lb && !lb.available && s.values.serviceType === 'NodePort')
    add(
      'PXS1001',
      'info',
      'loadBalancer',
      'Nothing on this cluster gives a LoadBalancer Service an address (no cloud provider, MetalLB, kube-vip or Cilium LB IPAM pool), so the API gets a NodePort.',
      undefined,
      { evidence: lb.evidence, change: changeOf(s, ['serviceType']) },
    );

  if (r.tlsSecrets.status === 'ok') {
    for (const t of r.tlsSecrets.data.filter((x) => x.expired))
      add(
        'PXS0801',
        'warning',
        'tlsSecrets',
        `TLS secret ${t.name} expired on ${t.notAfter?.slice(0, 10)}.`,
        'Renew it before using it in ingress.tls.',
      );
  }

  if (r.certManager.status === 'ok') {
    for (const i of r.certManager.data.issuers.filter((x) => !x.ready))
      add(
        'PXS0802',
        'warning',
        'certManager',
        `ClusterIssuer ${i.name} is not Ready${i.message ? `: ${i.message}` : ''}.`,
        `kubectl describe clusterissuer ${i.name}`,
      );
  }

  if (r.existingRelease.status === 'ok') {
    const rel = r.existingRelease.data;
    const latest = rel.latest;
    if (rel.decodeError)
      add(
        'PXS0901',
        'warning',
        'existingRelease',
        `The latest revision of ${r.release} cannot be read: ${rel.decodeError}.`,
      );
    if (latest?.status.startsWith('pending-')) {
      add(
        'PXS0902',
        'error',
        'existingRelease',
        `Release ${latest.name} is stuck in ${latest.status} (revision ${latest.revision}): helm refuses another operation until it is resolved.`,
        'Roll back to the last good revision: polyaxon-setup rollback.',
      );
    } else if (latest?.status === 'failed') {
      add(
        'PXS0903',
        'warning',
        'existingRelease',
        `The last operation on release ${latest.name} failed (revision ${latest.revision}${latest.description ? `: ${latest.description}` : ''}).`,
        'Upgrade again with a fixed config, or roll back: polyaxon-setup rollback.',
      );
    }
    const deployedDns = latest && isMap(latest.values.dns) ? latest.values.dns : undefined;
    const wanted = s.values.dns;
    if (deployedDns && wanted) {
      for (const k of ['backend', 'prefix', 'customCluster'] as const) {
        if (wanted[k] !== undefined && deployedDns[k] !== undefined && deployedDns[k] !== wanted[k]) {
          add(
            'PXS0904',
            'warning',
            'existingRelease',
            `The deployed release sets dns.${k}=${String(deployedDns[k])}, but this cluster needs ${wanted[k]}.`,
            `Upgrade with --set dns.${k}=${wanted[k]}.`,
          );
        }
      }
    }
  }
  return out;
}

/** What the probe saw about a topic, when a finding names nothing more precise. */
function topicEvidence(r: ProbeResult, topic: string): string[] {
  const sec = (r as unknown as Record<string, Section<unknown>>)[topic];
  if (sec && sec.status !== 'ok') return [`${TITLES[topic] ?? topic}: ${sec.status} (${sec.reason})`];
  switch (topic) {
    case 'nodes':
      return r.nodes.status === 'ok' ? [`${r.nodes.data.ready} of ${r.nodes.data.total} nodes Ready`] : [];
    case 'permissions':
      return r.permissions.status === 'ok' ? r.permissions.data.denied.map((d) => `denied: ${d}`) : [];
    case 'dns':
      return r.dns.status === 'ok' ? r.dns.data.evidence : [];
    case 'storage':
      return r.storage.status === 'ok'
        ? r.storage.data.classes.map(
            (c) => `StorageClass ${c.name}${c.isDefault ? ' (default)' : ''}: ${c.provisioner}, RWX ${c.rwx}`,
          )
        : [];
    case 'gpu':
      return r.gpu.status === 'ok'
        ? [
            `${r.gpu.data.gpus} GPUs on ${r.gpu.data.nodes} nodes`,
            ...r.gpu.data.components.map((c) => `DaemonSet ${c.namespace}/${c.name} (${c.kind})`),
          ]
        : [];
    case 'ingress':
      return r.ingress.status === 'ok'
        ? r.ingress.data.classes.map((c) => `IngressClass ${c.name}${c.isDefault ? ' (default)' : ''}`)
        : [];
    case 'tlsSecrets':
      return r.tlsSecrets.status === 'ok' ? r.tlsSecrets.data.map((t) => `Secret ${r.namespace}/${t.name}`) : [];
    case 'certManager':
      return r.certManager.status === 'ok' ? r.certManager.data.issuers.map((i) => `ClusterIssuer ${i.name}`) : [];
    case 'existingRelease': {
      const l = r.existingRelease.status === 'ok' ? r.existingRelease.data.latest : undefined;
      return l ? [`release ${l.name} revision ${l.revision}, ${l.status}`] : [];
    }
    case 'loadBalancer':
      return r.loadBalancer.status === 'ok' ? r.loadBalancer.data.evidence : [];
    default:
      return [];
  }
}

/**
 * What the values chosen (a preset, -f, --set, an answer) ask that this cluster cannot give:
 * a LoadBalancer where nothing gives it an address.
 */
export function chosenFindings(values: Values, s: Suggestion): Diagnosis[] {
  const out: Diagnosis[] = [];
  if (values.serviceType === 'LoadBalancer' && s.loadBalancer?.available === false)
    out.push({
      code: 'PXS1002',
      severity: 'warning',
      topic: 'loadBalancer',
      message:
        'serviceType LoadBalancer: nothing on this cluster gives a LoadBalancer Service an address, so it would stay <pending>.',
      evidence: [s.loadBalancer.reason],
      change: [{ field: 'serviceType', value: 'LoadBalancer' }],
      fix: 'Use NodePort or an Ingress (--set serviceType=NodePort), or install MetalLB, kube-vip or Cilium LB IPAM first.',
    });
  return out;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
