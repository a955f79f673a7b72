/**
 * CMS SignedData for a PAdES baseline signature (ETSI EN 319 142-1, B-B level): detached content, the
 * signer's certificate chain embedded, signed attributes content-type, message-digest and ESS
 * signing-certificate-v2 (no signing-time attribute: PAdES takes the time from the signature dictionary's
 * /M). ASN.1 is encoded with node-forge; hashing and signing are Node's crypto or the remote service.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { SigningKey } from './types.js';

const { asn1 } = forge;
const T = asn1.Type;
const UNIVERSAL = asn1.Class.UNIVERSAL;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const bin = (bytes: Uint8Array): string => Buffer.from(bytes).toString('binary');
const seq = (items: forge.asn1.Asn1[]) => asn1.create(UNIVERSAL, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(UNIVERSAL, T.SET, true, items);
const oid = (value: string) => asn1.create(UNIVERSAL, T.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: Uint8Array) => asn1.create(UNIVERSAL, T.OCTETSTRING, false, bin(bytes));
const int = (value: number) => asn1.create(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(value).getBytes());
const algorithm = (value: string) => seq([oid(value), asn1.create(UNIVERSAL, T.NULL, false, '')]);
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** The detached CMS SignedData (DER) over `content` (the PDF's ByteRange bytes). */
export async function buildCms(content: Uint8Array, key: SigningKey): Promise<Buffer> {
  const [signerDer, ...rest] = key.certificates;
  if (!signerDer) throw new Error('signing key without certificate');
  const signer = asn1.fromDer(bin(signerDer));
  // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version, serialNumber, signature, issuer, … } }
  const tbs = (signer.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
  const offset = tbs[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = tbs[offset]!;
  const issuer = tbs[offset + 2]!;
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with SHA-256 (default).
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(sha256(signerDer))])])])),
  ];
  // The signature is over the DER of the attributes as a SET; in SignerInfo they are [0] IMPLICIT.
  const signature = await key.signSignedAttributes(der(set(attributes)));
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    algorithm(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const certificates = [signerDer, ...rest].map((c) => asn1.fromDer(bin(c)));
  const signedData = seq([
    int(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}
