/**
 * Loads what the legal forms are filled from (dossier projection, audit trail, procedure snapshot,
 * tenant, organisation and receiving units, the numbers given to the forms) and hands it to the pure
 * builders of `domain/forms`.
 */
import { vnDateTimeToInstant, addDays } from '../domain/calendar/index.js';
import { AGENCY_DESK_UNIT } from '../domain/dossier/desk.js';
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
  type DossierFormInput,
  type DossierFormKind,
  type DossierFormListItem,
  type FormAgency,
  type FormApplicant,
  type FormEvent,
  type FormIssue,
  type FormProcedure,
  type FormUnit,
  type RegisterDossier,
  type RegisterForm,
  type SupplementForm,
} from '../domain/forms/index.js';
import { ruleSetOn } from '../domain/rules/rule-sets.js';
import type { Applicant } from '../domain/applicant/index.js';
import type { Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import type { DossierEventRow, DossierRow } from '../db/dossier.table.js';
import { findGuidanceFormIssue, listDossierFormIssues } from '../db/form-issue.repository.js';
import type { FormIssueRow } from '../db/form-issue.table.js';
import {
  findReceiptGuidance,
  findTenant,
  listDossiersReceivedBetween,
  listStepMovesOfDossiersReceivedBetween,
  officerDivisions,
} from '../db/forms.repository.js';
import { findOfficerByUsername, listDivisions, listReceivingUnits } from '../db/organisation.repository.js';
import type { ReceivingUnitRow } from '../db/organisation.table.js';
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

function toFormEvent(e: DossierEventRow, divisions: Map<string, string>): FormEvent {
  return {
    seq: e.seq,
    at: e.at.getTime(),
    type: e.type,
    actor: e.actor_username
      ? {
          username: e.actor_username,
          name: e.actor_name ?? e.actor_username,
          role: e.actor_role ?? '',
          division: divisions.get(e.actor_username) ?? null,
        }
      : null,
    stepId: e.step_id,
    fromPhase: e.from_phase,
    toPhase: e.to_phase,
    fromStepId: e.from_step_id,
    toStepId: e.to_step_id,
    onTime: e.on_time,
    payload: e.payload,
  };
}

const toFormUnit = (u: ReceivingUnitRow): FormUnit => ({
  code: u.code,
  name: u.name,
  parentName: u.parent_name,
  symbol: u.symbol,
  address: u.address,
  place: u.place,
});

export const toFormIssue = (i: FormIssueRow): FormIssue => ({
  kind: i.form_kind,
  occurrence: i.occurrence,
  number: i.number,
  symbol: i.symbol,
});

/** The applicant as received; rows received before the full record existed have only the columns. */
function applicantOfRow(row: {
  applicant: Applicant | null;
  applicant_name: string;
  applicant_id_number: string;
  applicant_email: string | null;
  applicant_phone: string | null;
}): FormApplicant {
  const a = row.applicant;
  return {
    kind: a?.kind,
    fullName: row.applicant_name,
    idNumber: row.applicant_id_number,
    address: a?.address ?? null,
    email: row.applicant_email,
    phone: row.applicant_phone,
    representative: a?.representative ?? null,
  };
}

/** The agency, its divisions' names and its receiving units as the forms print them; 404 for no tenant. */
export async function loadFormOrganisation(db: Database, tenant: string) {
  const [row, divisionRows, unitRows] = await Promise.all([
    findTenant(db, tenant),
    listDivisions(db, tenant),
    listReceivingUnits(db, tenant),
  ]);
  if (!row) throw notFound('Không tìm thấy đơn vị.');
  const units = new Map(unitRows.map((u) => [u.code, toFormUnit(u)]));
  const unit = (code: string | null): FormUnit => {
    const found = units.get(code ?? AGENCY_DESK_UNIT);
    if (!found) throw new Error(`receiving unit ${code ?? AGENCY_DESK_UNIT} of ${tenant} is missing`);
    return found;
  };
  const agency: FormAgency = { name: row.name, unitCode: row.unit_code, symbol: row.symbol };
  return { agency, divisions: Object.fromEntries(divisionRows.map((d) => [d.code, d.name])), unit };
}

export function createFormsService(db: Database, options: FormsServiceOptions = {}): FormsService {
  const organisation = (tenant: string) => loadFormOrganisation(db, tenant);

  async function procedureOf(tenant: string, code: string, version: number): Promise<FormProcedure> {
    const found = await findProcedureVersion(db, tenant, code, version);
    if (!found) throw new Error(`procedure ${code} v${version} of ${tenant} is missing`);
    return found.definition;
  }

  async function dossierInput(row: DossierRow): Promise<DossierFormInput> {
    const [org, procedure, eventRows, issueRows] = await Promise.all([
      organisation(row.tenant),
      procedureOf(row.tenant, row.procedure_code, row.procedure_version),
      listDossierEvents(db, row.code),
      listDossierFormIssues(db, row.code),
    ]);
    const actors = await officerDivisions(
      db,
      eventRows.flatMap((e) => (e.actor_username ? [e.actor_username] : [])),
    );
    const receivingUnit = org.unit(row.received_unit);
    return {
      agency: org.agency,
      divisions: org.divisions,
      procedure,
      dossier: {
        code: row.code,
        ruleSet: row.rule_set,
        desk: {
          receivingUnit,
          returnMethod: row.return_method,
          // By post or online, the receiving unit sends the result (domain/dossier/types.ts DeskRoute).
          returnUnit: row.return_unit ? org.unit(row.return_unit) : receivingUnit,
        },
        channel: row.channel,
        applicant: applicantOfRow(row),
        components: row.components,
        receivedAt: row.received_at.getTime(),
        receivedBy: row.received_by,
        appointmentAt: row.appointment_at.getTime(),
        originalAppointmentAt: row.original_appointment_at.getTime(),
        status: row.status,
        statusLabel: nationalStatusLabels[row.status],
        phase: row.phase,
        resultReadyAt: row.result_ready_at?.getTime() ?? null,
        finishedAt: row.finished_at?.getTime() ?? null,
        apology: row.state.apology ?? null,
        copies: row.state.copies ?? null,
      },
      events: eventRows.map((e) => toFormEvent(e, actors)),
      issues: issueRows.map(toFormIssue),
    };
  }

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
