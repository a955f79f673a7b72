import { sql, type Kysely } from 'kysely';

/**
 * Forms of an online submission (docs/domain.md, "Online receipt"): the desk's refusal of a submission
 * (Mẫu 03) and its completion requests (Mẫu 02) are numbered in the receiving unit's series like the
 * others, so a `form_issue` row may point at an online submission instead of a dossier or a desk guidance
 * (exactly one of the three).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table form_issue add column online_submission_code text references online_submission (code);
    alter table form_issue drop constraint form_issue_subject_check;
    alter table form_issue add constraint form_issue_subject_check
      check (num_nonnulls(dossier_code, guidance_id, online_submission_code) = 1);
    create unique index form_issue_online_submission_key on form_issue
      (online_submission_code, form_kind, occurrence) where online_submission_code is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index form_issue_online_submission_key;
    alter table form_issue drop constraint form_issue_subject_check;
    alter table form_issue drop column online_submission_code;
    alter table form_issue add constraint form_issue_subject_check
      check ((dossier_code is null) <> (guidance_id is null));
  `.execute(db);
}
