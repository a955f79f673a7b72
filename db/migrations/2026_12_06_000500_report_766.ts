import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * The reminder of a periodic report's due date (docs/reports.md, "Due dates and the reminder") is a
 * notification of its own kind, kept in the ledger once per tenant, period and year.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('step_reminder',
    'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest', 'applicant_received',
    'applicant_supplement', 'applicant_apology', 'applicant_result_ready', 'dossier_incident',
    'applicant_payment', 'report_due_reminder'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notification where kind = 'report_due_reminder'`.execute(db);
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('step_reminder',
    'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest', 'applicant_received',
    'applicant_supplement', 'applicant_apology', 'applicant_result_ready', 'dossier_incident',
    'applicant_payment'))`.execute(db);
}
