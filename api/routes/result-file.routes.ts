import multipart from '@fastify/multipart';
import type { Client } from '@temporalio/client';
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import type { Actor, DossierState } from '../../domain/dossier/index.js';
import type { Database } from '../../db/database.js';
import type { DossierRow } from '../../db/dossier.table.js';
import { deleteStoredFile, insertStoredFile } from '../../db/stored-file.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks, type Principal } from '../auth.js';
import { performDossierAction } from '../dossier-actions.js';
import { dossierViewSchema, type DossierView } from '../dossier-view.js';
import { idempotencyHeaders, idempotentUpdateId, type IdempotencyHooks } from '../idempotency.js';
import { ApiError, badRequest, ErrorCode, errorBodySchema } from '../errors.js';
import {
  acceptedMediaTypes,
  extensionsOf,
  FileStoreError,
  StoredFileNotFoundError,
  type AcceptedMediaType,
  type FileStore,
  type StoredContent,
} from '../../common/file-store.js';
import { actorOf } from './dossier-action.routes.js';
import { contentDisposition } from '../content-disposition.js';

export interface ResultFileRoutesDeps {
  db: Database;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
  client: Client;
  /** How long the attach action's Update may take (`ACTION_TIMEOUT_MS`); default api/outage.ts's. */
  actionTimeoutMs?: number | undefined;
  fileStore: FileStore;
  /** Largest accepted file, in bytes (`FILE_MAX_BYTES`). */
  maxBytes: number;
  /** The dossier of the officer's tenant, or 404. */
  loadDossier(code: string, principal: Principal): Promise<DossierRow>;
  /** The API view of a dossier in a given state. */
  view(row: DossierRow, state: DossierState, viewer: Actor): Promise<DossierView>;
}

/** Stable codes of refused uploads and downloads. */
export const FileErrorCode = {
  TOO_LARGE: 'FILE.TOO_LARGE',
  UNSUPPORTED_TYPE: 'FILE.UNSUPPORTED_TYPE',
  INVALID_PDF: 'FILE.INVALID_PDF',
  EMPTY: 'FILE.EMPTY',
  NOT_FOUND: 'FILE.NOT_FOUND',
  MISSING_CONTENT: 'FILE.MISSING_CONTENT',
} as const;

const FILE_FIELD = 'body.file';
const stepIdSchema = safeName(100);

const mib = (bytes: number): string =>
  `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

const fileError = (status: number, code: string, message: string): ApiError =>
  new ApiError(status, code, message, FILE_FIELD, [{ field: FILE_FIELD, message }]);

// ---------------------------------------------------------------------------------------------------------
// File names

// Control characters, and the invisible marks that can make "tailieu‮fdp.exe" read as something else.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /[\\/:*?"<>|]/g;
const MAX_STEM = 150;
const knownExtensions = new Set(Object.values(extensionsOf).flat());

/**
 * The name a stored file is given: the uploader's name in NFC without control or invisible characters nor
 * characters reserved in file names, at most 150 characters before the extension, and ending in an
 * extension of the detected type (a PNG sent as "scan.pdf" becomes "scan.png"; "QĐ 12.2025" gets ".pdf").
 */
export function cleanFileName(raw: string | undefined, mediaType: AcceptedMediaType): string {
  const name = (raw ?? '').normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '_').trim();
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot).toLowerCase() : '';
  const allowed = extensionsOf[mediaType];
  const keepsExtension = allowed.includes(extension);
  const stem = (keepsExtension || knownExtensions.has(extension) ? name.slice(0, dot) : name)
    .replace(/^[\s.]+/, '')
    .trimEnd();
  const shortStem = Array.from(stem).slice(0, MAX_STEM).join('').trimEnd() || 'ket-qua';
  return `${shortStem}${keepsExtension ? extension : allowed[0]}`;
}

// ---------------------------------------------------------------------------------------------------------
// Upload

interface Upload {
  stepId: string;
  content: StoredContent;
  fileName: string;
}

/** Turns what the store or the multipart parser refused into the API's answer; other errors pass. */
export function uploadError(err: unknown, maxBytes: number): unknown {
  if (err instanceof ApiError) return err;
  if (err instanceof FileStoreError) {
    switch (err.reason) {
      case 'too_large':
        return new ApiError(
          413,
          FileErrorCode.TOO_LARGE,
          `Tệp vượt quá dung lượng cho phép (tối đa ${mib(maxBytes)}).`,
          FILE_FIELD,
          [{ field: FILE_FIELD, message: `Tối đa ${mib(maxBytes)}.` }],
        );
      case 'unsupported_type':
        return fileError(
          415,
          FileErrorCode.UNSUPPORTED_TYPE,
          'Định dạng tệp không được chấp nhận: chỉ nhận PDF, PNG hoặc JPEG (kiểm tra theo nội dung tệp).',
        );
      case 'invalid_pdf':
        return fileError(
          415,
          FileErrorCode.INVALID_PDF,
          'Tệp không phải là PDF hợp lệ: không mở được (bị hỏng hoặc gửi thiếu) hoặc không có trang nào.',
        );
      case 'empty':
        return fileError(400, FileErrorCode.EMPTY, 'Tệp kết quả rỗng.');
      case 'not_found':
        return err;
    }
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT') {
    return fileError(400, ErrorCode.VALIDATION_FAILED, 'Chỉ gửi một tệp kết quả, trong trường "file".');
  }
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return badRequest('body', 'Biểu mẫu gửi lên có quá nhiều trường hoặc trường không hợp lệ.');
  }
  if (
    code === 'FST_MP_PREMATURE_CLOSE' ||
    /multipart|terminated early|boundary/i.test((err as Error | null)?.message ?? '')
  ) {
    return badRequest('body', 'Dữ liệu multipart/form-data không hợp lệ hoặc bị cắt ngang.');
  }
  return err;
}

/**
 * Reads the multipart form: the `stepId` field and one file in the `file` field, streamed into the store
 * (size and type checked on the way). The file may come before or after the field.
 */
async function readUpload(request: FastifyRequest, deps: ResultFileRoutesDeps): Promise<Upload> {
  let stepId: unknown;
  let content: StoredContent | undefined;
  let fileName: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || content) {
          part.file.resume();
          throw fileError(400, ErrorCode.VALIDATION_FAILED, 'Chỉ gửi một tệp kết quả, trong trường "file".');
        }
        content = await deps.fileStore.put(part.file, deps.maxBytes);
        fileName = part.filename;
      } else if (part.fieldname === 'stepId') {
        if (part.valueTruncated) throw badRequest('body.stepId', 'Mã bước xử lý quá dài.');
        stepId = part.value;
      }
      // Other fields are ignored.
    }
  } catch (err) {
    throw uploadError(err, deps.maxBytes);
  }
  if (!content) throw fileError(400, ErrorCode.VALIDATION_FAILED, 'Chưa gửi tệp kết quả (trường "file").');
  const step = stepIdSchema.safeParse(stepId);
  if (!step.success) throw badRequest('body.stepId', 'Thiếu hoặc sai mã bước xử lý (stepId).');
  return { stepId: step.data, content, fileName: cleanFileName(fileName, content.mediaType) };
}

// ---------------------------------------------------------------------------------------------------------
// Download

/**
 * Answers with the dossier's attached result file (the one recorded in its state, hence in the audit
 * event): its bytes with type, length, SHA-256 and a UTF-8 download name. 404 `FILE.NOT_FOUND` when the
 * dossier has none. Who may see it is the caller's business (officers of the tenant; the applicant
 * through the lookup once returned).
 */
export async function streamResultFile(
  reply: FastifyReply,
  deps: Pick<ResultFileRoutesDeps, 'fileStore'>,
  row: DossierRow,
): Promise<FastifyReply> {
  const result = row.state.result;
  if (!result) {
    throw new ApiError(404, FileErrorCode.NOT_FOUND, 'Hồ sơ chưa có tệp kết quả số hóa.');
  }
  let stream;
  try {
    stream = await deps.fileStore.open(result.sha256);
  } catch (err) {
    if (!(err instanceof StoredFileNotFoundError)) throw err;
    reply.log.error({ dossier: row.code, sha256: result.sha256 }, 'result file missing from the file store');
    throw new ApiError(
      500,
      FileErrorCode.MISSING_CONTENT,
      'Không đọc được tệp kết quả trong kho lưu trữ. Vui lòng báo quản trị hệ thống.',
    );
  }
  return sendStoredFile(reply, result, stream);
}

/** Sends a stored file: type, length, SHA-256, a UTF-8 download name, never cached nor sniffed. */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mediaType: string; size: number; fileName: string; sha256: string },
  stream: Readable,
): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-sha256', file.sha256)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(stream);
}

// ---------------------------------------------------------------------------------------------------------
// Routes

/**
 * `POST /dossiers/:code/result-file` (attach the digitised result at the digitisation step) and
 * `GET /dossiers/:code/result-file` (download it). Registered in their own scope, which alone parses
 * multipart/form-data.
 */
export function registerResultFileRoutes(app: AppInstance, deps: ResultFileRoutesDeps): void {
  registerMultipartScope(app, deps.maxBytes, { fields: 10, parts: 20 }, (scope) => {
    registerUpload(scope, deps);
    registerDownload(scope, deps);
  });
}

/**
 * Registers `routes` in a scope of their own, which alone parses multipart/form-data: one file of at most
 * `maxBytes` (the store refuses beyond) and at most `limits` fields and parts.
 */
export function registerMultipartScope(
  app: AppInstance,
  maxBytes: number,
  limits: { fields: number; parts: number },
  routes: (scope: AppInstance) => void,
): void {
  void app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: {
        // One byte more than allowed reaches the store, which refuses it: an exact-size file passes.
        fileSize: maxBytes + 1,
        files: 1,
        fields: limits.fields,
        fieldSize: 1024,
        parts: limits.parts,
        headerPairs: 50,
      },
    });
    // An answer given before the upload was read to its end (401, 404, 413, 415…): Node then drops the
    // connection, so tell the client not to send its next request on it.
    scope.addHook('onSend', async (request, reply, payload) => {
      if (!request.raw.complete) void reply.header('connection', 'close');
      return payload;
    });
    routes(scope);
  });
}

const codeParams = z.object({ code: safeName(100) });

/** Zod validation of params and headers; the multipart body is a stream the handler reads and checks. */
export function paramsAndHeadersOnly(
  route: Parameters<FastifySchemaCompiler<unknown>>[0],
): ReturnType<FastifySchemaCompiler<unknown>> {
  // Fastify hands a route compiler the schema of one part at a time (its types say: the route's schema).
  return route.httpPart === 'body'
    ? () => ({ value: undefined })
    : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
}

function registerUpload(app: AppInstance, deps: ResultFileRoutesDeps): void {
  app.post(
    '/dossiers/:code/result-file',
    {
      preHandler: deps.auth.authenticate,
      // The body is a stream read by the handler; its schema documents the form for OpenAPI only.
      validatorCompiler: paramsAndHeadersOnly,
      schema: {
        operationId: 'attachResultFile',
        tags: ['dossier actions'],
        summary:
          'Attach the result file: its scan at the digitisation step (số hóa kết quả), or the draft PDF of a ' +
          'digitally signed result before the approval',
        description:
          `multipart/form-data with the field \`stepId\` and one file in \`file\`: PDF, PNG or JPEG (told by the ` +
          `content, not by the name or the declared type), at most ${deps.maxBytes} bytes. The file is stored ` +
          'under its SHA-256, which the audit event records; a file whose type does not match its name gets the ' +
          'extension of its type. Only the officer of the step may attach (403/409 otherwise): the digitisation ' +
          "step's, or for a procedure whose result is signed digitally (docs/signatures.md) the handling or " +
          "approval step's, with a PDF (400 `DOSSIER.RESULT_NOT_PDF`); a new draft replaces the old one.",
        security: [{ bearerAuth: [] }],
        consumes: ['multipart/form-data'],
        params: codeParams,
        headers: idempotencyHeaders,
        body: z.object({
          stepId: safeName(100).describe('The step the officer acts on'),
          file: z
            .file()
            .mime([...acceptedMediaTypes])
            .describe('The result: PDF, PNG or JPEG'),
        }),
        response: {
          200: dossierViewSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          413: errorBodySchema,
          415: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { code } = request.params;
      // 404 before reading a single byte of the upload.
      const row = await deps.loadDossier(code, principal);
      if (!request.isMultipart()) {
        throw new ApiError(
          415,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          'Gửi tệp kết quả dưới dạng multipart/form-data (trường stepId và file).',
          'body',
        );
      }
      const upload = await readUpload(request, deps);
      // The key binds the file by its content, hence only now that it is read.
      const canonical = {
        params: request.params,
        stepId: upload.stepId,
        fileName: upload.fileName,
        sha256: upload.content.sha256,
      };
      if (await deps.idempotency.begin(request, reply, canonical)) return reply;
      const stored = await insertStoredFile(deps.db, {
        tenant: row.tenant,
        dossier_code: row.code,
        purpose: 'result',
        sha256: upload.content.sha256,
        size: upload.content.size,
        media_type: upload.content.mediaType,
        file_name: upload.fileName,
        uploaded_by: principal.username,
      });
      let state: DossierState;
      try {
        state = await performDossierAction(
          deps,
          code,
          {
            type: 'attach_result',
            stepId: upload.stepId,
            file: {
              fileId: stored.id,
              sha256: stored.sha256,
              fileName: stored.file_name,
              mediaType: stored.media_type,
              size: stored.size,
            },
          },
          actorOf(principal),
          idempotentUpdateId(request),
        );
      } catch (err) {
        // Refused by the workflow: the dossier did not take the file. (On any other failure the update may
        // have been applied, so the record stays.) The bytes stay: they are content-addressed.
        if (err instanceof ApiError) await deleteStoredFile(deps.db, stored.id);
        throw err;
      }
      // A retried request (same Idempotency-Key) answers with the first attempt's file: drop this record.
      if (state.result && state.result.fileId !== stored.id) await deleteStoredFile(deps.db, stored.id);
      return deps.view(row, state, actorOf(principal));
    },
  );
}

function registerDownload(app: AppInstance, deps: ResultFileRoutesDeps): void {
  app.get(
    '/dossiers/:code/result-file',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'downloadResultFile',
        tags: ['dossiers'],
        summary: "Download the dossier's digitised result file",
        description:
          'The file attached last (the one recorded in the dossier state and its audit event), with its ' +
          'SHA-256 in `x-content-sha256` and its name in `content-disposition` (UTF-8). Officers of the tenant.',
        security: [{ bearerAuth: [] }],
        params: codeParams,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              acceptedMediaTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
            ),
          },
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          500: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const row = await deps.loadDossier(request.params.code, principalOf(request));
      return streamResultFile(reply, deps, row);
    },
  );
}
