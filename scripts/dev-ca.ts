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

/** The files of the dev CA (docs/signatures.md). */
export interface DevCa {
  rootPath: string;
  /** The agency's key, signing for a leader without a key of their own. */
  p12Path: string;
  /** The agency's seal. */
  sealPath: string;
  /** The leaders' own keys, `<username>.p12`. */
  signersDir: string;
}

/**
 * Creates, unless they all exist, `dir`/root.pem, the agency's `leader.p12` and `seal.p12`, and a key per
 * leader in `signers/<username>.p12` whose certificate names the leader (password {@link DEV_CA_PASSWORD}).
 * A missing file makes a whole new CA (its root's key is never kept).
 */
export function ensureDevCa(
  dir: string,
  leaders: readonly { username: string; fullName: string }[] = [],
  agencyName = 'Sở Giáo dục và Đào tạo',
): DevCa {
  const ca: DevCa = {
    rootPath: join(dir, 'root.pem'),
    p12Path: join(dir, 'leader.p12'),
    sealPath: join(dir, 'seal.p12'),
    signersDir: join(dir, 'signers'),
  };
  const leaderPath = (username: string) => join(ca.signersDir, `${username}.p12`);
  const files = [ca.rootPath, ca.p12Path, ca.sealPath, ...leaders.map((l) => leaderPath(l.username))];
  if (files.every((f) => existsSync(f))) return ca;
  mkdirSync(ca.signersDir, { recursive: true });
  const root = createRootCa('Một Cửa – CA thử nghiệm');
  const write = (path: string, name: string) =>
    writeFileSync(path, toP12(issueSigner(root, name), root, DEV_CA_PASSWORD), { mode: 0o600 });
  write(ca.p12Path, 'Nguyễn Văn Lãnh Đạo');
  write(ca.sealPath, agencyName);
  for (const leader of leaders) write(leaderPath(leader.username), leader.fullName);
  writeFileSync(ca.rootPath, root.pem);
  return ca;
}

/** The worker's and API's `SIGNING_*` settings for a dev CA (`make dev`, the soak run). */
export function devCaEnv(ca: DevCa): Record<string, string> {
  return {
    SIGNING_P12_PATH: ca.p12Path,
    SIGNING_P12_PASSWORD: DEV_CA_PASSWORD,
    SIGNING_P12_DIR: ca.signersDir,
    SIGNING_SEAL_P12_PATH: ca.sealPath,
    SIGNING_TRUSTED_ROOTS: ca.rootPath,
  };
}
