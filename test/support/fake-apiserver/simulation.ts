/**
 * Stand-ins for the controllers a real cluster runs, so installers see workloads settle:
 * Jobs complete (or fail when `failJob` says so), Deployments get a ReplicaSet and ready
 * Pods, StatefulSets their ordinal Pods, DaemonSets and PVCs a settled status.
 * It reacts to writes made through the API only; objects put into the store stay as given.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ResourceDef } from './resources.js';
import { now, type FakeStore } from './store.js';

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  return [...randomBytes(n)].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}

function templateHash(template: unknown): string {
  const h = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest();
  return [...h.subarray(0, 10)].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}

const condition = (type: string, status: 'True' | 'False', reason?: string, message?: string) => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: now(),
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

export class Simulation {
  /**
   * Delay between an API write and the controllers' reaction. 0 (the default) reacts on the next
   * timer tick: after the write's response, before any follow-up request, so `helm --wait`
   * passes its first check instead of sleeping through a 2 s poll.
   */
  delayMs = 0;
  failJob?: (job: any) => boolean;
  private pending = false;
  private timers = new Set<NodeJS.Timeout>();
  private podIp = 0;

  constructor(private store: FakeStore) {}

  get podsPending(): boolean {
    return this.pending;
  }

  /** Pods created while set stay Pending (unschedulable); clearing it starts every pending Pod. */
  setPodsPending(value: boolean): void {
    this.pending = value;
    if (value) return;
    const pods = this.def('pods');
    for (const key of [...this.store.keys(pods)]) {
      const pod = this.store.objectAt(pods, key);
      if (pod?.status?.phase === 'Pending')
        this.store.write(pods, { ...structuredClone(pod), status: this.podStatus(pod.spec, true) });
    }
    for (const kind of ['replicasets', 'deployments', 'statefulsets'] as const) {
      const def = this.def(kind);
      for (const key of [...this.store.keys(def)]) {
        const o = this.store.objectAt(def, key);
        if (kind === 'replicasets') this.reconcileReplicaSet(o);
        if (kind === 'deployments') this.reconcileDeployment(o);
        if (kind === 'statefulsets') this.reconcileStatefulSet(o);
      }
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Called by the API handlers after they create or update an object (not its status). */
  onApiWrite(def: ResourceDef, obj: any): void {
    const handler = this.handlers[`${def.group}/${def.plural}`];
    if (!handler) return;
    const { namespace, name, uid } = obj.metadata;
    const t = setTimeout(() => {
      this.timers.delete(t);
      const current = this.store.read(def, def.namespaced ? namespace : undefined, name);
      if (current && current.metadata.uid === uid) handler(current);
    }, this.delayMs);
    this.timers.add(t);
  }

  private handlers: Record<string, (o: any) => void> = {
    'batch/jobs': (job) => this.finishJob(job),
    'apps/deployments': (d) => this.reconcileDeployment(d),
    'apps/replicasets': (rs) => this.reconcileReplicaSet(rs),
    'apps/statefulsets': (s) => this.reconcileStatefulSet(s),
    'apps/daemonsets': (ds) => this.settleDaemonSet(ds),
    '/pods': (pod) => this.startPod(pod),
    '/persistentvolumeclaims': (pvc) => this.bindClaim(pvc),
    '/services': (svc) => this.provisionLoadBalancer(svc),
  };

  private def(plural: string): ResourceDef {
    return this.store.mustFind(plural);
  }

  private withStatus(def: ResourceDef, obj: any, status: any): void {
    if (JSON.stringify(obj.status) === JSON.stringify(status)) return;
    this.store.write(def, { ...structuredClone(obj), status });
  }

  private finishJob(job: any): void {
    if (job.status?.conditions?.some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'))
      return;
    const start = job.status?.startTime ?? now();
    const failed = this.failJob?.(job) ?? false;
    const status = failed
      ? {
          startTime: start,
          failed: 1,
          active: 0,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          conditions: [
            condition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
            condition('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
          ],
        }
      : {
          startTime: start,
          completionTime: now(),
          succeeded: 1,
          active: 0,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          conditions: [
            condition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'),
            condition('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'),
          ],
        };
    this.withStatus(this.def('jobs'), job, status);
  }

  private nodeName(): string {
    const nodes = this.def('nodes');
    return this.store.keys(nodes)[0] ?? 'fake-node';
  }

  private podStatus(spec: any, running: boolean): any {
    if (!running) {
      return {
        phase: 'Pending',
        conditions: [
          condition(
            'PodScheduled',
            'False',
            'Unschedulable',
            '0/1 nodes are available: the fake cluster keeps pods pending.',
          ),
        ],
        qosClass: 'BestEffort',
      };
    }
    const n = ++this.podIp;
    const started = now();
    return {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((t) =>
        condition(t, 'True'),
      ),
      hostIP: '10.0.0.10',
      hostIPs: [{ ip: '10.0.0.10' }],
      podIP: `10.244.${(n >> 8) & 255}.${n & 255}`,
      podIPs: [{ ip: `10.244.${(n >> 8) & 255}.${n & 255}` }],
      startTime: started,
      containerStatuses: (spec?.containers ?? []).map((c: any) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        containerID: `containerd://${randomBytes(32).toString('hex')}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: started } },
      })),
      qosClass: 'BestEffort',
    };
  }

  private isReady(pod: any): boolean {
    return (
      pod?.status?.phase === 'Running' &&
      pod.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')
    );
  }

  private startPod(pod: any): void {
    if (pod.status?.phase && pod.status.phase !== 'Pending') return;
    const spec = { ...pod.spec, nodeName: pod.spec?.nodeName ?? this.nodeName() };
    this.store.write(this.def('pods'), { ...structuredClone(pod), spec, status: this.podStatus(spec, !this.pending) });
  }

  private ownedBy(def: ResourceDef, namespace: string, uid: string): any[] {
    return this.store
      .keys(def, namespace)
      .map((k) => this.store.objectAt(def, k))
      .filter((o) => o.metadata.ownerReferences?.some((r: any) => r.uid === uid));
  }

  private makePod(
    owner: any,
    ownerKind: string,
    name: string,
    template: any,
    extraLabels: Record<string, string>,
  ): any {
    const spec = { ...structuredClone(template?.spec ?? {}), nodeName: this.nodeName() };
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: owner.metadata.namespace,
        uid: randomUUID(),
        creationTimestamp: now(),
        labels: { ...(template?.metadata?.labels ?? {}), ...extraLabels },
        ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [
          {
            apiVersion: owner.apiVersion,
            kind: ownerKind,
            name: owner.metadata.name,
            uid: owner.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec,
      status: this.podStatus(spec, !this.pending),
    };
    this.store.write(this.def('pods'), pod);
    return pod;
  }

  /** Keeps `spec.replicas` Pods for a ReplicaSet; returns how many are ready. */
  private reconcileReplicaSet(rs: any): number {
    const pods = this.def('pods');
    const want = rs.spec?.replicas ?? 1;
    const have = this.ownedBy(pods, rs.metadata.namespace, rs.metadata.uid);
    for (const extra of have.slice(want)) this.store.remove(pods, extra.metadata.namespace, extra.metadata.name);
    const kept = have.slice(0, want);
    const hash = rs.metadata.labels?.['pod-template-hash'];
    for (let i = kept.length; i < want; i++) {
      kept.push(
        this.makePod(
          rs,
          'ReplicaSet',
          `${rs.metadata.name}-${randomSuffix()}`,
          rs.spec?.template,
          hash ? { 'pod-template-hash': hash } : {},
        ),
      );
    }
    const ready = kept.filter((p) => this.isReady(p)).length;
    this.withStatus(this.def('replicasets'), rs, {
      replicas: kept.length,
      fullyLabeledReplicas: kept.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    });
    return ready;
  }

  private reconcileDeployment(d: any): void {
    const rsDef = this.def('replicasets');
    const ns = d.metadata.namespace;
    const want = d.spec?.replicas ?? 1;
    const hash = templateHash(d.spec?.template);
    const owned = this.ownedBy(rsDef, ns, d.metadata.uid);
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revision = (rs: any) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const latestRevision = Math.max(0, ...owned.map(revision));
    const rsSpec = (replicas: number, template: any) => ({
      replicas,
      selector: {
        ...(d.spec?.selector ?? {}),
        matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}), 'pod-template-hash': hash },
      },
      template,
    });
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash },
    };
    if (!current) {
      current = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: ns,
          uid: randomUUID(),
          creationTimestamp: now(),
          labels: { ...(d.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': hash },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(want),
            'deployment.kubernetes.io/max-replicas': String(want + 1),
            'deployment.kubernetes.io/revision': String(latestRevision + 1),
          },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: d.metadata.name,
              uid: d.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: rsSpec(want, template),
      };
      this.store.write(rsDef, current);
    } else if (current.spec?.replicas !== want) {
      current = { ...structuredClone(current), spec: rsSpec(want, template) };
      this.store.write(rsDef, current);
    }
    for (const old of owned) {
      if (old.metadata.uid === current.metadata.uid || old.spec?.replicas === 0) continue;
      this.reconcileReplicaSet(
        this.store.write(rsDef, { ...structuredClone(old), spec: { ...old.spec, replicas: 0 } }).object,
      );
    }
    const ready = this.reconcileReplicaSet(this.store.read(rsDef, ns, current.metadata.name));
    const annotations = {
      ...(d.metadata.annotations ?? {}),
      'deployment.kubernetes.io/revision': current.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1',
    };
    const available = ready >= want;
    const fresh = { ...structuredClone(d), metadata: { ...structuredClone(d.metadata), annotations } };
    this.withStatus(this.def('deployments'), fresh, {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: want,
      updatedReplicas: want,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(ready < want ? { unavailableReplicas: want - ready } : {}),
      conditions: [
        available
          ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : condition(
              'Available',
              'False',
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
            ),
        available
          ? condition(
              'Progressing',
              'True',
              'NewReplicaSetAvailable',
              `ReplicaSet "${current.metadata.name}" has successfully progressed.`,
            )
          : condition(
              'Progressing',
              'True',
              'ReplicaSetUpdated',
              `ReplicaSet "${current.metadata.name}" is progressing.`,
            ),
      ],
    });
  }

  private reconcileStatefulSet(s: any): void {
    const pods = this.def('pods');
    const ns = s.metadata.namespace;
    const want = s.spec?.replicas ?? 1;
    const revision = `${s.metadata.name}-${templateHash(s.spec?.template)}`;
    const have = this.ownedBy(pods, ns, s.metadata.uid);
    for (const p of have) {
      const ordinal = Number(p.metadata.name.slice(s.metadata.name.length + 1));
      if (ordinal >= want || p.metadata.labels?.['controller-revision-hash'] !== revision)
        this.store.remove(pods, ns, p.metadata.name);
    }
    let ready = 0;
    for (let i = 0; i < want; i++) {
      const name = `${s.metadata.name}-${i}`;
      const pod =
        this.store.read(pods, ns, name) ??
        this.makePod(s, 'StatefulSet', name, s.spec?.template, {
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(i),
        });
      if (this.isReady(pod)) ready++;
    }
    this.withStatus(this.def('statefulsets'), s, {
      observedGeneration: s.metadata.generation ?? 1,
      replicas: want,
      readyReplicas: ready,
      currentReplicas: want,
      updatedReplicas: want,
      availableReplicas: ready,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    });
  }

  private settleDaemonSet(ds: any): void {
    const n = Math.max(1, this.store.count(this.def('nodes')));
    const ready = this.pending ? 0 : n;
    this.withStatus(this.def('daemonsets'), ds, {
      observedGeneration: ds.metadata.generation ?? 1,
      currentNumberScheduled: n,
      desiredNumberScheduled: n,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: n,
      ...(ready < n ? { numberUnavailable: n - ready } : {}),
    });
  }

  private bindClaim(pvc: any): void {
    if (pvc.status?.phase === 'Bound') return;
    this.withStatus(this.def('persistentvolumeclaims'), pvc, {
      phase: 'Bound',
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
    });
  }

  private provisionLoadBalancer(svc: any): void {
    if (svc.spec?.type !== 'LoadBalancer' || svc.status?.loadBalancer?.ingress?.length) return;
    this.withStatus(this.def('services'), svc, { loadBalancer: { ingress: [{ ip: '127.0.0.1', ipMode: 'VIP' }] } });
  }
}
