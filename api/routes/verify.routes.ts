import type { Multipart } from '@fastify/multipart';
import type { X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks, type Principal } from '../auth.js';
import type { DossierRow } from '../../db/dossier.table.js';
import { safeName } from '../../domain/text.js';
import { ApiError, ErrorCode, errorBodySchema, fieldOf } from '../errors.js';
import { StoredFileNotFoundError, type FileStore } from '../../common/file-store.js';
import { notReturned, prove, proofSchema, returned } from './lookup.routes.js';
import { FileErrorCode, registerMultipartScope, uploadError } from './result-file.routes.js';
import {
  fileError,
  SignatureErrorCode,
  verifyPdf,
  verifySchema,
  VERIFY_MAX_BYTES,
} from '../signature-report.js';

export interface VerifyRoutesDeps {
  db: Database;
  fileStore: FileStore;
  /** Roots a signer's certificate must chain to (`SIGNING_TRUSTED_ROOTS`). */
  trustedRoots: readonly X509Certificate[];
  /** The officers' check of a dossier's result: their login, and the dossier of their tenant (or 404). */
  officers: {
    auth: AuthHooks;
    loadDossier(code: string, principal: Principal): Promise<DossierRow>;
  };
}

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
  return storedBytes(deps, result.sha256);
}

/** The stored file's bytes (a file the store lost is the server's fault: 500). */
async function storedBytes(deps: Pick<VerifyRoutesDeps, 'fileStore'>, sha256: string): Promise<Buffer> {
  try {
    return await readAll(await deps.fileStore.open(sha256), Number.MAX_SAFE_INTEGER);
  } catch (err) {
    if (err instanceof StoredFileNotFoundError) {
      throw new ApiError(500, FileErrorCode.MISSING_CONTENT, 'Không đọc được tệp kết quả trong kho lưu trữ.');
    }
    throw err;
  }
}

const officerVerifySchema = verifySchema.extend({
  verdict: z
    .enum(['valid', 'untrusted', 'modified', 'invalid', 'unsigned'])
    .describe('As the public check; unsigned: the result carries no digital signature'),
});

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

  app.get(
    '/dossiers/:code/result-file/signatures',
    {
      preHandler: deps.officers.auth.authenticate,
      schema: {
        operationId: 'dossierResultSignatures',
        tags: ['dossiers'],
        summary: "The digital signatures of the dossier's result file, verified now",
        description:
          'Officers of the tenant, at any phase: the same report as the public check. A result without ' +
          'signature (a paper result\'s scan, an image) answers `verdict: "unsigned"` with no signature. ' +
          '404 `FILE.NOT_FOUND` before a result is attached.',
        security: [{ bearerAuth: [] }],
        params: z.object({ code: safeName(100) }),
        response: {
          200: officerVerifySchema,
          ...Object.fromEntries([400, 401, 404].map((s) => [s, errorBodySchema])),
        },
      },
    },
    async (request) => {
      const row = await deps.officers.loadDossier(request.params.code, principalOf(request));
      const result = row.state.result;
      if (!result) throw new ApiError(404, FileErrorCode.NOT_FOUND, 'Hồ sơ chưa có tệp kết quả.');
      if (result.mediaType !== 'application/pdf') return { signatures: [], verdict: 'unsigned' as const };
      const pdf = await storedBytes(deps, result.sha256);
      try {
        return verifyPdf(pdf, deps.trustedRoots);
      } catch (err) {
        if (err instanceof ApiError && err.code === SignatureErrorCode.NONE) {
          return { signatures: [], verdict: 'unsigned' as const };
        }
        throw err;
      }
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
        return verifyPdf(pdf, deps.trustedRoots);
      },
    );
  });
}
