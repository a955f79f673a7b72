/**
 * The legal forms of the API: loads what they are filled from (a dossier's through
 * `db/dossier-form-input.ts`, shared with the archive; the register's period; the desk's guidance) and hands
 * it to the pure builders of `domain/forms`.
 */
import { vnDateTimeToInstant, addDays } from '../domain/calendar/index.js';
import { nationalStatusLabels } from '../domain/dossier/status.js';
import {
  buildDossierForm,
  buildGuidanceForm,
  buildRegisterForm,
  dossierFormKinds,
  formEntry,
  FormNotApplicableError,
  formSetOf,
  supplementRequests,
  type DossierForm,
  type DossierFormKind,
  type DossierFormListItem,
  type FormProcedure,
  type RegisterDossier,
  type RegisterForm,
  type SupplementForm,
} from '../domain/forms/index.js';
import { ruleSetOn } from '../domain/rules/rule-sets.js';
import type { Database } from '../db/database.js';
import {
  applicantOfRow,
  loadDossierFormInput,
  loadFormOrganisation as loadOrganisation,
  loadFormProcedure,
  toFormIssue,
  type FormOrganisation,
} from '../db/dossier-form-input.js';
import type { DossierRow } from '../db/dossier.table.js';
import { findGuidanceFormIssue } from '../db/form-issue.repository.js';
import {
  findReceiptGuidance,
  listDossiersReceivedBetween,
  listStepMovesOfDossiersReceivedBetween,
} from '../db/forms.repository.js';
import { findOfficerByUsername } from '../db/organisation.repository.js';
import { findProcedureVersion } from '../db/procedure.repository.js';
import { badRequest, notFound } from './errors.js';

export interface FormsService {
  /** A form of a dossier the caller may see. @throws FormNotApplicableError, ApiError (400). */
  dossierForm(
    row: DossierRow,
    kind: DossierFormKind,
    options?: { request?: number | undefined },
  ): Promise<DossierForm>;
  /** The forms of the dossier's set, each with whether it applies now and its printed number and title. */
  dossierForms(row: DossierRow): Promise<DossierFormListItem[]>;
  /** The tracking register of the tenant's dossiers received from `from` to `to` (inclusive local dates). */
  register(tenant: string, from: string, to: string): Promise<RegisterForm>;
  /** Mẫu 02 of a guidance given at the desk for an incomplete dossier; 404 outside the tenant. */
  guidanceForm(tenant: string, id: number): Promise<SupplementForm>;
}

export interface FormsServiceOptions {
  /** First receipt date of the Decree 118/2025 rule set (the register's set follows it). */
  ruleSetSwitchDate?: string | undefined;
}

/** The agency, its divisions' names and its receiving units as the forms print them; 404 for no tenant. */
export async function loadFormOrganisation(db: Database, tenant: string): Promise<FormOrganisation> {
  const org = await loadOrganisation(db, tenant);
  if (!org) throw notFound('Không tìm thấy đơn vị.');
  return org;
}

export function createFormsService(db: Database, options: FormsServiceOptions = {}): FormsService {
  const organisation = (tenant: string) => loadFormOrganisation(db, tenant);

  const procedureOf = (tenant: string, code: string, version: number) =>
    loadFormProcedure(db, tenant, code, version);
  const dossierInput = (row: DossierRow) => loadDossierFormInput(db, row);

  return {
    async dossierForm(row, kind, opts = {}) {
      const input = await dossierInput(row);
      if (kind === 'supplement' && opts.request !== undefined) {
        const count = supplementRequests(input.events).length;
        if (count > 0 && opts.request > count) {
          throw badRequest(
            'query.request',
            `Hồ sơ chỉ có ${count} lần yêu cầu bổ sung, hoàn thiện.`,
            'FORM.UNKNOWN_REQUEST',
          );
        }
      }
      return buildDossierForm(kind, input, opts);
    },

    async dossierForms(row) {
      const input = await dossierInput(row);
      const set = formSetOf(row.rule_set);
      // Each form is built as its route would build it, so a listed form answers 200 and no other does.
      return dossierFormKinds.flatMap((kind): DossierFormListItem[] => {
        const entry = formEntry(set, kind);
        if (!entry) return [];
        const base = { kind, number: entry.number, label: `Mẫu số ${entry.number}`, title: entry.title };
        try {
          const form = buildDossierForm(kind, input);
          return [{ ...base, available: true, documentNumber: form.documentNumber, reason: null }];
        } catch (err) {
          if (!(err instanceof FormNotApplicableError)) throw err;
          return [{ ...base, available: false, documentNumber: null, reason: err.message }];
        }
      });
    },

    async register(tenant, from, to) {
      const start = new Date(vnDateTimeToInstant(from, '00:00'));
      const end = new Date(vnDateTimeToInstant(addDays(to, 1), '00:00'));
      const [org, rows, moves] = await Promise.all([
        organisation(tenant),
        listDossiersReceivedBetween(db, tenant, start, end),
        listStepMovesOfDossiersReceivedBetween(db, tenant, start, end),
      ]);
      const movesOf = new Map<string, typeof moves>();
      for (const m of moves) movesOf.set(m.dossier_code, [...(movesOf.get(m.dossier_code) ?? []), m]);
      const procedures = new Map<string, Promise<FormProcedure>>();
      const procedure = (code: string, version: number) => {
        const key = `${code}#${version}`;
        if (!procedures.has(key)) procedures.set(key, procedureOf(tenant, code, version));
        return procedures.get(key)!;
      };
      const dossiers: RegisterDossier[] = await Promise.all(
        rows.map(async (r) => {
          const steps = (await procedure(r.procedure_code, r.procedure_version)).steps;
          const receiptStep = steps[0]?.id;
          const transfer = movesOf.get(r.code)?.find((m) => m.from_step_id === receiptStep);
          const resolving = steps.find((s) => s.kind === 'handling') ?? steps[1];
          return {
            code: r.code,
            procedureCode: r.procedure_code,
            procedureName: r.procedure_name,
            applicant: {
              fullName: r.applicant_name,
              idNumber: r.applicant_id_number,
              email: r.applicant_email,
              phone: r.applicant_phone,
            },
            channel: r.channel,
            receivedAt: r.received_at.getTime(),
            appointmentAt: r.appointment_at.getTime(),
            resolvingDivision: resolving?.division ?? null,
            transferredAt: transfer?.at.getTime() ?? null,
            resultReadyAt: r.result_ready_at?.getTime() ?? null,
            returnedAt: r.phase === 'returned' ? (r.finished_at?.getTime() ?? null) : null,
            statusLabel: nationalStatusLabels[r.status],
            phase: r.phase,
          };
        }),
      );
      const ruleSet = ruleSetOn(to, options.ruleSetSwitchDate);
      return buildRegisterForm({ agency: org.agency, divisions: org.divisions, ruleSet, from, to, dossiers });
    },

    async guidanceForm(tenant, id) {
      const guidance = await findReceiptGuidance(db, id);
      if (!guidance || guidance.tenant !== tenant) throw notFound('Không tìm thấy phiếu hướng dẫn.');
      const [org, procedureRow, officer, issue] = await Promise.all([
        organisation(tenant),
        findProcedureVersion(db, tenant, guidance.procedure_code, guidance.procedure_version),
        findOfficerByUsername(db, guidance.given_by),
        findGuidanceFormIssue(db, guidance.id),
      ]);
      return buildGuidanceForm({
        agency: org.agency,
        ruleSet: guidance.rule_set,
        unit: org.unit(guidance.received_unit),
        issue: issue ? toFormIssue(issue) : null,
        id: guidance.id,
        procedure: { code: guidance.procedure_code, name: procedureRow?.name ?? guidance.procedure_code },
        applicant: applicantOfRow(guidance),
        missing: guidance.missing,
        givenAt: guidance.given_at.getTime(),
        givenBy: { username: guidance.given_by, fullName: officer?.full_name ?? null },
      });
    },
  };
}
