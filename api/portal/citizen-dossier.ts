import { z } from 'zod';
import { formatVnIso } from '../../domain/calendar/index.js';
import { actionLabels } from '../../domain/dossier/labels.js';
import { nationalStatusLabels } from '../../domain/dossier/status.js';
import type { NationalStatus } from '../../domain/dossier/types.js';
import type { Database } from '../../db/database.js';
import { findCitizenUploads } from '../../db/citizen-upload.repository.js';
import { findDossier, listDossierEvents } from '../../db/dossier.repository.js';
import type { DossierRow } from '../../db/dossier.table.js';
import { listOnlineSubmissionEvents } from '../../db/online-submission.repository.js';
import type { OnlineSubmissionRow } from '../../db/online-submission.table.js';
import { findReceivingUnit } from '../../db/organisation.repository.js';
import { listPaymentRequests } from '../../db/payment.repository.js';
import { findRating } from '../../db/rating.repository.js';
import { ratingLevels } from '../../db/rating.table.js';
import { errorBodySchema } from '../errors.js';
import { safeName } from '../../domain/text.js';
import { submissionFiles } from './submission-files.js';
import { submissionEventLabels } from './submission-view.js';

export const portalCodeParams = z.object({ code: safeName(100) });
export const portalErrors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** The dossier events a citizen reads in the history (not the internal escalations and assignments). */
const CITIZEN_EVENTS = new Set<string>([
  'request_supplement',
  'record_supplement',
  'refuse',
  'withdraw',
  'stop',
  'payment_requested',
  'payment_confirmed',
  'record_cash_payment',
  'mark_result_ready',
  'return_result',
  'sign_apology',
]);

const named = z.object({ code: z.string(), name: z.string() });

export const citizenDossierSchema = z.object({
  code: z.string(),
  procedure: named,
  submittedAt: z.string(),
  receivedAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  nationalStatus: z.number().int(),
  statusLabel: z.string(),
  returnMethod: z.string(),
  receivingUnit: named,
  applicant: z.record(z.string(), z.unknown()),
  components: z.array(named.extend({ fileId: z.string(), fileName: z.string() })),
  history: z.array(z.object({ at: z.string(), text: z.string() })),
  request: z
    .object({
      kind: z.enum(['complete', 'supplement']),
      at: z.string(),
      text: z.string(),
      components: z.array(named),
    })
    .nullable(),
  payment: z
    .object({ amount: z.number(), status: z.enum(['pending', 'paid']), payable: z.boolean() })
    .nullable(),
  result: z.object({ available: z.boolean(), fileName: z.string().nullable() }),
  rating: z.object({ level: z.enum(ratingLevels), comment: z.string().nullable() }).nullable(),
  canRate: z.boolean(),
  refusal: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type CitizenDossier = z.output<typeof citizenDossierSchema>;

export const needsActionValues = ['complete', 'supplement', 'pay', 'download', 'rate'] as const;
export type NeedsAction = (typeof needsActionValues)[number] | null;

/** The national status of a submission, before it is a dossier or without one. */
export function submissionStatus(row: OnlineSubmissionRow, dossier: DossierRow | undefined): NationalStatus {
  if (dossier) return dossier.state.status;
  return row.status === 'refused' ? 3 : row.status === 'awaiting_completion' ? 5 : 1;
}

/** What the citizen must do next, if anything. */
export function needsActionOf(
  v: Pick<CitizenDossier, 'request' | 'payment' | 'result' | 'canRate'>,
): NeedsAction {
  if (v.request) return v.request.kind;
  if (v.payment?.payable) return 'pay';
  if (v.canRate) return 'rate';
  return v.result.available ? 'download' : null;
}

/** The citizen's view of one of their dossiers (docs/domain.md, "Online receipt"). */
export async function citizenDossierView(db: Database, row: OnlineSubmissionRow): Promise<CitizenDossier> {
  const [dossier, events, unit] = await Promise.all([
    row.status === 'accepted' ? findDossier(db, row.code) : Promise.resolve(undefined),
    listOnlineSubmissionEvents(db, row.code),
    findReceivingUnit(db, row.tenant, row.receiving_unit),
  ]);
  const files = submissionFiles(row, events);
  const [uploads, dossierEvents, payments, rating] = await Promise.all([
    findCitizenUploads(
      db,
      row.personal_id,
      files.map((f) => f.fileId),
    ),
    dossier ? listDossierEvents(db, row.code) : Promise.resolve([]),
    dossier ? listPaymentRequests(db, row.code) : Promise.resolve([]),
    dossier ? findRating(db, row.code) : Promise.resolve(undefined),
  ]);
  const state = dossier?.state;
  const status = submissionStatus(row, dossier);
  const history = [
    ...events.map((e) => ({ at: e.at.getTime(), text: submissionEventLabels[e.type] })),
    ...dossierEvents
      .filter((e) => CITIZEN_EVENTS.has(e.type))
      .map((e) => ({ at: e.at.getTime(), text: actionLabels[e.type] })),
  ].sort((a, b) => a.at - b.at);
  const supplement = state?.phase === 'awaiting_supplement' ? state.supplements.at(-1) : undefined;
  const completion = row.status === 'awaiting_completion' ? row.completion_request : null;
  const payment = payments.filter((p) => p.status === 'pending' || p.status === 'paid').at(-1);
  const returned = state?.phase === 'returned';
  const refusedEvent = dossierEvents.findLast((e) => e.type === 'refuse');
  const view: CitizenDossier = {
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    submittedAt: formatVnIso(row.submitted_at.getTime()),
    receivedAt: state ? formatVnIso(state.receivedAt) : null,
    appointmentAt: state ? formatVnIso(state.appointmentAt) : null,
    nationalStatus: status,
    statusLabel: nationalStatusLabels[status],
    returnMethod: row.return_method,
    receivingUnit: { code: row.receiving_unit, name: unit?.name ?? row.receiving_unit },
    applicant: row.applicant,
    components: files.map((f) => ({ ...f, fileName: uploads.get(f.fileId)?.name ?? f.fileId })),
    history: history.map((h) => ({ at: formatVnIso(h.at), text: h.text })),
    request: completion
      ? {
          kind: 'complete',
          at: formatVnIso(completion.at),
          text: completion.note,
          components: completion.components,
        }
      : supplement
        ? {
            kind: 'supplement',
            at: formatVnIso(supplement.requestedAt),
            text: supplement.reason,
            components: supplement.items.map((item) => ({ code: item, name: item })),
          }
        : null,
    payment: payment
      ? {
          amount: payment.amount,
          status: payment.status === 'paid' ? 'paid' : 'pending',
          payable: payment.status === 'pending' && payment.pay_url !== null,
        }
      : null,
    result: {
      available: returned && !!state?.result,
      fileName: returned ? (state?.result?.fileName ?? null) : null,
    },
    rating: rating ? { level: rating.level, comment: rating.comment } : null,
    canRate: returned && !rating,
    refusal:
      row.status === 'refused' && row.decided_at && row.refusal_reason
        ? { at: formatVnIso(row.decided_at.getTime()), reason: row.refusal_reason }
        : refusedEvent && state?.phase === 'refused'
          ? {
              at: formatVnIso(refusedEvent.at.getTime()),
              reason: typeof refusedEvent.payload.reason === 'string' ? refusedEvent.payload.reason : '',
            }
          : null,
  };
  return view;
}
