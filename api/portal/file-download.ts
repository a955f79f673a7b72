import type { FastifyReply } from 'fastify';
import type { CitizenUploadRow } from '../../db/citizen-upload.table.js';
import { ApiError } from '../errors.js';
import { StoredFileNotFoundError, type FileStore } from '../../common/file-store.js';
import { sendStoredFile } from '../routes/result-file.routes.js';

/** Answers with a citizen's uploaded file (type, length, SHA-256, a UTF-8 download name). */
export async function streamCitizenUpload(
  reply: FastifyReply,
  fileStore: FileStore,
  upload: CitizenUploadRow,
): Promise<FastifyReply> {
  let stream;
  try {
    stream = await fileStore.open(upload.sha256);
  } catch (err) {
    if (!(err instanceof StoredFileNotFoundError)) throw err;
    reply.log.error({ sha256: upload.sha256 }, 'citizen upload missing from the file store');
    throw new ApiError(500, 'FILE.MISSING_CONTENT', 'Không đọc được tệp trong kho lưu trữ.');
  }
  return sendStoredFile(
    reply,
    { mediaType: upload.content_type, size: upload.size, fileName: upload.name, sha256: upload.sha256 },
    stream,
  );
}
