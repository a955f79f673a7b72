/**
 * Storage incidents: an audit event the database refused for good stops the dossier until an
 * administrator resolves it, by storing the event again (once the cause is fixed) or by discarding the
 * actions that were never stored. Pure: the workflow runs these in its handlers and loop.
 */
import type { DossierContext } from './context.js';
import { transition, type Transition } from './transition.js';
import type { Rejection } from './rejection.js';
import type { Actor, DossierState } from './types.js';

/** How an administrator ends an incident. */
export type IncidentResolution = 'retry' | 'discard';

/** An administrator's decision on the dossier's open incident. */
export interface IncidentDecision {
  readonly resolution: IncidentResolution;
  readonly note: string;
  readonly actor: Actor;
}

/** The event that could not be stored and why (what the workflow knows of its open incident). */
export interface OpenIncident {
  readonly seq: number;
  readonly eventType: string;
  readonly errorCode: string;
}

export const IncidentRejection = {
  /** Every action waits while an event of the dossier is not stored. */
  needsAttention: (): Rejection => ({
    code: 'DOSSIER.NEEDS_ATTENTION',
    kind: 'conflict',
    message:
      'Hồ sơ đang tạm dừng do sự cố lưu trữ dữ liệu và chờ quản trị hệ thống xử lý; vui lòng thử lại sau.',
  }),
  /** The action was taken but its record could not be stored: the dossier was handed to the administrators. */
  notStored: (): Rejection => ({
    code: 'DOSSIER.NEEDS_ATTENTION',
    kind: 'conflict',
    message:
      'Không lưu được thao tác do sự cố lưu trữ dữ liệu; hồ sơ đã được chuyển cho quản trị hệ thống xử lý.',
  }),
  adminOnly: (): Rejection => ({
    code: 'DOSSIER.INCIDENT_ADMIN_ONLY',
    kind: 'forbidden',
    message: 'Chỉ quản trị hệ thống được xử lý sự cố lưu trữ của hồ sơ.',
  }),
  noIncident: (): Rejection => ({
    code: 'DOSSIER.NO_INCIDENT',
    kind: 'conflict',
    message: 'Hồ sơ không có sự cố lưu trữ nào đang chờ xử lý.',
  }),
  nothingToRevertTo: (): Rejection => ({
    code: 'DOSSIER.INCIDENT_CANNOT_DISCARD',
    kind: 'conflict',
    message: 'Không thể hủy: chính sự kiện tiếp nhận hồ sơ chưa được lưu; chỉ có thể lưu lại.',
    field: 'resolution',
  }),
} as const;

/**
 * Whether the administrator's decision can apply: only an administrator, only with an open incident, and
 * a discard only when something was stored to go back to.
 */
export function checkIncidentDecision(
  incident: OpenIncident | null,
  stored: DossierState | null,
  decision: IncidentDecision,
): Rejection | null {
  if (decision.actor.role !== 'admin') return IncidentRejection.adminOnly();
  if (!incident) return IncidentRejection.noIncident();
  if (decision.resolution === 'discard' && !stored) return IncidentRejection.nothingToRevertTo();
  return null;
}

/**
 * The dossier back at its last stored state, with an audit event saying which actions were dropped and who
 * decided it (the next seq after the stored one).
 */
export function discardUnstored(
  ctx: DossierContext,
  stored: DossierState,
  discarded: readonly { readonly seq: number; readonly type: string }[],
  decision: IncidentDecision,
  now: number,
): Transition {
  return transition(ctx, stored, {
    type: 'incident_discarded',
    actor: decision.actor,
    at: now,
    next: stored,
    payload: { discarded: discarded.map((d) => ({ seq: d.seq, type: d.type })), note: decision.note },
  });
}
