/**
 * Document numbers of the issued forms (docs/domain.md, "Forms (Mẫu 01–06)"): allocated inside the
 * transaction that brings the form into being — the receipt, the desk guidance, the storing of the audit
 * event that issues it — so a rolled-back transaction gives its numbers back and a number, once committed,
 * is kept forever (`form_issue` is append-only).
 */
import type { Transaction } from 'kysely';
import { formEntry, formSetOf, type DossierFormKind } from '../domain/forms/form-sets.js';
import {
  documentSymbol,
  formsIssuedByEvent,
  issueYear,
  type FormIssueSpec,
  type IssuerKind,
} from '../domain/forms/numbering.js';
import type { DossierEvent, DossierState } from '../domain/dossier/types.js';
import type { RuleSetId } from '../domain/rules/rule-sets.js';
import type { Executor } from './database.js';
import type { FormIssueRow } from './form-issue.table.js';
import type { DB } from './schema.js';

/** What a form is issued for and by whom. */
export interface FormIssueContext {
  tenant: string;
  ruleSet: RuleSetId;
  /** Exactly one of the three. */
  dossierCode: string | null;
  guidanceId: number | null;
  /** An online submission not (yet) received: its refusal, its completion requests. */
  onlineSubmissionCode?: string | null;
  /** The receiving unit that works the dossier's desk (issuer `receiving_unit`). */
  receivingUnit: string;
  issuedAt: number;
  issuedBy: string | null;
}

/** The issuer's own symbol: the receiving unit's, or the agency's (the tenant's). */
async function issuerSymbol(trx: Executor, tenant: string, kind: IssuerKind, code: string): Promise<string> {
  const row =
    kind === 'agency'
      ? await trx.selectFrom('tenant').select('symbol').where('code', '=', code).executeTakeFirst()
      : await trx
          .selectFrom('receiving_unit')
          .select('symbol')
          .where('tenant', '=', tenant)
          .where('code', '=', code)
          .executeTakeFirst();
  if (!row) throw new Error(`issuer ${kind} ${code} of ${tenant} does not exist`);
  return row.symbol;
}

/**
 * The next number of the issuer's series of `kind` for `year`. The upsert's row lock serialises concurrent
 * issuers of the same series until the caller's transaction ends.
 */
async function nextNumber(
  trx: Transaction<DB>,
  key: { tenant: string; issuerKind: IssuerKind; issuerCode: string; kind: DossierFormKind; year: number },
): Promise<number> {
  const { last } = await trx
    .insertInto('form_number_counter')
    .values({
      tenant: key.tenant,
      issuer_kind: key.issuerKind,
      issuer_code: key.issuerCode,
      form_kind: key.kind,
      year: key.year,
      last: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant', 'issuer_kind', 'issuer_code', 'form_kind', 'year'])
        .doUpdateSet((eb) => ({ last: eb('form_number_counter.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return last;
}

/**
 * Gives each form of `specs` its number, in the caller's transaction; a form already numbered (the same
 * dossier, kind and occurrence) keeps the number it has.
 */
export async function issueForms(
  trx: Transaction<DB>,
  context: FormIssueContext,
  specs: readonly FormIssueSpec[],
): Promise<FormIssueRow[]> {
  const set = formSetOf(context.ruleSet);
  const year = issueYear(context.issuedAt);
  const rows: FormIssueRow[] = [];
  for (const spec of specs) {
    const formSymbol = formEntry(set, spec.kind)?.symbol;
    if (!formSymbol) continue;
    const existing = await findIssue(trx, context, spec);
    if (existing) {
      rows.push(existing);
      continue;
    }
    const issuerCode = spec.issuer === 'agency' ? context.tenant : context.receivingUnit;
    const symbol = documentSymbol(
      formSymbol,
      await issuerSymbol(trx, context.tenant, spec.issuer, issuerCode),
    );
    const number = await nextNumber(trx, {
      tenant: context.tenant,
      issuerKind: spec.issuer,
      issuerCode,
      kind: spec.kind,
      year,
    });
    const row = await trx
      .insertInto('form_issue')
      .values({
        tenant: context.tenant,
        dossier_code: context.dossierCode,
        guidance_id: context.guidanceId,
        online_submission_code: context.onlineSubmissionCode ?? null,
        form_kind: spec.kind,
        occurrence: spec.occurrence,
        issuer_kind: spec.issuer,
        issuer_code: issuerCode,
        year,
        number,
        symbol,
        issued_at: new Date(context.issuedAt),
        issued_by: context.issuedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    rows.push(row);
  }
  return rows;
}

function findIssue(db: Executor, context: FormIssueContext, spec: FormIssueSpec) {
  const query = db.selectFrom('form_issue').selectAll().where('form_kind', '=', spec.kind);
  if (context.dossierCode !== null) {
    return query
      .where('dossier_code', '=', context.dossierCode)
      .where('occurrence', '=', spec.occurrence)
      .executeTakeFirst();
  }
  if (context.guidanceId !== null)
    return query.where('guidance_id', '=', context.guidanceId).executeTakeFirst();
  return query
    .where('online_submission_code', '=', context.onlineSubmissionCode ?? '')
    .where('occurrence', '=', spec.occurrence)
    .executeTakeFirst();
}

/**
 * Numbers the forms an audit event issues (domain/forms/numbering.ts), in the transaction that stores the
 * event: called once, when the event is newly stored. `stepDivision`: division of the dossier's step after
 * the event.
 */
export async function issueFormsOfEvent(
  trx: Transaction<DB>,
  input: { event: DossierEvent; state: DossierState; stepDivision: string | null },
): Promise<void> {
  const { event, state, stepDivision } = input;
  const specs = formsIssuedByEvent(event, state, stepDivision);
  if (specs.length === 0) return;
  await issueForms(
    trx,
    {
      tenant: state.tenant,
      ruleSet: state.ruleSet,
      dossierCode: state.code,
      guidanceId: null,
      receivingUnit: state.desk.receivingUnit,
      issuedAt: event.at,
      issuedBy: event.actor?.username ?? null,
    },
    specs,
  );
}

/** The numbers of a dossier's forms, oldest first. */
export function listDossierFormIssues(db: Executor, code: string): Promise<FormIssueRow[]> {
  return db.selectFrom('form_issue').selectAll().where('dossier_code', '=', code).orderBy('id').execute();
}

/** The numbers of an online submission's forms (its refusal, its completion requests), oldest first. */
export function listSubmissionFormIssues(db: Executor, code: string): Promise<FormIssueRow[]> {
  return db
    .selectFrom('form_issue')
    .selectAll()
    .where('online_submission_code', '=', code)
    .orderBy('id')
    .execute();
}

/** The number of a desk guidance, if it has one. */
export function findGuidanceFormIssue(db: Executor, guidanceId: number): Promise<FormIssueRow | undefined> {
  return db.selectFrom('form_issue').selectAll().where('guidance_id', '=', guidanceId).executeTakeFirst();
}
