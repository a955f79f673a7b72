import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DossierFormKind } from '../domain/forms/form-sets.js';
import type { IssuerKind } from '../domain/forms/numbering.js';

/** A column written once and never updated (append-only tables). */
type Frozen<T> = ColumnType<T, T, never>;

/**
 * Last number given per issuer, form and Vietnam local year (docs/domain.md, "Forms (Mẫu 01–06)"). The
 * allocating transaction holds its row lock until it ends, so numbering is gap-free.
 */
export interface FormNumberCounterTable {
  tenant: string;
  issuer_kind: IssuerKind;
  /** The receiving unit's code, or the tenant's code for the agency. */
  issuer_code: string;
  form_kind: DossierFormKind;
  year: number;
  last: number;
}

/**
 * One document number given to a form: of a dossier (its `occurrence`-th form of the kind), of a desk
 * guidance, or of an online submission before acceptance (its refusal, its `occurrence`-th completion
 * request); exactly one of the three. Append-only: the database refuses UPDATE, DELETE and TRUNCATE.
 */
export interface FormIssueTable {
  id: Generated<number>;
  tenant: Frozen<string>;
  dossier_code: Frozen<string | null>;
  guidance_id: Frozen<number | null>;
  /** The online submission the desk refused or asked to complete (absent from rows written before it). */
  online_submission_code: ColumnType<string | null, string | null | undefined, never>;
  form_kind: Frozen<DossierFormKind>;
  occurrence: Frozen<number>;
  issuer_kind: Frozen<IssuerKind>;
  issuer_code: Frozen<string>;
  year: Frozen<number>;
  number: Frozen<number>;
  /** What the number prints after "Số: 15/", e.g. "PTN-TTPVHCC", as it was when issued. */
  symbol: Frozen<string>;
  issued_at: ColumnType<Date, Date, never>;
  /** Username of the officer whose action issued it; null for the system (a partner agency's answer). */
  issued_by: Frozen<string | null>;
  recorded_at: ColumnType<Date, Date | undefined, never>;
}

export type FormIssueRow = Selectable<FormIssueTable>;
export type NewFormIssueRow = Insertable<FormIssueTable>;
