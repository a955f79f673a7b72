import { z } from 'zod';
import { formatVnIso } from '../../domain/calendar/index.js';
import type { Database } from '../../db/database.js';
import { findCitizenUploads } from '../../db/citizen-upload.repository.js';
import { listOnlineSubmissionEvents } from '../../db/online-submission.repository.js';
import { submissionFiles } from './submission-files.js';
import type {
  OnlineSubmissionEventRow,
  OnlineSubmissionEventType,
  OnlineSubmissionRow,
} from '../../db/online-submission.table.js';

/** Vietnamese names of what happened to a submission (history lines). */
export const submissionEventLabels: Readonly<Record<OnlineSubmissionEventType, string>> = {
  submitted: 'Nộp hồ sơ trực tuyến',
  completion_requested: 'Cán bộ tiếp nhận yêu cầu bổ sung, hoàn thiện hồ sơ',
  completed: 'Công dân bổ sung, hoàn thiện hồ sơ',
  accepted: 'Tiếp nhận hồ sơ',
  refused: 'Không tiếp nhận hồ sơ',
  supplemented: 'Công dân gửi hồ sơ bổ sung',
};

export const onlineStatusLabels = {
  pending: 'Chờ kiểm tra',
  awaiting_completion: 'Chờ công dân bổ sung',
  accepted: 'Đã tiếp nhận',
  refused: 'Không tiếp nhận',
} as const;

/** One line of the officers' queue. */
export const queueItemSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  receivingUnit: z.string(),
  submittedAt: z.string(),
  checkBy: z.string().describe('Legal time by which the desk must check and answer'),
  overdue: z.boolean().describe('Still pending after checkBy'),
  status: z.enum(['pending', 'awaiting_completion', 'accepted', 'refused']),
});

export function toQueueItem(row: OnlineSubmissionRow, now: number): z.output<typeof queueItemSchema> {
  return {
    code: row.code,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    applicantName: row.applicant_name,
    receivingUnit: row.receiving_unit,
    submittedAt: formatVnIso(row.submitted_at.getTime()),
    checkBy: formatVnIso(row.check_by.getTime()),
    overdue: row.status === 'pending' && row.check_by.getTime() <= now,
    status: row.status,
  };
}

export const submissionViewSchema = queueItemSchema.extend({
  statusLabel: z.string(),
  applicant: z.record(z.string(), z.unknown()),
  returnMethod: z.string(),
  copies: z.number().int().nullable(),
  components: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      fileId: z.string(),
      fileName: z.string(),
      href: z.string(),
    }),
  ),
  completionRequest: z
    .object({
      at: z.string(),
      by: z.string(),
      components: z.array(z.object({ code: z.string(), name: z.string() })),
      note: z.string(),
    })
    .nullable(),
  refusalReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  history: z.array(
    z.object({
      at: z.string(),
      type: z.string(),
      text: z.string(),
      actorKind: z.string(),
      actor: z.string(),
    }),
  ),
});
export type SubmissionView = z.output<typeof submissionViewSchema>;

const historyLine = (e: OnlineSubmissionEventRow) => ({
  at: formatVnIso(e.at.getTime()),
  type: e.type,
  text: submissionEventLabels[e.type],
  actorKind: e.actor_kind,
  actor: e.actor,
});

/** The submission as the receiving unit's officers check it. */
export async function submissionView(
  db: Database,
  row: OnlineSubmissionRow,
  now: number,
): Promise<SubmissionView> {
  const events = await listOnlineSubmissionEvents(db, row.code);
  // Filed, completed and (during processing) supplemented files: the officers see them all.
  const files = submissionFiles(row, events);
  const uploads = await findCitizenUploads(
    db,
    row.personal_id,
    files.map((c) => c.fileId),
  );
  const request = row.completion_request;
  return {
    ...toQueueItem(row, now),
    statusLabel: onlineStatusLabels[row.status],
    applicant: row.applicant as unknown as Record<string, unknown>,
    returnMethod: row.return_method,
    copies: row.copies,
    components: files.map((c) => ({
      code: c.code,
      name: c.name,
      fileId: c.fileId,
      fileName: uploads.get(c.fileId)?.name ?? c.fileId,
      href: `/online-submissions/${encodeURIComponent(row.code)}/files/${c.fileId}`,
    })),
    completionRequest: request
      ? { at: formatVnIso(request.at), by: request.by, components: request.components, note: request.note }
      : null,
    refusalReason: row.refusal_reason,
    decidedAt: row.decided_at ? formatVnIso(row.decided_at.getTime()) : null,
    decidedBy: row.decided_by,
    history: events.map(historyLine),
  };
}
