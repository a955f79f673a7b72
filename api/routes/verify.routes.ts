import type { Multipart } from '@fastify/multipart';
import type { X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { verdictOf, verifyPdfSignatures, type SignatureReport } from '../../common/signing/verify.js';
import type { Database } from '../../db/database.js';
import type { AppInstance } from '../app-instance.js';
import { ApiError, ErrorCode, errorBodySchema, fieldOf } from '../errors.js';
import { StoredFileNotFoundError, type FileStore } from '../../common/file-store.js';
import { notReturned, prove, proofSchema, returned } from './lookup.routes.js';
import { FileErrorCode, registerMultipartScope, uploadError } from './result-file.routes.js';

export interface VerifyRoutesDeps {
  db: Database;
  fileStore: FileStore;
  /** Roots a signer's certificate must chain to (`SIGNING_TRUSTED_ROOTS`). */
  trustedRoots: readonly X509Certificate[];
}

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

const signatureSchema = z.object({
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
const verifySchema = z.object({
  signatures: z.array(signatureSchema),
  verdict: z
    .enum(['valid', 'untrusted', 'modified', 'invalid'])
    .describe('valid: every signature valid, trusted and not followed by changes; else the worst finding'),
});

const fileError = (status: number, code: string, message: string) =>
  new ApiError(status, code, message, FILE_FIELD, [{ field: FILE_FIELD, message }]);
const tooLarge = () =>
  fileError(413, FileErrorCode.TOO_LARGE, 'Tệp vượt quá dung lượng cho phép (tối đa 20 MB).');

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The verification answer, or 415 (not a PDF) / 422 (no signature). */
function verify(pdf: Buffer, roots: readonly X509Certificate[]): z.output<typeof verifySchema> {
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

async function uploadedPdf(parts: AsyncIterable<Multipart>): Promise<Buffer> {
  let pdf: Buffer | undefined;
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || pdf) {
        part.file.resume();
        throw fileError(400, ErrorCode.VALIDATION_FAILED, 'Chỉ gửi một tệp, trong trường "file".');
      }
      pdf = await readAll(part.file, VERIFY_MAX_BYTES);
      if (part.file.truncated) throw tooLarge();
    }
  } catch (err) {
    // A malformed or cut multipart body is the client's: 400, like the other uploads.
    throw uploadError(err, VERIFY_MAX_BYTES);
  }
  if (!pdf) throw fileError(400, 'FILE.MISSING', 'Chưa gửi tệp (trường "file").');
  return pdf;
}

async function storedResult(deps: VerifyRoutesDeps, body: unknown): Promise<Buffer> {
  if (body !== null && typeof body === 'object' && 'file' in body) {
    throw fileError(
      400,
      ErrorCode.VALIDATION_FAILED,
      'Tệp PDF phải gửi dạng multipart/form-data, trong trường "file".',
    );
  }
  const parsed = proofSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: fieldOf('body', i.path), message: i.message }));
    throw new ApiError(
      400,
      ErrorCode.VALIDATION_FAILED,
      issues[0]?.message ?? 'Dữ liệu không hợp lệ.',
      issues[0]?.field,
      issues,
    );
  }
  const { dossier } = await prove(deps, parsed.data);
  if (!returned(dossier.state)) throw notReturned('kiểm tra chữ ký của kết quả');
  const result = dossier.state.result;
  if (!result) throw new ApiError(404, FileErrorCode.NOT_FOUND, 'Hồ sơ chưa có tệp kết quả số hóa.');
  try {
    return await readAll(await deps.fileStore.open(result.sha256), Number.MAX_SAFE_INTEGER);
  } catch (err) {
    if (err instanceof StoredFileNotFoundError) {
      throw new ApiError(500, FileErrorCode.MISSING_CONTENT, 'Không đọc được tệp kết quả trong kho lưu trữ.');
    }
    throw err;
  }
}

/**
 * Public signature checks (no login): `POST /public/verify-result` verifies the signatures of an uploaded
 * PDF, or of a dossier's stored result given the lookup proof; `GET /public/signing/root-certificate`
 * serves the trusted root(s) in PEM, to install in a PDF reader.
 */
export function registerVerifyRoutes(app: AppInstance, deps: VerifyRoutesDeps): void {
  app.get(
    '/public/signing/root-certificate',
    {
      schema: {
        operationId: 'signingRootCertificate',
        tags: ['public'],
        summary: 'The root certificate(s) the result signatures chain to (PEM)',
        response: {
          200: { description: 'PEM', content: { 'application/x-pem-file': { schema: z.string() } } },
          404: errorBodySchema,
        },
      },
    },
    async (_request, reply) => {
      if (deps.trustedRoots.length === 0) {
        throw new ApiError(404, SignatureErrorCode.NO_ROOT, 'Chưa cấu hình chứng thư gốc để ký số.');
      }
      return reply
        .type('application/x-pem-file')
        .header('content-disposition', 'attachment; filename="mot-cua-root-ca.pem"')
        .send(deps.trustedRoots.map((root) => root.toString()).join(''));
    },
  );

  registerMultipartScope(app, VERIFY_MAX_BYTES, { fields: 2, parts: 3 }, (scope) => {
    scope.post(
      '/public/verify-result',
      {
        // No params or headers; the body (a multipart stream or the JSON proof) is checked by the handler.
        validatorCompiler: () => (data: unknown) => ({ value: data }),
        schema: {
          operationId: 'verifyResult',
          tags: ['public'],
          summary: 'Kiểm tra chữ ký số: verify the signatures of a result PDF',
          description:
            'Public, no login, rate-limited with the lookup. Either multipart/form-data with one PDF in `file` ' +
            `(at most ${VERIFY_MAX_BYTES} bytes), or JSON {code, idNumber} (the lookup proof) to verify the ` +
            "dossier's stored result. 415 `FILE.UNSUPPORTED_TYPE` for a file that is not a PDF, 422 " +
            '`SIGNATURE.NONE` for a PDF without signature, 413 `FILE.TOO_LARGE`.',
          consumes: ['multipart/form-data', 'application/json'],
          body: z.union([z.object({ file: z.file().mime(['application/pdf']) }), proofSchema]),
          response: {
            200: verifySchema,
            ...Object.fromEntries([400, 404, 409, 413, 415, 422, 429].map((s) => [s, errorBodySchema])),
          },
        },
      },
      async (request) => {
        const pdf = request.isMultipart()
          ? await uploadedPdf(request.parts())
          : await storedResult(deps, request.body);
        return verify(pdf, deps.trustedRoots);
      },
    );
  });
}
