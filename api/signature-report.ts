/**
 * The answer of a signature check (docs/signatures.md): the report of each signature of a result PDF and
 * the verdict, shared by the public check and the officers' view of a dossier's result.
 */
import type { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { verdictOf, verifyPdfSignatures, type SignatureReport } from '../common/signing/verify.js';
import { ApiError } from './errors.js';
import { FileErrorCode } from './routes/result-file.routes.js';

/** Stable codes of signature verification. */
export const SignatureErrorCode = {
  /** The PDF carries no signature. */
  NONE: 'SIGNATURE.NONE',
  /** The PDF's signature structures cannot be read (damaged file or signature). */
  UNREADABLE: 'SIGNATURE.UNREADABLE',
  /** No trusted root is configured, so there is none to download. */
  NO_ROOT: 'SIGNATURE.NO_ROOT',
} as const;

/** Largest PDF verified from an upload (20 MiB). */
export const VERIFY_MAX_BYTES = 20 * 1024 * 1024;
const FILE_FIELD = 'body.file';

export const fileError = (status: number, code: string, message: string) =>
  new ApiError(status, code, message, FILE_FIELD, [{ field: FILE_FIELD, message }]);
export const signatureSchema = z.object({
  valid: z
    .boolean()
    .describe('The CMS signature matches the signed bytes (ByteRange) and the certificate key'),
  signer: z.string().nullable().describe("Common name (CN) of the signer's certificate"),
  signedAt: z.string().nullable().describe('Signing time claimed in the signature dictionary (ISO 8601)'),
  modifiedAfter: z
    .boolean()
    .describe('The file has bytes after this signature that no later signature covers'),
  trusted: z
    .boolean()
    .describe('The certificate chains to a configured trusted root and was valid at signing'),
  reason: z.string().nullable(),
  location: z.string().nullable(),
});
export const verifySchema = z.object({
  signatures: z.array(signatureSchema),
  verdict: z
    .enum(['valid', 'untrusted', 'modified', 'invalid'])
    .describe('valid: every signature valid, trusted and not followed by changes; else the worst finding'),
});

export type VerifyAnswer = z.output<typeof verifySchema>;

/** The verification answer, or 415 (not a PDF) / 422 (no signature). */
export function verifyPdf(pdf: Buffer, roots: readonly X509Certificate[]): VerifyAnswer {
  if (!pdf.subarray(0, 1024).includes('%PDF-')) {
    throw fileError(
      415,
      FileErrorCode.UNSUPPORTED_TYPE,
      'Tệp không phải là PDF: chỉ kiểm tra được chữ ký trên tệp PDF.',
    );
  }
  let signatures: SignatureReport[];
  try {
    signatures = verifyPdfSignatures(pdf, roots);
  } catch {
    // A damaged PDF or signature dictionary: nothing can be said of its signatures.
    throw fileError(
      422,
      SignatureErrorCode.UNREADABLE,
      'Không đọc được chữ ký số trong tệp PDF (tệp hoặc chữ ký bị hỏng).',
    );
  }
  if (signatures.length === 0) {
    throw new ApiError(422, SignatureErrorCode.NONE, 'Tệp PDF không có chữ ký số nào.', FILE_FIELD);
  }
  return { signatures, verdict: verdictOf(signatures) };
}
