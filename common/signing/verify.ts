/**
 * Verification of the signatures of a PDF: for each /ByteRange, the CMS over those bytes (message digest
 * and RSA/ECDSA signature of the signed attributes, checked by Node's crypto), the signer's certificate
 * name, the signing time (/M), whether the file changed after it, and whether the certificate chains to a
 * trusted root.
 */
import { createHash, X509Certificate, verify as verifySignature } from 'node:crypto';
import forge from 'node-forge';
import { OID } from './cms.js';

export interface SignatureReport {
  valid: boolean;
  signer: string | null;
  signedAt: string | null;
  modifiedAfter: boolean;
  trusted: boolean;
  reason: string | null;
  location: string | null;
}

export type Verdict = 'valid' | 'untrusted' | 'modified' | 'invalid';

type Node = forge.asn1.Asn1;
const kids = (node: Node | undefined): Node[] => (Array.isArray(node?.value) ? node.value : []);
const bytes = (node: Node | undefined): Buffer =>
  Buffer.from(typeof node?.value === 'string' ? node.value : '', 'binary');
const oidOf = (node: Node | undefined) =>
  forge.asn1.derToOid(forge.util.createBuffer(bytes(node).toString('binary')));
/** A context-specific [0] node (node-forge types its tag number as a universal type). */
const isTag0 = (node: Node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && Number(node.type) === 0;
const derOf = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/** A text of the signature dictionary: literal (PDFDocEncoding ≈ Latin-1) or hex (UTF-16BE with BOM). */
function dictText(dict: string, key: string): string | null {
  const hex = new RegExp(`/${key}\\s*<([0-9A-Fa-f]*)>`).exec(dict);
  if (hex) {
    const raw = Buffer.from(hex[1]!, 'hex');
    return raw[0] === 0xfe && raw[1] === 0xff
      ? raw.subarray(2).swap16().toString('utf16le')
      : raw.toString('latin1');
  }
  const literal = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^)\\\\])*)\\)`).exec(dict);
  return literal ? literal[1]!.replace(/\\(.)/g, '$1') : null;
}

/** D:YYYYMMDDHHmmSS+07'00' → ISO 8601 instant. */
function pdfDate(value: string | null): string | null {
  const m = value && /D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2})?/.exec(value);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
  const at = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

function commonName(cert: X509Certificate): string | null {
  const subject = forge.pki.certificateFromPem(cert.toString()).subject.getField('CN') as {
    value: string;
  } | null;
  return subject ? Buffer.from(subject.value, 'binary').toString('utf8') : null;
}

function chainsTo(
  cert: X509Certificate,
  pool: X509Certificate[],
  roots: X509Certificate[],
  at: Date,
): boolean {
  let current = cert;
  for (let depth = 0; depth < 6; depth++) {
    if (at < new Date(current.validFrom) || at > new Date(current.validTo)) return false;
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) return true;
    const issuer = pool.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer) return false;
    current = issuer;
  }
  return false;
}

interface Checked {
  valid: boolean;
  signer: X509Certificate | null;
  pool: X509Certificate[];
}

function checkCms(cms: Buffer, content: Buffer[]): Checked {
  const root = forge.asn1.fromDer(forge.util.createBuffer(cms.toString('binary')), {
    parseAllBytes: false,
  } as unknown as boolean);
  const signedData = kids(kids(kids(root)[1])[0]);
  const pool = kids(signedData.find((n) => isTag0(n))).map((c) => new X509Certificate(derOf(c)));
  const info = kids(kids(signedData.at(-1))[0]);
  const [, sid, digestAlg, attrs, , signatureNode] = info;
  const serial = bytes(kids(sid)[1]).toString('hex').replace(/^0+/, '').toUpperCase();
  const signer = pool.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serial) ?? null;
  if (!signer || oidOf(kids(digestAlg)[0]) !== OID.sha256 || !attrs || !isTag0(attrs))
    return { valid: false, signer, pool };
  const hash = createHash('sha256');
  content.forEach((part) => hash.update(part));
  const digestAttr = kids(attrs).find((a) => oidOf(kids(a)[0]) === OID.messageDigest);
  const digestMatches = bytes(kids(kids(digestAttr)[1])[0]).equals(hash.digest());
  const signedAttrs = derOf(attrs);
  signedAttrs[0] = 0x31; // [0] IMPLICIT → SET OF, as it was signed
  const valid =
    digestMatches && verifySignature('sha256', signedAttrs, signer.publicKey, bytes(signatureNode));
  return { valid, signer, pool };
}

/** Every signature of `pdf`, in file order; `roots` are the trusted root certificates (PEM or DER). */
export function verifyPdfSignatures(pdf: Buffer, roots: readonly X509Certificate[]): SignatureReport[] {
  const text = pdf.toString('latin1');
  const found = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const ends = found.map((m) => Number(m[3]) + Number(m[4]));
  const lastSigned = Math.max(0, ...ends);
  return found.map((m, i) => {
    const [a, b, c, d] = [1, 2, 3, 4].map((k) => Number(m[k]));
    const dictStart = text.lastIndexOf(' obj', m.index);
    const dict = text.slice(dictStart, text.indexOf('endobj', m.index));
    const inFile = a! === 0 && b! < c! && c! + d! <= pdf.length;
    const hex = inFile ? text.slice(a + b!, c).replace(/[<>\s]/g, '') : '';
    let checked: Checked = { valid: false, signer: null, pool: [] };
    try {
      if (inFile) checked = checkCms(Buffer.from(hex, 'hex'), [pdf.subarray(0, b), pdf.subarray(c, c! + d!)]);
    } catch {
      // An unparsable CMS is an invalid signature, not an error of the request.
    }
    const signedAt = pdfDate(dictText(dict, 'M'));
    const at = signedAt ? new Date(signedAt) : new Date();
    return {
      valid: checked.valid,
      signer: checked.signer ? commonName(checked.signer) : null,
      signedAt,
      // Bytes after this revision that no later signature covers (a later signature's update is allowed).
      modifiedAfter: ends[i]! < pdf.length && lastSigned < pdf.length,
      trusted: checked.signer !== null && chainsTo(checked.signer, checked.pool, [...roots], at),
      reason: dictText(dict, 'Reason'),
      location: dictText(dict, 'Location'),
    };
  });
}

export function verdictOf(reports: readonly SignatureReport[]): Verdict {
  if (reports.some((r) => !r.valid)) return 'invalid';
  if (reports.some((r) => r.modifiedAfter)) return 'modified';
  if (reports.some((r) => !r.trusted)) return 'untrusted';
  return 'valid';
}

/** The certificates of PEM text (one or more BEGIN CERTIFICATE blocks). */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (block) => new X509Certificate(block),
  );
}
