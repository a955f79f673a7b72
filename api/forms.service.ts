/**
 * Loads what the legal forms are filled from (dossier projection, audit trail, procedure snapshot,
 * tenant and organisation) and hands it to the pure builders of `domain/forms`.
 */
import { vnDateTimeToInstant, addDays } from '../domain/calendar/index.js';
import { nationalStatusLabels } from '../domain/dossier/status.js';
import {
  buildDossierForm,
  buildGuidanceForm,
  buildRegisterForm,
  supplementRequests,
  type DossierForm,
  type DossierFormInput,
  type FormAgency,
  type FormEvent,
  type FormKind,
  type FormProcedure,
  type RegisterDossier,
  type RegisterForm,
  type SupplementForm,
} from '../domain/forms/index.js';
import { ONE_STOP_DESK_DIVISION } from '../domain/procedure/procedure-definition.js';
import type { Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import type { DossierEventRow, DossierRow } from '../db/dossier.table.js';
import {
  findReceiptGuidance,
  findTenant,
  listDossiersReceivedBetween,
  listStepMovesOfDossiersReceivedBetween,
  officerDivisions,
} from '../db/forms.repository.js';
import { findOfficerByUsername, listDivisions } from '../db/organisation.repository.js';
import { findProcedureVersion } from '../db/procedure.repository.js';
import { badRequest, notFound } from './errors.js';

export interface FormsService {
  /** A form of a dossier the caller may see. @throws FormNotApplicableError, ApiError (400). */
  dossierForm(
    row: DossierRow,
    kind: Exclude<FormKind, 'register'>,
    options?: { request?: number | undefined },
  ): Promise<DossierForm>;
  /** The tracking register of the tenant's dossiers received from `from` to `to` (inclusive local dates). */
  register(tenant: string, from: string, to: string): Promise<RegisterForm>;
  /** Mẫu 02 of a guidance given at the desk for an incomplete dossier; 404 outside the tenant. */
  guidanceForm(tenant: string, id: number): Promise<SupplementForm>;
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

export function createFormsService(db: Database): FormsService {
  async function organisation(
    tenant: string,
  ): Promise<{ agency: FormAgency; divisions: Record<string, string> }> {
    const [row, divisionRows] = await Promise.all([findTenant(db, tenant), listDivisions(db, tenant)]);
    if (!row) throw notFound('Không tìm thấy đơn vị.');
    const divisions = Object.fromEntries(divisionRows.map((d) => [d.code, d.name]));
    return {
      agency: {
        name: row.name,
        unitCode: row.unit_code,
        deskName: divisions[ONE_STOP_DESK_DIVISION] ?? 'Bộ phận Một cửa',
      },
      divisions,
    };
  }

  async function procedureOf(tenant: string, code: string, version: number): Promise<FormProcedure> {
    const found = await findProcedureVersion(db, tenant, code, version);
    if (!found) throw new Error(`procedure ${code} v${version} of ${tenant} is missing`);
    return found.definition;
  }

  return {
    async dossierForm(row, kind, options = {}) {
      const [org, procedure, eventRows] = await Promise.all([
        organisation(row.tenant),
        procedureOf(row.tenant, row.procedure_code, row.procedure_version),
        listDossierEvents(db, row.code),
      ]);
      const actors = await officerDivisions(
        db,
        eventRows.flatMap((e) => (e.actor_username ? [e.actor_username] : [])),
      );
      const input: DossierFormInput = {
        ...org,
        procedure,
        dossier: {
          code: row.code,
          channel: row.channel,
          applicant: {
            fullName: row.applicant_name,
            idNumber: row.applicant_id_number,
            email: row.applicant_email,
            phone: row.applicant_phone,
          },
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
        },
        events: eventRows.map((e) => toFormEvent(e, actors)),
      };
      if (kind === 'supplement' && options.request !== undefined) {
        const count = supplementRequests(input.events).length;
        if (count > 0 && options.request > count) {
          throw badRequest(
            'query.request',
            `Hồ sơ chỉ có ${count} lần yêu cầu bổ sung, hoàn thiện.`,
            'FORM.UNKNOWN_REQUEST',
          );
        }
      }
      return buildDossierForm(kind, input, options);
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
      return buildRegisterForm({ ...org, from, to, dossiers });
    },

    async guidanceForm(tenant, id) {
      const guidance = await findReceiptGuidance(db, id);
      if (!guidance || guidance.tenant !== tenant) throw notFound('Không tìm thấy phiếu hướng dẫn.');
      const [org, procedureRow, officer] = await Promise.all([
        organisation(tenant),
        findProcedureVersion(db, tenant, guidance.procedure_code, guidance.procedure_version),
        findOfficerByUsername(db, guidance.given_by),
      ]);
      return buildGuidanceForm({
        agency: org.agency,
        id: guidance.id,
        procedure: { code: guidance.procedure_code, name: procedureRow?.name ?? guidance.procedure_code },
        applicant: {
          fullName: guidance.applicant_name,
          idNumber: guidance.applicant_id_number,
          email: guidance.applicant_email,
          phone: guidance.applicant_phone,
        },
        missing: guidance.missing,
        givenAt: guidance.given_at.getTime(),
        givenBy: { username: guidance.given_by, fullName: officer?.full_name ?? null },
      });
    },
  };
}
