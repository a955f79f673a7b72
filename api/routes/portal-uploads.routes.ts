import { z } from 'zod';
import { upsertCitizenUpload } from '../../db/citizen-upload.repository.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf } from '../citizen-session.js';
import { ApiError, ErrorCode, errorBodySchema } from '../errors.js';
import { acceptedMediaTypes, type StoredContent } from '../../common/file-store.js';
import type { PortalDeps } from '../portal/deps.js';
import {
  cleanFileName,
  paramsAndHeadersOnly,
  registerMultipartScope,
  uploadError,
} from './result-file.routes.js';

const FILE_FIELD = 'body.file';
const missing = () =>
  new ApiError(400, 'FILE.MISSING', 'Chưa gửi tệp (trường "file").', FILE_FIELD, [
    { field: FILE_FIELD, message: 'Chưa gửi tệp.' },
  ]);

export const uploadAnswerSchema = z.object({
  fileId: z.string().describe('SHA-256 (hex) of the content: what a submission names'),
  name: z.string(),
  contentType: z.enum(acceptedMediaTypes),
  size: z.number().int(),
});

/**
 * `POST /portal/uploads`: a citizen's file (PDF, JPEG or PNG, told by the content), stored
 * content-addressed and recorded as the citizen's. In its own scope, which alone parses multipart.
 */
export function registerPortalUploadRoutes(app: AppInstance, deps: PortalDeps): void {
  registerMultipartScope(app, deps.maxBytes, { fields: 5, parts: 10 }, (scope) => {
    scope.post(
      '/portal/uploads',
      {
        preHandler: deps.citizens.requireCsrf,
        validatorCompiler: paramsAndHeadersOnly,
        schema: {
          operationId: 'portalUpload',
          tags: ['citizen portal'],
          summary: 'Upload a file for a submission (PDF, JPEG, PNG; checked by content)',
          description: `multipart/form-data, one file in \`file\`, at most ${deps.maxBytes} bytes.`,
          consumes: ['multipart/form-data'],
          body: z.object({ file: z.file().mime([...acceptedMediaTypes]) }),
          response: {
            201: uploadAnswerSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            403: errorBodySchema,
            413: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const citizen = citizenOf(request);
        if (!request.isMultipart()) {
          throw new ApiError(
            415,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            'Gửi tệp dưới dạng multipart/form-data (trường file).',
            'body',
          );
        }
        let content: StoredContent | undefined;
        let fileName: string | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type !== 'file') continue;
            if (part.fieldname !== 'file' || content) {
              part.file.resume();
              throw new ApiError(
                400,
                ErrorCode.VALIDATION_FAILED,
                'Chỉ gửi một tệp, trong trường "file".',
                FILE_FIELD,
              );
            }
            content = await deps.fileStore.put(part.file, deps.maxBytes);
            fileName = part.filename;
          }
        } catch (err) {
          throw uploadError(err, deps.maxBytes);
        }
        if (!content) throw missing();
        const name = cleanFileName(fileName, content.mediaType);
        await upsertCitizenUpload(deps.db, {
          personalId: citizen.personalId,
          sha256: content.sha256,
          name,
          contentType: content.mediaType,
          size: content.size,
          at: deps.now(),
        });
        return reply
          .status(201)
          .send({ fileId: content.sha256, name, contentType: content.mediaType, size: content.size });
      },
    );
  });
}
