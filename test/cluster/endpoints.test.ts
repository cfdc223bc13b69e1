import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reachability } from '../../src/cluster/endpoints.js';

const mine = { labels: { 'app.kubernetes.io/instance': 'px' } };

test('reachability: ingress hosts (https where TLS covers them), NodePorts on a node address, LoadBalancer addresses', () => {
  const r = reachability(
    {
      ingresses: [
        {
          metadata: { name: 'px', ...mine },
          spec: { tls: [{ hosts: ['px.acme.com'] }], rules: [{ host: 'px.acme.com' }, { host: 'plain.acme.com' }] },
        },
        { metadata: { name: 'other' }, spec: { rules: [{ host: 'not-mine.acme.com' }] } },
      ],
      services: [
        { metadata: { name: 'px-api', ...mine }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 31811 }] } },
        {
          metadata: { name: 'px-lb', ...mine },
          spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
          status: { loadBalancer: { ingress: [{ hostname: 'lb.aws.com' }] } },
        },
        { metadata: { name: 'px-wait', ...mine }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } },
        { metadata: { name: 'px-db', ...mine }, spec: { type: 'ClusterIP', ports: [{ port: 5432 }] } },
      ],
      nodes: [
        {
          status: {
            addresses: [
              { type: 'InternalIP', address: '10.0.0.5' },
              { type: 'Hostname', address: 'n1' },
            ],
          },
        },
      ],
    },
    'px',
  );
  assert.deepEqual(r.urls, [
    'https://px.acme.com',
    'http://plain.acme.com',
    'http://10.0.0.5:31811',
    'http://lb.aws.com',
  ]);
  assert.deepEqual(r.pending, ['Service px-wait waits for a load balancer address: kubectl get svc px-wait -w']);
});
