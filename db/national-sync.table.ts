import type { ColumnType, Generated, Selectable } from 'kysely';
import type { NationalStatus } from '../domain/dossier/types.js';
import type { SequencedNationalDocument } from '../domain/national-sync/document.js';

/**
 * One national status of a dossier waiting to reach, or delivered to, the national portal
 * (docs/national-sync.md). Appended in the transaction of the change; the pusher fills in the delivery.
 */
export interface NationalSyncOutboxTable {
  id: Generated<number>;
  tenant: ColumnType<string, string, never>;
  dossier_code: ColumnType<string, string, never>;
  /** 1, 2, 3… per dossier: the order of delivery (and the portal's SoThuTuTrangThai). */
  status_seq: ColumnType<number, number, never>;
  national_status: ColumnType<NationalStatus, NationalStatus, never>;
  /** What is pushed, as JSON text on insert. */
  document: ColumnType<SequencedNationalDocument, string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
  /** When the portal acknowledged it (2xx, or 409 "already have it"); null while pending. */
  delivered_at: ColumnType<Date | null, never, Date | string | null>;
  attempts: ColumnType<number, never, number>;
  /** The portal's refusal or the transport error of the last failed attempt (for managers). */
  last_error: ColumnType<string | null, never, string | null>;
  last_attempt_at: ColumnType<Date | null, never, Date | string>;
}

export type NationalSyncOutboxRow = Selectable<NationalSyncOutboxTable>;
