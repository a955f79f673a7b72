/**
 * Loads what a dossier's legal forms are filled from (the projection row, the audit trail, the procedure
 * snapshot, the tenant, its divisions and receiving units, the numbers given to the forms) for the pure
 * builders of `domain/forms`. Shared by the API (`api/forms.service.ts`) and the archive, which puts the
 * printed forms into a dossier's package (`activities/archive.activities.ts`).
 */
import type { Applicant } from '../domain/applicant/index.js';
import { AGENCY_DESK_UNIT } from '../domain/dossier/desk.js';
import { nationalStatusLabels } from '../domain/dossier/status.js';
import type {
  DossierFormInput,
  FormAgency,
  FormApplicant,
  FormEvent,
  FormIssue,
  FormProcedure,
  FormUnit,
} from '../domain/forms/index.js';
import type { Database } from './database.js';
import { listDossierEvents } from './dossier.repository.js';
import type { DossierEventRow, DossierRow } from './dossier.table.js';
import { listDossierFormIssues } from './form-issue.repository.js';
import type { FormIssueRow } from './form-issue.table.js';
import { findTenant, officerDivisions } from './forms.repository.js';
import { listDivisions, listReceivingUnits } from './organisation.repository.js';
import type { ReceivingUnitRow } from './organisation.table.js';
import { findProcedureVersion } from './procedure.repository.js';

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
export function applicantOfRow(row: {
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

/** What the forms print of an organisation: the agency, its divisions' names, its receiving units. */
export interface FormOrganisation {
  agency: FormAgency;
  divisions: Record<string, string>;
  /** The receiving unit (the agency's own desk for null). @throws Error when the tenant has no such unit. */
  unit(code: string | null): FormUnit;
}

/** The agency, its divisions' names and its receiving units as the forms print them; undefined: no tenant. */
export async function loadFormOrganisation(
  db: Database,
  tenant: string,
): Promise<FormOrganisation | undefined> {
  const [row, divisionRows, unitRows] = await Promise.all([
    findTenant(db, tenant),
    listDivisions(db, tenant),
    listReceivingUnits(db, tenant),
  ]);
  if (!row) return undefined;
  const units = new Map(unitRows.map((u) => [u.code, toFormUnit(u)]));
  const unit = (code: string | null): FormUnit => {
    const found = units.get(code ?? AGENCY_DESK_UNIT);
    if (!found) throw new Error(`receiving unit ${code ?? AGENCY_DESK_UNIT} of ${tenant} is missing`);
    return found;
  };
  const agency: FormAgency = { name: row.name, unitCode: row.unit_code, symbol: row.symbol };
  return { agency, divisions: Object.fromEntries(divisionRows.map((d) => [d.code, d.name])), unit };
}

/** The procedure version a form prints. @throws Error when it is missing (a dossier always has one). */
export async function loadFormProcedure(
  db: Database,
  tenant: string,
  code: string,
  version: number,
): Promise<FormProcedure> {
  const found = await findProcedureVersion(db, tenant, code, version);
  if (!found) throw new Error(`procedure ${code} v${version} of ${tenant} is missing`);
  return found.definition;
}

/** Everything the forms of the dossier `row` are built from. @throws Error when its tenant is missing. */
export async function loadDossierFormInput(db: Database, row: DossierRow): Promise<DossierFormInput> {
  const [org, procedure, eventRows, issueRows] = await Promise.all([
    loadFormOrganisation(db, row.tenant),
    loadFormProcedure(db, row.tenant, row.procedure_code, row.procedure_version),
    listDossierEvents(db, row.code),
    listDossierFormIssues(db, row.code),
  ]);
  if (!org) throw new Error(`tenant ${row.tenant} of dossier ${row.code} is missing`);
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
