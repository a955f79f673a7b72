import { z } from 'zod';
import { formatVnIso } from '../domain/calendar/index.js';
import type { DossierListItem } from '../db/dossier.repository.js';

/**
 * A dossier as a line of a list (`GET /dossiers`, the managers' late list, …): the fields every list
 * shows. A list that shows more extends the schema and spreads {@link toDossierListItem}'s result.
 */
export const dossierListItemSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  status: z.number().int(),
  phase: z.string(),
  /** Division of the current step. */
  division: z.string().nullable(),
  assignee: z.string().nullable(),
  receivedAt: z.string(),
  appointmentAt: z.string(),
  stepDeadline: z.string().nullable(),
  overdue: z.boolean(),
  /** Escalated to the leadership: the dossier may miss its appointment. */
  atRisk: z.boolean(),
  /** The signed apology with a new appointment (Mẫu 04); `late`: signed after its legal limit. */
  apology: z.object({ signedAt: z.string(), late: z.boolean() }).nullable(),
});

export type DossierListItemView = z.infer<typeof dossierListItemSchema>;

/** The projection columns a list line is made of. */
export type DossierListItemRow = Pick<
  DossierListItem,
  | 'code'
  | 'procedure_code'
  | 'procedure_name'
  | 'status'
  | 'phase'
  | 'current_division'
  | 'assignee_username'
  | 'received_at'
  | 'appointment_at'
  | 'step_deadline'
  | 'overdue'
  | 'at_risk'
  | 'apology_signed_at'
  | 'apology_late'
>;

/** The one mapping of a dossier row to its list line (instants in Vietnam ISO-8601). */
export function toDossierListItem(r: DossierListItemRow): DossierListItemView {
  return {
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    status: r.status,
    phase: r.phase,
    division: r.current_division,
    assignee: r.assignee_username,
    receivedAt: formatVnIso(r.received_at.getTime()),
    appointmentAt: formatVnIso(r.appointment_at.getTime()),
    stepDeadline: r.step_deadline ? formatVnIso(r.step_deadline.getTime()) : null,
    overdue: r.overdue,
    atRisk: r.at_risk,
    apology: r.apology_signed_at
      ? { signedAt: formatVnIso(r.apology_signed_at.getTime()), late: r.apology_late }
      : null,
  };
}
