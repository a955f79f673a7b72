import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import type { ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import type { Database } from '../../db/database.js';
import { findCitizenUploads } from '../../db/citizen-upload.repository.js';
import type { SubmittedComponent } from '../../db/online-submission.table.js';
import { ApiError, badRequest } from '../errors.js';

/** One component the citizen files: the procedure's component code and the SHA-256 of their upload. */
export const componentFilesSchema = z
  .array(
    z.object({
      code: safeName(100).describe("Component code of the procedure's checklist"),
      fileId: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'Mã tệp là SHA-256 (64 chữ số hex) do POST /portal/uploads trả về')
        .describe('fileId of an upload of the signed-in citizen'),
    }),
  )
  .max(100)
  .refine((items) => new Set(items.map((i) => i.code)).size === items.length, 'Thành phần hồ sơ bị lặp');
export type ComponentFiles = z.output<typeof componentFilesSchema>;

/**
 * The components as stored: each a component of the procedure (400 `PORTAL.UNKNOWN_COMPONENT`) whose file
 * the citizen uploaded (400 `PORTAL.UNKNOWN_FILE`); with `required`, every required component of the
 * procedure present (400 `PORTAL.MISSING_COMPONENT`, one issue per missing one).
 */
export async function resolveComponentFiles(
  db: Database,
  personalId: string,
  procedure: Pick<ProcedureDefinition, 'components'>,
  items: ComponentFiles,
  opts: { required: boolean; field?: string },
): Promise<SubmittedComponent[]> {
  const field = opts.field ?? 'body.components';
  const byCode = new Map(procedure.components.map((c) => [c.code, c]));
  items.forEach((item, i) => {
    if (!byCode.has(item.code)) {
      throw badRequest(
        `${field}.${i}.code`,
        `Thủ tục không có thành phần hồ sơ "${item.code}".`,
        'PORTAL.UNKNOWN_COMPONENT',
      );
    }
  });
  if (opts.required) {
    const given = new Set(items.map((i) => i.code));
    const missing = procedure.components.filter((c) => c.required && !given.has(c.code));
    if (missing.length > 0) {
      const issues = missing.map((c) => ({ field, message: `Thiếu thành phần hồ sơ: ${c.name}.` }));
      throw new ApiError(
        400,
        'PORTAL.MISSING_COMPONENT',
        `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((c) => c.name).join('; ')}.`,
        field,
        issues,
      );
    }
  }
  const uploads = await findCitizenUploads(
    db,
    personalId,
    items.map((i) => i.fileId),
  );
  items.forEach((item, i) => {
    if (!uploads.has(item.fileId)) {
      throw badRequest(
        `${field}.${i}.fileId`,
        'Không tìm thấy tệp này trong các tệp ông/bà đã tải lên.',
        'PORTAL.UNKNOWN_FILE',
      );
    }
  });
  return items.map((item) => ({ code: item.code, fileId: item.fileId, name: byCode.get(item.code)!.name }));
}
