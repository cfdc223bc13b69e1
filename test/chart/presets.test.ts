/**
 * Each preset's golden config (test/golden/<preset>.config.yaml, what the tool writes) rendered
 * with the real helm 3 and helm 4 against the fixture chart (test/fixtures/polyaxon-chart, which
 * consumes the spec's keys the way chart 0.6.1 does): the choices the preset makes must reach the
 * manifests. docker-compose is not a chart install and is skipped.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { fromChartLine } from '../../src/model/chart-line.js';
import { HELM_MAJORS } from '../support/helm-binaries.js';
import {
  CHART_PRESETS,
  FULLNAME,
  container,
  decodeSecret,
  goldenPath,
  mountOf,
  render,
  volume,
  type ChartPreset,
  type Manifests,
} from './render.js';

const golden = Object.fromEntries(
  // Read back under the spec's names, so each check says which spec key it follows.
  CHART_PRESETS.map((p) => [p, fromChartLine(yaml.load(readFileSync(goldenPath(p), 'utf8')) as any, '0.6.1') as any]),
) as Record<ChartPreset, any>;

/** The resolver NOTES.md describes: `<prefix or backend + ".kube-system">.svc.<customCluster>`. */
function expectedResolver(dns: any): string {
  const prefix = dns?.prefix || `${dns?.backend || 'kube-dns'}.kube-system`;
  return `${prefix}.svc.${dns?.customCluster || 'cluster.local'}`;
}

const CORE_PODS = [
  ['Deployment', 'api', 'polyaxon-api'],
  ['Deployment', 'worker', 'polyaxon-worker'],
] as const;

for (const major of HELM_MAJORS) {
  describe(`chart: helm ${major} renders each preset's golden config`, () => {
    const out = {} as Record<ChartPreset, Manifests>;

    before(async () => {
      const rendered = await Promise.all(CHART_PRESETS.map((p) => render(major, { files: [goldenPath(p)] })));
      CHART_PRESETS.forEach((p, i) => (out[p] = rendered[i]));
    });

    // Checks every preset shares: each golden key lands where the chart puts it.
    for (const preset of CHART_PRESETS) {
      it(`${preset}: service type, ingress, DNS, root user, scheduling and volumes follow the config`, () => {
        const g = golden[preset];
        const m = out[preset];

        const svc = m.component('Service', 'api');
        assert.equal(svc.spec.type, g.serviceType);
        assert.deepEqual(svc.metadata.annotations ?? {}, g.api?.service?.annotations ?? {});

        const ing = m.find('Ingress', FULLNAME);
        assert.equal(Boolean(ing), Boolean(g.ingress?.enabled), 'Ingress rendered iff ingress.enabled');
        if (ing) assert.equal(ing.spec.rules[0].http.paths[0].path, g.ingress.path ?? '/');

        assert.equal(m.configData('gateway').dnsResolver, expectedResolver(g.dns));

        const cfg = m.configData('config');
        assert.equal(cfg.POLYAXON_DEPLOYMENT_TYPE, g.deploymentType);
        assert.equal(cfg.POLYAXON_TIME_ZONE, g.timezone);
        assert.equal(cfg.POLYAXON_UI_ADMIN_ENABLED, String(g.ui.adminEnabled));
        assert.equal(cfg.POLYAXON_ADMIN_USERNAME, g.user.username);
        assert.equal(decodeSecret(m.component('Secret', 'secret'), 'POLYAXON_ADMIN_PASSWORD'), g.user.password);

        assert.equal(Boolean(m.find('ServiceAccount', `${FULLNAME}-sa`)), g.rbac.enabled);

        const ds = m.find('DaemonSet', `${FULLNAME}-resources`);
        assert.equal(Boolean(ds), g.resourcesDaemon.enabled, 'resources DaemonSet iff resourcesDaemon.enabled');
        if (ds) assert.deepEqual(ds.spec.template.spec.tolerations ?? [], g.resourcesDaemon.tolerations ?? []);

        for (const [kind, suffix, name] of CORE_PODS) {
          const spec = m.podSpec(kind, suffix);
          assert.deepEqual(spec.affinity, g.affinity, `${suffix} affinity`);
          assert.deepEqual(spec.nodeSelector ?? {}, g.nodeSelector);
          assert.deepEqual(spec.tolerations ?? [], g.tolerations);
          assert.equal(spec.securityContext, undefined, 'securityContext.enabled is false in every preset');
          const c = container(spec, name);
          for (const core of ['logs', 'repos', 'upload'] as const) {
            const want = g.persistence[core];
            const v = volume(spec, core);
            if (want.existingClaim) {
              assert.equal(v.persistentVolumeClaim?.claimName, want.existingClaim, `${suffix} ${core}`);
            } else {
              assert.equal(v.hostPath?.path, want.hostPath, `${suffix} ${core}`);
            }
            assert.equal(mountOf(c, core).mountPath, want.mountPath);
          }
          for (const kindName of ['data', 'outputs'] as const) {
            for (const [entry, want] of Object.entries<any>(g.persistence[kindName] ?? {})) {
              const volName = `${kindName}-${entry}`;
              if (want === null) {
                assert.ok(!(spec.volumes ?? []).some((v: any) => v.name === volName), `${volName} removed by null`);
                continue;
              }
              const v = volume(spec, volName);
              if (want.existingClaim) assert.equal(v.persistentVolumeClaim?.claimName, want.existingClaim);
              else assert.equal(v.hostPath?.path, want.hostPath);
              assert.equal(mountOf(c, volName).mountPath, want.mountPath);
            }
          }
        }
      });

      it(`${preset}: no container mounts two volumes at the same path`, () => {
        for (const { owner, spec } of out[preset].pods()) {
          for (const c of spec.containers) {
            const paths = (c.volumeMounts ?? []).map((vm: any) => vm.mountPath);
            assert.deepEqual(paths, [...new Set(paths)], `${owner} ${c.name} mounts: ${paths.join(', ')}`);
          }
        }
      });
    }

    it('nfs: logs, repos, upload, data and outputs are the provisioner claims, no host paths', () => {
      const spec = out.nfs.podSpec('Deployment', 'api');
      for (const name of ['logs', 'repos', 'upload']) {
        assert.deepEqual(volume(spec, name).persistentVolumeClaim, { claimName: `polyaxon-pvc-${name}` });
        assert.equal(volume(spec, name).hostPath, undefined);
      }
      assert.equal(volume(spec, 'data-data').persistentVolumeClaim.claimName, 'polyaxon-pvc-data');
      assert.equal(volume(spec, 'outputs-outputs').persistentVolumeClaim.claimName, 'polyaxon-pvc-outputs');
      const names = spec.volumes.map((v: any) => v.name);
      assert.ok(!names.includes('data-default-data') && !names.includes('outputs-default-outputs'), names.join(', '));
      assert.ok(!spec.volumes.some((v: any) => v.hostPath), 'no hostPath volume left');
      assert.equal(mountOf(container(spec, 'polyaxon-api'), 'data-data').mountPath, '/data');
    });

    it('gke: NodePort behind an Ingress, GPU taint tolerated by the resources DaemonSet, COS nvidia paths mounted', () => {
      assert.equal(out.gke.component('Service', 'api').spec.type, 'NodePort');
      out.gke.get('Ingress', FULLNAME);
      const ds = out.gke.podSpec('DaemonSet', 'resources');
      assert.deepEqual(ds.tolerations, [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
      const c = container(ds, 'polyaxon-resources');
      const expected = {
        lib: ['/home/kubernetes/bin/nvidia/lib64', '/usr/local/nvidia/lib64'],
        bin: ['/home/kubernetes/bin/nvidia/bin', '/usr/local/nvidia/bin'],
        libcuda: ['/home/kubernetes/bin/nvidia/lib64/libcuda.so.1', '/usr/lib/x86_64-linux-gnu/libcuda.so.1'],
      };
      for (const [key, [host, mount]] of Object.entries(expected)) {
        assert.equal(volume(ds, `nvidia-${key}`).hostPath.path, host);
        assert.equal(mountOf(c, `nvidia-${key}`).mountPath, mount);
      }
      const cfg = out.gke.configData('config');
      assert.equal(JSON.parse(cfg.POLYAXON_DIRS_NVIDIA).lib, '/home/kubernetes/bin/nvidia/lib64');
    });

    it('presets without GPU paths mount no nvidia volume', () => {
      for (const p of CHART_PRESETS.filter((x) => x !== 'gke')) {
        const ds = out[p].podSpec('DaemonSet', 'resources');
        assert.equal(ds.volumes, undefined, `${p}: ${JSON.stringify(ds.volumes)}`);
      }
    });

    it('kubespray: the gateway resolves through CoreDNS', () => {
      assert.equal(out.kubespray.configData('gateway').dnsResolver, 'coredns.kube-system.svc.cluster.local');
      assert.match(
        out.kubespray.configData('gateway')['polyaxon.conf'],
        /resolver coredns\.kube-system\.svc\.cluster\.local /,
      );
    });

    it('openshift: the gateway resolves through dns-default.openshift-dns', () => {
      assert.equal(out.openshift.configData('gateway').dnsResolver, 'dns-default.openshift-dns.svc.cluster.local');
    });

    it('kubernetes: ClusterIP behind an Ingress, default kube-dns resolver', () => {
      assert.equal(out.kubernetes.component('Service', 'api').spec.type, 'ClusterIP');
      const ing = out.kubernetes.get('Ingress', FULLNAME);
      assert.equal(ing.spec.rules[0].http.paths[0].backend.serviceName, `${FULLNAME}-api`);
      assert.equal(ing.spec.rules[0].http.paths[0].backend.servicePort, 80);
      assert.equal(out.kubernetes.configData('gateway').dnsResolver, 'kube-dns.kube-system.svc.cluster.local');
    });

    it('eks: LoadBalancer Service annotated for an NLB', () => {
      const svc = out.eks.component('Service', 'api');
      assert.equal(svc.spec.type, 'LoadBalancer');
      assert.equal(svc.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-type'], 'nlb');
      assert.equal(out.eks.find('Ingress', FULLNAME), undefined);
    });

    it('minikube and microk8s: NodePort, no Ingress, host path volumes, their deployment type', () => {
      for (const p of ['minikube', 'microk8s'] as const) {
        assert.equal(out[p].component('Service', 'api').spec.type, 'NodePort');
        assert.equal(out[p].find('Ingress', FULLNAME), undefined);
        assert.equal(out[p].configData('config').POLYAXON_DEPLOYMENT_TYPE, p);
        const spec = out[p].podSpec('Deployment', 'worker');
        assert.deepEqual(volume(spec, 'logs').hostPath, { path: '/tmp/logs' });
        assert.deepEqual(volume(spec, 'repos').hostPath, { path: '/tmp/repos' });
        assert.deepEqual(volume(spec, 'upload').hostPath, { path: '/tmp/upload' });
        assert.deepEqual(volume(spec, 'data-default-data').hostPath, { path: '/data' });
        assert.deepEqual(volume(spec, 'outputs-default-outputs').hostPath, { path: '/outputs' });
      }
    });
  });
}
