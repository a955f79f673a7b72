/** The PKCS#12 signer: the key and certificate chain of a .p12 file (node-forge reads it; Node signs). */
import { createPrivateKey, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { pdfSigner } from './pdf-signer.js';
import type { ResultSigner, SigningKey } from './types.js';

const OIDS = {
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  key: '1.2.840.113549.1.12.10.1.1',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;

/** The signing key of a PKCS#12 container: its private key and its certificates, the key's own first. */
export function keyFromP12(p12: Uint8Array, password: string): SigningKey {
  const container = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(Buffer.from(p12).toString('binary')),
    password,
  );
  const bags = (type: string) => container.getBags({ bagType: type })[type] ?? [];
  const keyBag = bags(OIDS.shroudedKey)[0] ?? bags(OIDS.key)[0];
  if (!keyBag?.key) throw new Error('PKCS#12 without private key');
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const modulus = keyBag.key.n;
  const certs = bags(OIDS.cert)
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
  const own = certs.filter((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(modulus));
  if (own.length === 0) throw new Error('PKCS#12 without the certificate of its key');
  const ordered = [...own, ...certs.filter((c) => !own.includes(c))];
  const der = (c: forge.pki.Certificate) =>
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  return {
    certificates: ordered.map(der),
    signSignedAttributes: (data) => Promise.resolve(sign('sha256', data, privateKey)),
  };
}

/** A signer reading the PKCS#12 file once, on its first signature. */
export function p12Signer(path: string, password: string): ResultSigner {
  let key: Promise<SigningKey> | undefined;
  return pdfSigner(() => (key ??= readFile(path).then((bytes) => keyFromP12(bytes, password))));
}
