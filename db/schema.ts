import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ArchivePackageTable } from './archive.table.js';
import type { CalendarEntryTable, CalendarVersionTable } from './calendar.table.js';
import type {
  DossierCodeCounterTable,
  DossierEventTable,
  DossierRejectionTable,
  DossierTable,
  IdempotencyKeyTable,
  ReceiptGuidanceTable,
} from './dossier.table.js';
import type { IdempotentRequestTable } from './idempotency.table.js';
import type { FormIssueTable, FormNumberCounterTable } from './form-issue.table.js';
import type { LiaisonCallbackTable, LiaisonRequestTable, PartnerAgencyTable } from './liaison.table.js';
import type { NationalSyncOutboxTable } from './national-sync.table.js';
import type { NotificationTable } from './notification.table.js';
import type { DivisionTable, OfficerTable, ReceivingUnitTable } from './organisation.table.js';
import type { PaymentCallbackTable, PaymentRequestTable } from './payment.table.js';
import type { ProcedureVersionTable } from './procedure.table.js';
import type { DossierIncidentTable } from './incident.table.js';
import type { DossierRatingTable } from './rating.table.js';
import type { StoredFileTable } from './stored-file.table.js';
import type { CitizenSessionTable, CitizenTable } from './citizen.table.js';
import type { CitizenUploadTable } from './citizen-upload.table.js';
import type { OnlineSubmissionEventTable, OnlineSubmissionTable } from './online-submission.table.js';
import type { PortalDraftTable } from './portal-draft.table.js';
import type { AnonymisationRunTable } from './anonymisation.table.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** A province or agency served by this installation (one Temporal namespace may host several). */
export interface TenantTable {
  code: string;
  name: string;
  /** Unit code per QCVN 102:2016 used as the dossier-code prefix, e.g. 000.00.53.H48 (configured: config/units.ts). */
  unit_code: string;
  /** Symbol in the numbers of the documents the agency issues, e.g. "SGDĐT" in "Số: 3/PXL-SGDĐT". */
  symbol: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface DB {
  tenant: TenantTable;
  calendar_version: CalendarVersionTable;
  calendar_entry: CalendarEntryTable;
  division: DivisionTable;
  officer: OfficerTable;
  receiving_unit: ReceivingUnitTable;
  procedure_version: ProcedureVersionTable;
  dossier: DossierTable;
  dossier_event: DossierEventTable;
  dossier_rejection: DossierRejectionTable;
  dossier_code_counter: DossierCodeCounterTable;
  idempotency_key: IdempotencyKeyTable;
  receipt_guidance: ReceiptGuidanceTable;
  stored_file: StoredFileTable;
  archive_package: ArchivePackageTable;
  citizen: CitizenTable;
  citizen_session: CitizenSessionTable;
  payment_request: PaymentRequestTable;
  payment_callback: PaymentCallbackTable;
  partner_agency: PartnerAgencyTable;
  liaison_request: LiaisonRequestTable;
  liaison_callback: LiaisonCallbackTable;
  notification: NotificationTable;
  dossier_rating: DossierRatingTable;
  dossier_incident: DossierIncidentTable;
  idempotent_request: IdempotentRequestTable;
  form_number_counter: FormNumberCounterTable;
  form_issue: FormIssueTable;
  national_sync_outbox: NationalSyncOutboxTable;
  online_submission: OnlineSubmissionTable;
  online_submission_event: OnlineSubmissionEventTable;
  citizen_upload: CitizenUploadTable;
  portal_draft: PortalDraftTable;
  anonymisation_run: AnonymisationRunTable;
}

export type TenantRow = Selectable<TenantTable>;
export type NewTenantRow = Insertable<TenantTable>;
export type { Generated };
