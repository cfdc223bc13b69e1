/**
 * DNS: the resolver Polyaxon's gateway uses is `<prefix or backend.kube-system>.svc.<customCluster>`,
 * so the answer must name the cluster's DNS Service. The probe knows it (kubespray calls it
 * coredns, OpenShift has its own); the person sees why and can override it.
 */
import { checks } from '../src/model/checks.js';
import type { Dns, Values } from '../src/model/values.js';
import { hintFor } from './facts.js';
import { checked, has, removed, str } from './lib/answers.js';
import type { Field, Step, StepContext } from './types.js';

const DEFAULT_CLUSTER = 'cluster.local';

function modeOf(dns: Dns): string {
  if (dns.prefix) return 'prefix';
  return dns.backend === 'coredns' ? 'coredns' : 'kube-dns';
}

function fields({ values, facts, answers }: StepContext): Field[] {
  const dns = values.dns ?? {};
  const out: Field[] = [
    {
      kind: 'select',
      id: 'mode',
      label: "The cluster's DNS Service",
      default: modeOf(dns),
      choices: [
        {
          value: 'kube-dns',
          label: 'kube-dns',
          hint: "the chart's default (kubeadm, minikube, GKE, EKS, k3s, microk8s)",
        },
        { value: 'coredns', label: 'coredns', hint: 'kubespray names its Service coredns' },
        { value: 'prefix', label: 'A full DNS prefix', hint: 'e.g. dns-default.openshift-dns on OpenShift' },
      ],
      hint: hintFor(facts, 'dns.prefix') ?? hintFor(facts, 'dns.backend') ?? hintFor(facts, 'dns'),
    },
  ];
  if (answers.mode === 'prefix') {
    out.push({
      kind: 'text',
      id: 'prefix',
      label: 'DNS prefix (<service>.<namespace>)',
      default: dns.prefix ?? 'dns-default.openshift-dns',
      validate: checked((s) => checks.dns1123Subdomain(s)),
    });
  }
  out.push({
    kind: 'text',
    id: 'customCluster',
    label: 'Cluster domain',
    help: `Only clusters set up with another domain than ${DEFAULT_CLUSTER} need a change.`,
    default: dns.customCluster ?? DEFAULT_CLUSTER,
    validate: checked((s) => checks.hostname(s)),
    hint: hintFor(facts, 'dns.customCluster'),
  });
  return out;
}

function apply({ values, answers }: StepContext): Values {
  const old = values.dns ?? {};
  const dns: Dns = {};
  const mode = str(answers.mode);
  if (mode === 'prefix') {
    dns.prefix = str(answers.prefix);
    if (old.backend) dns.backend = removed();
  } else {
    // kube-dns is the chart's own default: written only when something else was there before.
    if (mode === 'coredns' || old.backend) dns.backend = mode;
    if (old.prefix) dns.prefix = removed();
  }
  const cluster = str(answers.customCluster, DEFAULT_CLUSTER);
  if (cluster !== DEFAULT_CLUSTER || old.customCluster) dns.customCluster = cluster;
  return { dns };
}

export const dnsStep: Step = {
  id: 'dns',
  title: 'DNS',
  isAnswered: (answered) => has(answered, 'dns'),
  fields,
  apply,
};
