import { sql, type Transaction } from 'kysely';
import {
  ANONYMISED,
  applicantValues,
  personalValues,
  redactJson,
  redactText,
} from '../domain/applicant/redact.js';
import type { Database } from './database.js';
import type { DB } from './schema.js';

/** The citizen row anonymised online submissions point to (their citizen may be deleted). */
export const ANONYMISED_CITIZEN = '000000000000';

/** What one batch did. */
export interface AnonymisationBatch {
  codes: string[];
  guidances: number;
  citizens: number;
  finishedBefore: Date;
}

type Trx = Transaction<DB>;

/**
 * Anonymises, in one transaction, up to `limit` dossiers that finished more than `retentionYears` ago and
 * were archived (docs/personal-data.md): every live copy of their applicant's name, ID number, e-mail,
 * phone and address is replaced, the receipt guidances given before the same cut-off too, and the
 * citizens with nothing left on the portal are deleted. Records one `anonymisation_run` row when it did
 * anything. Idempotent: an anonymised dossier is never picked again; concurrent runs skip locked rows.
 */
export async function anonymiseDueDossiers(
  db: Database,
  input: { retentionYears: number; limit: number; actor: string },
): Promise<AnonymisationBatch> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('motcua.anonymise', 'on', true)`.execute(trx);
    const { rows } = await sql<{ cutoff: Date }>`
      select now() - make_interval(years => ${input.retentionYears}) as cutoff`.execute(trx);
    const finishedBefore = rows[0]!.cutoff;
    const due = await trx
      .selectFrom('dossier')
      .select(['code', 'applicant_name', 'applicant_id_number', 'applicant_email', 'applicant_phone'])
      .select('applicant')
      .where('anonymised_at', 'is', null)
      .where('archived_at', 'is not', null)
      .where('finished_at', '<', finishedBefore)
      .orderBy('finished_at')
      .limit(input.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const d of due) {
      await anonymiseDossier(trx, d.code, [
        d.applicant_name,
        d.applicant_id_number,
        d.applicant_email,
        d.applicant_phone,
        ...applicantValues(d.applicant),
      ]);
    }
    const guidances = await anonymiseGuidances(trx, finishedBefore, input.limit);
    const citizens = await deleteIdleCitizens(trx, finishedBefore);
    const codes = due.map((d) => d.code);
    if (codes.length + guidances > 0) {
      await trx
        .insertInto('anonymisation_run')
        .values({
          actor: input.actor,
          finished_before: finishedBefore,
          dossiers: codes.length,
          codes: JSON.stringify(codes),
          guidances,
        })
        .execute();
    }
    return { codes, guidances, citizens, finishedBefore };
  });
}

/** Every live row of one dossier, its applicant's values replaced (the audit trail is left as it is). */
async function anonymiseDossier(trx: Trx, code: string, known: (string | null | undefined)[]): Promise<void> {
  const submission = await trx
    .selectFrom('online_submission')
    .select(['applicant'])
    .where('code', '=', code)
    .executeTakeFirst();
  const secrets = personalValues([...known, ...applicantValues(submission?.applicant)]);
  const state = await trx
    .selectFrom('dossier')
    .select('state')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('dossier')
    .set({
      applicant_name: ANONYMISED,
      applicant_id_number: '',
      applicant_email: null,
      applicant_phone: null,
      applicant: null,
      state: JSON.stringify(redactJson(state.state, secrets)),
      anonymised_at: sql<Date>`now()`,
    })
    .where('code', '=', code)
    .execute();
  if (submission) {
    await trx
      .updateTable('online_submission')
      .set({
        applicant: JSON.stringify({
          kind: 'citizen',
          fullName: ANONYMISED,
          idNumber: '',
          address: ANONYMISED,
        }),
        applicant_name: ANONYMISED,
        personal_id: ANONYMISED_CITIZEN,
      } as never)
      .where('code', '=', code)
      .execute();
    await sql`update online_submission_event set actor = ${ANONYMISED}
      where submission_code = ${code} and actor_kind = 'citizen'`.execute(trx);
  }
  const rated = sql`update dossier_rating set comment = null where dossier_code = ${code}`;
  await rated.execute(trx);
  for (const [table, key, column] of REDACTED_COLUMNS) {
    await redactColumn(trx, { table, key, column, match: code, secrets });
  }
}

/** Columns that may have copied applicant values, by table and the column naming the dossier. */
const REDACTED_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['online_submission', 'code', 'refusal_reason'],
  ['online_submission', 'code', 'completion_request'],
  ['online_submission_event', 'submission_code', 'payload'],
  ['notification', 'dossier_code', 'recipients'],
  ['notification', 'dossier_code', 'subject'],
  ['dossier_rejection', 'dossier_code', 'payload'],
  ['idempotent_request', 'resource', 'response_body'],
  ['national_sync_outbox', 'dossier_code', 'document'],
  ['payment_request', 'dossier_code', 'description'],
];

/** Replaces `secrets` in one text or jsonb column of the rows whose `key` is `match`. */
async function redactColumn(
  trx: Trx,
  c: { table: string; key: string; column: string; match: string; secrets: string[] },
): Promise<void> {
  const { rows } = await sql<{ id: string; v: unknown }>`
    select ctid::text as id, ${sql.ref(c.column)} as v from ${sql.table(c.table)}
    where ${sql.ref(c.key)} = ${c.match} and ${sql.ref(c.column)} is not null`.execute(trx);
  for (const row of rows) {
    const text = typeof row.v === 'string';
    const next = text ? redactText(row.v as string, c.secrets) : redactJson(row.v, c.secrets);
    if (JSON.stringify(next) === JSON.stringify(row.v)) continue;
    const value = text ? sql`${next}` : sql`${JSON.stringify(next)}::jsonb`;
    await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${value}
      where ctid = ${row.id}::tid`.execute(trx);
  }
}

/** Mẫu 02 guidances (no dossier was made) given before the cut-off: their applicant is replaced. */
async function anonymiseGuidances(trx: Trx, before: Date, limit: number): Promise<number> {
  const result = await sql`
    update receipt_guidance set applicant_name = ${ANONYMISED}, applicant_id_number = '',
      applicant_email = null, applicant_phone = null, applicant = null
    where id in (select id from receipt_guidance where given_at < ${before}
      and applicant_name <> ${ANONYMISED} order by id limit ${limit} for update skip locked)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Citizens not seen since the cut-off whose submissions are all anonymised: their sessions, drafts,
 * uploads (names; the bytes of the content-addressed store are not touched) and account are deleted.
 */
async function deleteIdleCitizens(trx: Trx, before: Date): Promise<number> {
  const idle = sql`select personal_id from citizen c where c.personal_id <> ${ANONYMISED_CITIZEN}
    and c.last_login_at < ${before}
    and not exists (select 1 from online_submission s where s.personal_id = c.personal_id)`;
  for (const table of ['citizen_session', 'portal_draft', 'citizen_upload']) {
    await sql`delete from ${sql.table(table)} where personal_id in (${idle})`.execute(trx);
  }
  const result = await sql`delete from citizen where personal_id in (${idle})`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
