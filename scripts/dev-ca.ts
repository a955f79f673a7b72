/**
 * A local test certificate authority for signatures: a root CA and PKCS#12 files of signers it issued.
 * `make dev` creates one once in `.data/ca/` (root.pem, leader.p12); tests create their own in a temp dir
 * (test/support/ca.ts). Keys come from Node's crypto; node-forge writes certificates and PKCS#12.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface Issuer {
  certificate: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

function rsaKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function certificate(subject: string, publicKey: forge.pki.PublicKey, serial: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - YEAR_MS);
  cert.validity.notAfter = new Date(Date.now() + 10 * YEAR_MS);
  cert.setSubject([
    { shortName: 'CN', value: subject, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    { shortName: 'C', value: 'VN' },
  ]);
  return cert;
}

let serials = 0;
const nextSerial = () => `${Date.now().toString(16)}${(++serials).toString(16).padStart(4, '0')}`;

/** A self-signed root CA. */
export function createRootCa(name: string): Issuer {
  const { privateKey, publicKey } = rsaKeys();
  const cert = certificate(name, publicKey, nextSerial());
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { certificate: cert, key: privateKey, pem: forge.pki.certificateToPem(cert) };
}

/** An end-entity signing certificate and key issued by `ca`. */
export function issueSigner(ca: Issuer, commonName: string): Issuer {
  const { privateKey, publicKey } = rsaKeys();
  const cert = certificate(commonName, publicKey, nextSerial());
  cert.setIssuer(ca.certificate.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { certificate: cert, key: privateKey, pem: forge.pki.certificateToPem(cert) };
}

/** The PKCS#12 (DER) of a signer with its issuer's certificate. */
export function toP12(signer: Issuer, ca: Issuer, password: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(signer.key, [signer.certificate, ca.certificate], password, {
    algorithm: '3des',
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

export const DEV_CA_PASSWORD = 'mot-cua-dev';

/** Creates `dir`/root.pem and `dir`/leader.p12 (password {@link DEV_CA_PASSWORD}) unless they exist. */
export function ensureDevCa(dir: string): { rootPath: string; p12Path: string } {
  const rootPath = join(dir, 'root.pem');
  const p12Path = join(dir, 'leader.p12');
  if (!existsSync(rootPath) || !existsSync(p12Path)) {
    mkdirSync(dir, { recursive: true });
    const root = createRootCa('Một Cửa – CA thử nghiệm');
    const leader = issueSigner(root, 'Nguyễn Văn Lãnh Đạo');
    writeFileSync(p12Path, toP12(leader, root, DEV_CA_PASSWORD), { mode: 0o600 });
    writeFileSync(rootPath, root.pem);
  }
  return { rootPath, p12Path };
}
