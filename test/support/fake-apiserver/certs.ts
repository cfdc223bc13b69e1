/**
 * A throw-away CA and a server certificate for 127.0.0.1/localhost, built in memory.
 * Node can make keys but not certificates, hence the hand-written DER. Go's TLS (helm)
 * only accepts the server when the IP is in subjectAltName, so the SAN extension matters.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as der from './der.js';

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function name(cn: string): Buffer {
  return der.sequence(
    der.set(der.sequence(der.oid(OID.organization), der.utf8String('polyaxon-setup fake cluster'))),
    der.set(der.sequence(der.oid(OID.commonName), der.utf8String(cn))),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
    : der.sequence(der.oid(id), der.octetString(value));
}

function keyId(publicKey: KeyObject): Buffer {
  // RFC 5280 method 1: SHA-1 of the subjectPublicKey bits; the SPKI for P-256 ends with them (65 bytes).
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
}

function ipBytes(ip: string): Buffer {
  return Buffer.from(ip.split('.').map(Number));
}

interface CertSpec {
  subject: string;
  publicKey: KeyObject;
  issuer: string;
  issuerKey: KeyObject;
  issuerPublicKey: KeyObject;
  isCa: boolean;
  dnsNames?: string[];
  ips?: string[];
}

function certificate(spec: CertSpec): Buffer {
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const algorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const extensions: Buffer[] = [
    // CA: keyCertSign|cRLSign|digitalSignature (0x86, 1 unused bit); leaf: digitalSignature (0x80, 7 unused).
    extension(
      OID.keyUsage,
      true,
      spec.isCa ? der.bitString(Buffer.from([0x86]), 1) : der.bitString(Buffer.from([0x80]), 7),
    ),
    extension(OID.basicConstraints, true, spec.isCa ? der.sequence(der.boolean(true)) : der.sequence()),
    extension(OID.subjectKeyId, false, der.octetString(keyId(spec.publicKey))),
    extension(OID.authorityKeyId, false, der.sequence(der.contextTag(0, keyId(spec.issuerPublicKey), false))),
  ];
  if (!spec.isCa) {
    extensions.push(extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth))));
    const altNames = [
      ...(spec.dnsNames ?? []).map((d) => der.contextTag(2, Buffer.from(d, 'ascii'), false)),
      ...(spec.ips ?? []).map((ip) => der.contextTag(7, ipBytes(ip), false)),
    ];
    extensions.push(extension(OID.subjectAltName, false, der.sequence(...altNames)));
  }
  const tbs = der.sequence(
    der.contextTag(0, der.integer(2), true),
    der.integer(serial),
    algorithm,
    name(spec.issuer),
    der.sequence(der.utcTime(new Date(now - 3600_000)), der.utcTime(new Date(now + 365 * 86400_000))),
    name(spec.subject),
    spec.publicKey.export({ type: 'spki', format: 'der' }),
    der.contextTag(3, der.sequence(...extensions), true),
  );
  const signature = sign('sha256', tbs, spec.issuerKey); // DER-encoded ECDSA signature
  return der.sequence(tbs, algorithm, der.bitString(signature));
}

function pem(label: string, body: Buffer): string {
  const b64 = body
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Fresh CA + server certificate valid for 127.0.0.1 and localhost. */
export function makeTlsMaterial(): TlsMaterial {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caCert = certificate({
    subject: 'fake-cluster-ca',
    publicKey: ca.publicKey,
    issuer: 'fake-cluster-ca',
    issuerKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    isCa: true,
  });
  const serverCert = certificate({
    subject: 'kube-apiserver',
    publicKey: server.publicKey,
    issuer: 'fake-cluster-ca',
    issuerKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    isCa: false,
    dnsNames: ['localhost', 'kubernetes', 'kubernetes.default'],
    ips: ['127.0.0.1'],
  });
  return {
    caPem: pem('CERTIFICATE', caCert),
    certPem: pem('CERTIFICATE', serverCert),
    keyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A kubernetes.io/tls Secret whose (self-signed) certificate covers `hosts`, as cert-manager or a person makes one. */
export function tlsSecretFor(name: string, namespace: string, hosts: string[]): Record<string, unknown> {
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const cert = certificate({
    subject: hosts[0] ?? name,
    publicKey: key.publicKey,
    issuer: hosts[0] ?? name,
    issuerKey: key.privateKey,
    issuerPublicKey: key.publicKey,
    isCa: false,
    dnsNames: hosts,
    ips: [],
  });
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name, namespace },
    data: {
      'tls.crt': b64(pem('CERTIFICATE', cert)),
      'tls.key': b64(key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    },
  };
}
