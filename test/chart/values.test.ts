/**
 * Targeted values files for the choices no preset makes (TLS ingress, NodePort with ssl, the
 * security context, bucket entries with secrets, custom DNS, a generated root password,
 * dependency scheduling, the fixture's hook switches), rendered with the real helm 3 and helm 4.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HELM_MAJORS } from '../support/helm-binaries.js';
import {
  FULLNAME,
  RELEASE,
  container,
  decodeSecret,
  mountOf,
  render,
  renderValues,
  volume,
  type Manifests,
} from './render.js';

const CASES = {
  defaults: {},
  ingressTls: {
    serviceType: 'ClusterIP',
    ingress: {
      enabled: true,
      hostName: 'polyaxon.acme.com',
      path: '/*',
      annotations: { 'kubernetes.io/ingress.class': 'nginx', 'cert-manager.io/cluster-issuer': 'letsencrypt' },
      tls: [{ secretName: 'polyaxon.acme-tls', hosts: ['polyaxon.acme.com', 'www.polyaxon.acme.com'] }],
    },
    api: { service: { annotations: { domainName: 'polyaxon.my.domain.com' } } },
  },
  nodePortSsl: {
    serviceType: 'NodePort',
    ingress: { enabled: false },
    ssl: { enabled: true, secretName: 'polyaxon-cert', path: '/etc/polyaxon-ssl' },
  },
  nodePortSslDefaultPath: {
    serviceType: 'NodePort',
    ssl: { enabled: true, secretName: 'polyaxon-cert' },
  },
  loadBalancerNoSsl: { serviceType: 'LoadBalancer', ssl: {} },
  security: {
    securityContext: {
      enabled: true,
      runAsUser: 1111,
      runAsGroup: 1112,
      fsGroup: 1113,
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      fsGroupChangePolicy: 'OnRootMismatch',
    },
  },
  /** The README's own example spells the ids `user` / `group`. */
  securityReadmeExample: { securityContext: { enabled: true, user: 1000, group: 1001 } },
  buckets: {
    persistence: {
      data: {
        'default-data': null,
        data1: { mountPath: '/data/1', hostPath: '/path/to/data', readOnly: true },
        data2: { mountPath: '/data/2', existingClaim: 'data-2-pvc' },
        'data-gcs': { store: 'gcs', bucket: 'gs://data-bucket', secret: 'gcs-secret', secretKey: 'gcs-key.json' },
        'data-s3': { store: 's3', bucket: 's3://data-bucket', secret: 's3-secret', secretKey: 's3-key' },
      },
      outputs: {
        'default-outputs': null,
        'outputs-azure': { store: 'azure', bucket: 'wasbs://outputs@acct.blob.core.windows.net/', secret: 'az-secret' },
        outputs2: { mountPath: '/outputs/2', existingClaim: 'outputs-2-pvc', readOnly: false },
      },
    },
  },
  customCluster: { dns: { backend: 'coredns', customCluster: 'custom.cluster.name' } },
  prefixWins: { dns: { backend: 'coredns', prefix: 'kube-dns.other-kube-system' } },
  rootUser: { user: { username: 'admin', email: 'admin@acme.com', password: 's3cr3t-Pa55' } },
  generatedPassword: { user: { username: 'root', password: null } },
  hostsAndUi: {
    allowedHosts: ['127.0.0.1', '159.203.150.212', '.mysite.com'],
    hostName: 'polyaxon.foo.com',
    timezone: 'Europe/Berlin',
    ui: { adminEnabled: false },
    namespace: 'ml',
    deploymentVersion: '0.6.1',
  },
  scheduling: {
    nodeSelector: { pool: 'core' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'polyaxon', effect: 'NoSchedule' }],
    // helm merges maps: without `podAffinity: null` the chart's default podAffinity would stay
    affinity: {
      podAffinity: null,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['core'] }] }],
        },
      },
    },
    postgresql: { nodeSelector: { pool: 'db' }, tolerations: [{ key: 'db', operator: 'Exists' }] },
    redis: {
      master: { nodeSelector: { pool: 'cache' } },
      slave: {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 50,
                podAffinityTerm: {
                  topologyKey: 'kubernetes.io/hostname',
                  labelSelector: { matchLabels: { app: 'redis' } },
                },
              },
            ],
          },
        },
      },
    },
    rabbitmq: { tolerations: [{ key: 'mq', operator: 'Exists', effect: 'NoExecute' }] },
  },
  /** A custom affinity without nulling the default: helm merges both. */
  affinityMerged: {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, preference: { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] } },
        ],
      },
    },
  },
  /** "No affinity" as the tool writes it: the default's only key nulled. */
  affinityNone: { affinity: { podAffinity: null } },
  /** An empty map is merged away by helm: the default stays. */
  affinityEmpty: { affinity: {} },
  noRbacNoDaemon: { rbac: { enabled: false }, resourcesDaemon: { enabled: false } },
  nvidiaSamePath: {
    dirs: {
      nvidia: {
        lib: '/usr/lib/nvidia-384',
        bin: '/usr/lib/nvidia-384/bin',
        libcuda: '/usr/lib/x86_64-linux-gnu/libcuda.so.1',
      },
    },
    mountPaths: { nvidia: { lib: '/usr/local/nvidia/lib64' } },
  },
  failPostInstall: { fixture: { failPostInstall: true } },
  failPreDelete: { fixture: { failPreDelete: true } },
} satisfies Record<string, Record<string, unknown>>;

type CaseName = keyof typeof CASES;

const FAIL = 'fake.test/fail';

for (const major of HELM_MAJORS) {
  describe(`chart: helm ${major} renders targeted values`, () => {
    const out = {} as Record<CaseName, Manifests>;

    before(async () => {
      const names = Object.keys(CASES) as CaseName[];
      const rendered = await Promise.all(names.map((n) => renderValues(major, CASES[n], n)));
      names.forEach((n, i) => (out[n] = rendered[i]));
    });

    it('ingress with TLS: hosts, secret, host rule, path and annotations', () => {
      const ing = out.ingressTls.get('Ingress', FULLNAME);
      assert.deepEqual(ing.spec.tls, CASES.ingressTls.ingress.tls);
      assert.equal(ing.spec.rules[0].host, 'polyaxon.acme.com');
      assert.equal(ing.spec.rules[0].http.paths[0].path, '/*');
      assert.deepEqual(ing.metadata.annotations, CASES.ingressTls.ingress.annotations);
      assert.equal(ing.spec.rules[0].http.paths[0].backend.servicePort, 80);
      const svc = out.ingressTls.component('Service', 'api');
      assert.equal(svc.spec.type, 'ClusterIP');
      assert.deepEqual(svc.metadata.annotations, { domainName: 'polyaxon.my.domain.com' });
    });

    it('ingress disabled by default-less values renders none; enabled without tls renders no tls block', () => {
      assert.equal(out.nodePortSsl.find('Ingress', FULLNAME), undefined);
      const ing = out.defaults.get('Ingress', FULLNAME);
      assert.equal(ing.spec.tls, undefined);
      assert.equal(ing.spec.rules[0].host, undefined);
    });

    it('NodePort with ssl: the Service serves 443 and the cert secret is mounted at ssl.path in nginx', () => {
      const svc = out.nodePortSsl.component('Service', 'api');
      assert.equal(svc.spec.type, 'NodePort');
      assert.equal(svc.spec.ports.length, 1);
      assert.equal(svc.spec.ports[0].port, 443);
      assert.equal(svc.spec.ports[0].targetPort, 'https');
      const spec = out.nodePortSsl.podSpec('Deployment', 'api');
      assert.deepEqual(volume(spec, 'ssl').secret, { secretName: 'polyaxon-cert' });
      const nginx = container(spec, 'polyaxon-nginx');
      assert.equal(mountOf(nginx, 'ssl').mountPath, '/etc/polyaxon-ssl');
      assert.equal(mountOf(nginx, 'ssl').readOnly, true);
      assert.deepEqual(nginx.ports, [{ name: 'https', containerPort: 443 }]);
      assert.match(
        out.nodePortSsl.configData('gateway')['polyaxon.conf'],
        /listen 443 ssl;[\s\S]*ssl_certificate \/etc\/polyaxon-ssl\//,
      );
    });

    it('ssl without a path mounts at /etc/ssl; no ssl means port 80 and no secret volume', () => {
      const spec = out.nodePortSslDefaultPath.podSpec('Deployment', 'api');
      assert.equal(mountOf(container(spec, 'polyaxon-nginx'), 'ssl').mountPath, '/etc/ssl');
      assert.equal(out.nodePortSslDefaultPath.component('Service', 'api').spec.ports[0].port, 443);

      const plain = out.loadBalancerNoSsl;
      assert.equal(plain.component('Service', 'api').spec.type, 'LoadBalancer');
      assert.equal(plain.component('Service', 'api').spec.ports[0].port, 80);
      const plainSpec = plain.podSpec('Deployment', 'api');
      assert.ok(!plainSpec.volumes.some((v: any) => v.secret), 'no secret volume without ssl');
    });

    it('ssl.enabled without secretName fails the render with a clear message', async () => {
      const bad = renderValues(major, { serviceType: 'NodePort', ssl: { enabled: true } }, 'ssl-no-secret');
      await assert.rejects(bad, /ssl\.secretName is required/);
    });

    it('security context: pod ids, fsGroupChangePolicy and container flags on core pods and hooks only', () => {
      const m = out.security;
      const wantPod = { runAsUser: 1111, runAsGroup: 1112, fsGroup: 1113, fsGroupChangePolicy: 'OnRootMismatch' };
      const wantContainer = { allowPrivilegeEscalation: false, runAsNonRoot: true };
      for (const [kind, suffix] of [
        ['Deployment', 'api'],
        ['Deployment', 'worker'],
        ['Job', 'post-install'],
        ['Job', 'pre-delete'],
      ]) {
        const spec = m.podSpec(kind, suffix);
        assert.deepEqual(spec.securityContext, wantPod, `${kind} ${suffix}`);
        for (const c of spec.containers) assert.deepEqual(c.securityContext, wantContainer, `${suffix}/${c.name}`);
      }
      assert.equal(m.podSpec('DaemonSet', 'resources').securityContext, undefined);
      assert.equal(m.podSpec('StatefulSet', 'postgresql').securityContext, undefined);
      // disabled (the default): nothing at all
      for (const { owner, spec } of out.defaults.pods()) {
        assert.equal(spec.securityContext, undefined, owner);
        for (const c of spec.containers) assert.equal(c.securityContext, undefined, `${owner}/${c.name}`);
      }
    });

    it("security context: the README's `user`/`group` example sets uid, gid and fsGroup", () => {
      const spec = out.securityReadmeExample.podSpec('Deployment', 'api');
      assert.deepEqual(spec.securityContext, { runAsUser: 1000, runAsGroup: 1001, fsGroup: 1001 });
    });

    it('data/outputs: host paths and claims become mounts, bucket entries become references with secret refs', () => {
      const m = out.buckets;
      const spec = m.podSpec('Deployment', 'api');
      const api = container(spec, 'polyaxon-api');
      assert.deepEqual(volume(spec, 'data-data1').hostPath, { path: '/path/to/data' });
      assert.deepEqual(mountOf(api, 'data-data1'), { name: 'data-data1', mountPath: '/data/1', readOnly: true });
      assert.equal(volume(spec, 'data-data2').persistentVolumeClaim.claimName, 'data-2-pvc');
      assert.equal(mountOf(api, 'data-data2').readOnly, false);
      assert.equal(volume(spec, 'outputs-outputs2').persistentVolumeClaim.claimName, 'outputs-2-pvc');
      assert.equal(mountOf(api, 'outputs-outputs2').mountPath, '/outputs/2');
      const names = spec.volumes.map((v: any) => v.name);
      for (const gone of [
        'data-default-data',
        'outputs-default-outputs',
        'data-data-gcs',
        'data-data-s3',
        'outputs-outputs-azure',
      ]) {
        assert.ok(!names.includes(gone), `${gone} should not be a volume: ${names.join(', ')}`);
      }

      const stores = m.configData('stores');
      assert.deepEqual(JSON.parse(stores['data.json']), {
        'data-gcs': { store: 'gcs', bucket: 'gs://data-bucket', secret: 'gcs-secret', secretKey: 'gcs-key.json' },
        'data-s3': { store: 's3', bucket: 's3://data-bucket', secret: 's3-secret', secretKey: 's3-key' },
      });
      assert.deepEqual(JSON.parse(stores['outputs.json']), {
        'outputs-azure': {
          store: 'azure',
          bucket: 'wasbs://outputs@acct.blob.core.windows.net/',
          secret: 'az-secret',
          secretKey: '',
        },
      });

      for (const [kind, suffix, name] of [
        ['Deployment', 'api', 'polyaxon-api'],
        ['Deployment', 'worker', 'polyaxon-worker'],
      ]) {
        const c = container(m.podSpec(kind, suffix), name);
        const refs = Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e.valueFrom?.secretKeyRef]));
        assert.deepEqual(refs.POLYAXON_DATA_DATA_GCS_CREDENTIALS, { name: 'gcs-secret', key: 'gcs-key.json' });
        assert.deepEqual(refs.POLYAXON_DATA_DATA_S3_CREDENTIALS, { name: 's3-secret', key: 's3-key' });
        // no secretKey: the whole secret, prefixed
        assert.ok(
          c.envFrom.some(
            (e: any) => e.secretRef?.name === 'az-secret' && e.prefix === 'POLYAXON_OUTPUTS_OUTPUTS_AZURE_',
          ),
          JSON.stringify(c.envFrom),
        );
      }
      // no credentials in any ConfigMap, only secret names
      for (const cm of m.ofKind('ConfigMap')) assert.doesNotMatch(JSON.stringify(cm.data), /secretKeyRef/);
    });

    it('custom cluster DNS: backend + customCluster, and prefix wins over backend', () => {
      assert.equal(out.customCluster.configData('gateway').dnsResolver, 'coredns.kube-system.svc.custom.cluster.name');
      assert.equal(out.customCluster.configData('config').POLYAXON_DNS_CUSTOM_CLUSTER, 'custom.cluster.name');
      assert.equal(out.prefixWins.configData('gateway').dnsResolver, 'kube-dns.other-kube-system.svc.cluster.local');
      assert.equal(out.defaults.configData('gateway').dnsResolver, 'kube-dns.kube-system.svc.cluster.local');
    });

    it('root user: the password is in a Secret and in no ConfigMap; name and email in the ConfigMap', () => {
      const m = out.rootUser;
      assert.equal(decodeSecret(m.component('Secret', 'secret'), 'POLYAXON_ADMIN_PASSWORD'), 's3cr3t-Pa55');
      for (const cm of m.ofKind('ConfigMap')) {
        assert.doesNotMatch(JSON.stringify(cm), /s3cr3t-Pa55/, `password leaked into ConfigMap ${cm.metadata.name}`);
      }
      const cfg = m.configData('config');
      assert.equal(cfg.POLYAXON_ADMIN_USERNAME, 'admin');
      assert.equal(cfg.POLYAXON_ADMIN_EMAIL, 'admin@acme.com');
      const post = container(m.podSpec('Job', 'post-install'), 'post-install');
      assert.ok(
        post.envFrom.some((e: any) => e.secretRef?.name === `${FULLNAME}-secret`),
        'the hook reads the Secret',
      );
    });

    it('root user: password null makes the chart generate one', () => {
      const secret = out.generatedPassword.component('Secret', 'secret');
      const pw = decodeSecret(secret, 'POLYAXON_ADMIN_PASSWORD');
      assert.ok(pw && pw.length >= 8 && pw !== 'rootpassword', `generated password: ${pw}`);
      assert.equal(decodeSecret(secret, 'POLYAXON_ADMIN_PASSWORD_GENERATED'), 'true');
      assert.equal(decodeSecret(out.defaults.component('Secret', 'secret'), 'POLYAXON_ADMIN_PASSWORD'), 'rootpassword');
    });

    it('allowedHosts, hostName, timezone, ui.adminEnabled, namespace and deploymentVersion reach the ConfigMap', () => {
      const cfg = out.hostsAndUi.configData('config');
      assert.deepEqual(JSON.parse(cfg.POLYAXON_ALLOWED_HOSTS), ['127.0.0.1', '159.203.150.212', '.mysite.com']);
      assert.equal(cfg.POLYAXON_API_HOST, 'polyaxon.foo.com');
      assert.equal(cfg.POLYAXON_TIME_ZONE, 'Europe/Berlin');
      assert.equal(cfg.POLYAXON_UI_ADMIN_ENABLED, 'false');
      assert.equal(cfg.POLYAXON_K8S_NAMESPACE, 'ml');
      assert.equal(cfg.POLYAXON_DEPLOYMENT_VERSION, '0.6.1');
      assert.equal(out.defaults.configData('config').POLYAXON_UI_ADMIN_ENABLED, 'true');
    });

    it('scheduling: core pods and each dependency get their own nodeSelector, tolerations, affinity', () => {
      const m = out.scheduling;
      const v = CASES.scheduling;
      for (const [kind, suffix] of [
        ['Deployment', 'api'],
        ['Deployment', 'worker'],
        ['Job', 'post-install'],
      ]) {
        const spec = m.podSpec(kind, suffix);
        assert.deepEqual(spec.nodeSelector, v.nodeSelector, suffix);
        assert.deepEqual(spec.tolerations, v.tolerations, suffix);
        assert.deepEqual(spec.affinity, { nodeAffinity: v.affinity.nodeAffinity }, suffix);
      }
      const pg = m.podSpec('StatefulSet', 'postgresql');
      assert.deepEqual(pg.nodeSelector, { pool: 'db' });
      assert.deepEqual(pg.tolerations, [{ key: 'db', operator: 'Exists' }]);
      assert.equal(pg.affinity, undefined);
      assert.deepEqual(m.podSpec('StatefulSet', 'redis-master').nodeSelector, { pool: 'cache' });
      assert.deepEqual(m.podSpec('StatefulSet', 'redis-slave').affinity, v.redis.slave.affinity);
      assert.equal(m.podSpec('StatefulSet', 'redis-slave').nodeSelector, undefined);
      assert.deepEqual(m.podSpec('StatefulSet', 'rabbitmq').tolerations, v.rabbitmq.tolerations);
      // the core scheduling does not leak into the dependencies
      assert.equal(m.podSpec('StatefulSet', 'rabbitmq').nodeSelector, undefined);
    });

    it("affinity: helm merges a custom affinity with the chart's default podAffinity unless it is nulled", () => {
      const spec = out.affinityMerged.podSpec('Deployment', 'api');
      assert.deepEqual(spec.affinity.nodeAffinity, CASES.affinityMerged.affinity.nodeAffinity);
      assert.equal(
        spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
        'kubernetes.io/hostname',
      );
      assert.equal(out.scheduling.podSpec('Deployment', 'api').affinity.podAffinity, undefined);
      assert.equal(
        out.affinityNone.podSpec('Deployment', 'api').affinity,
        undefined,
        'podAffinity: null drops the default',
      );
      assert.ok(out.affinityEmpty.podSpec('Deployment', 'api').affinity.podAffinity, 'affinity: {} keeps the default');
    });

    it('rbac.enabled false drops the ServiceAccount/Role; resourcesDaemon.enabled false drops the DaemonSet', () => {
      const m = out.noRbacNoDaemon;
      assert.equal(m.ofKind('ServiceAccount').length + m.ofKind('Role').length + m.ofKind('RoleBinding').length, 0);
      assert.equal(m.podSpec('Deployment', 'api').serviceAccountName, undefined);
      assert.equal(m.ofKind('DaemonSet').length, 0);
      const d = out.defaults;
      d.component('ServiceAccount', 'sa');
      d.component('Role', 'role');
      assert.equal(d.component('RoleBinding', 'rolebinding').roleRef.name, `${FULLNAME}-role`);
      assert.equal(d.podSpec('Deployment', 'api').serviceAccountName, `${FULLNAME}-sa`);
    });

    it('nvidia: mountPaths default to the host path when empty', () => {
      const ds = out.nvidiaSamePath.podSpec('DaemonSet', 'resources');
      const c = container(ds, 'polyaxon-resources');
      assert.equal(mountOf(c, 'nvidia-lib').mountPath, '/usr/local/nvidia/lib64');
      assert.equal(mountOf(c, 'nvidia-bin').mountPath, '/usr/lib/nvidia-384/bin');
      assert.equal(mountOf(c, 'nvidia-libcuda').mountPath, '/usr/lib/x86_64-linux-gnu/libcuda.so.1');
      assert.equal(volume(ds, 'nvidia-libcuda').hostPath.path, '/usr/lib/x86_64-linux-gnu/libcuda.so.1');
    });

    it('hooks: post-install/post-upgrade and pre-delete Jobs with their delete policies and release labels', () => {
      const post = out.defaults.component('Job', 'post-install');
      const pre = out.defaults.component('Job', 'pre-delete');
      assert.equal(post.metadata.annotations!['helm.sh/hook'], 'post-install,post-upgrade');
      assert.equal(post.metadata.annotations!['helm.sh/hook-delete-policy'], 'before-hook-creation');
      assert.equal(pre.metadata.annotations!['helm.sh/hook'], 'pre-delete');
      assert.equal(pre.metadata.annotations!['helm.sh/hook-delete-policy'], 'hook-succeeded');
      for (const job of [post, pre]) {
        assert.equal(job.metadata.labels!['app.kubernetes.io/instance'], RELEASE);
        assert.equal(job.metadata.labels!['app.kubernetes.io/managed-by'], 'Helm');
        assert.equal(job.spec.template.metadata.labels['app.kubernetes.io/instance'], RELEASE);
        assert.equal(job.metadata.annotations![FAIL], undefined);
        assert.equal(job.spec.backoffLimit, 0);
      }
    });

    it('fixture.failPostInstall / fixture.failPreDelete mark only their own hook Job', () => {
      const a = out.failPostInstall;
      assert.equal(a.component('Job', 'post-install').metadata.annotations![FAIL], 'true');
      assert.equal(a.component('Job', 'pre-delete').metadata.annotations![FAIL], undefined);
      const b = out.failPreDelete;
      assert.equal(b.component('Job', 'pre-delete').metadata.annotations![FAIL], 'true');
      assert.equal(b.component('Job', 'post-install').metadata.annotations![FAIL], undefined);
    });

    it('--set works like a values file (fixture switch through argv)', async () => {
      const m = await render(major, { args: ['--set', 'fixture.failPreDelete=true', '--set', 'serviceType=NodePort'] });
      assert.equal(m.component('Job', 'pre-delete').metadata.annotations![FAIL], 'true');
      assert.equal(m.component('Service', 'api').spec.type, 'NodePort');
    });
  });
}
