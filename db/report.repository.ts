import { sql } from 'kysely';
import { mainDivision, type AppointmentChange, type ReportDossier } from '../domain/report/index.js';
import type { Executor } from './database.js';

/** What a report of a tenant reads: its dossiers in the period's reach, names of divisions and agency. */
export interface ReportData {
  agency: { code: string; name: string; unitCode: string };
  dossiers: ReportDossier[];
  divisionNames: Record<string, string>;
}

/** Events whose payload sets the appointment in force from their time on (see `appointmentChange`). */
const APPOINTMENT_EVENTS = ['receive', 'record_supplement', 'calendar_changed', 'sign_apology'] as const;

/**
 * The appointment an event put in force: `appointmentAt` of the receipt and of a supplement received,
 * `newAppointmentAt` of the apology (Mẫu 04), the `appointment` move of a calendar change.
 */
function appointmentChange(type: string, payload: Record<string, unknown>): number | null {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  if (type === 'sign_apology') return num(payload.newAppointmentAt);
  if (type === 'calendar_changed') {
    const moves = Array.isArray(payload.moves) ? (payload.moves as Record<string, unknown>[]) : [];
    return num(moves.find((m) => m?.what === 'appointment')?.to);
  }
  return num(payload.appointmentAt);
}

interface SupplementJson {
  requestedAt?: unknown;
  resumedAt?: unknown;
}

/**
 * The dossiers of `tenant` a report of [start, end) may count: received before `end` and not returned,
 * refused or stopped before `start` (the pure report sorts out the rest), each with the division in
 * charge taken from its procedure version, its supplement requests (from the state), whether it was
 * withdrawn (a `withdraw` event before the stop) and the history of its appointment (from the audit trail).
 */
export async function loadReportData(
  db: Executor,
  tenant: string,
  bounds: { start: number; end: number },
): Promise<ReportData> {
  const start = new Date(bounds.start);
  const end = new Date(bounds.end);
  const inReach = db
    .selectFrom('dossier')
    .where('tenant', '=', tenant)
    .where('received_at', '<', end)
    .where((eb) => eb.or([eb('finished_at', 'is', null), eb('finished_at', '>=', start)]));

  const [agency, divisions, procedures, rows, events] = await Promise.all([
    db
      .selectFrom('tenant')
      .select(['code', 'name', 'unit_code'])
      .where('code', '=', tenant)
      .executeTakeFirst(),
    db.selectFrom('division').select(['code', 'name']).where('tenant', '=', tenant).execute(),
    db
      .selectFrom('procedure_version')
      .select(['code', 'version', sql<{ kind: string; division: string }[]>`definition->'steps'`.as('steps')])
      .where('tenant', '=', tenant)
      .execute(),
    inReach
      .select([
        'code',
        'procedure_code',
        'procedure_version',
        'procedure_name',
        'channel',
        'received_at',
        'phase',
        'result_ready_at',
        'finished_at',
        'appointment_at',
        'outcome',
        'apology_signed_at',
        'apology_late',
        sql<SupplementJson[] | null>`dossier.state->'supplements'`.as('supplements'),
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('dossier_event as e')
                .select('e.seq')
                .whereRef('e.dossier_code', '=', 'dossier.code')
                .where('e.type', '=', 'withdraw'),
            )
            .as('withdrawn'),
      ])
      .execute(),
    db
      .selectFrom('dossier_event as e')
      .innerJoin('dossier', 'dossier.code', 'e.dossier_code')
      .select(['e.dossier_code', 'e.at', 'e.type', 'e.payload'])
      .where('dossier.tenant', '=', tenant)
      .where('dossier.received_at', '<', end)
      .where((eb) => eb.or([eb('dossier.finished_at', 'is', null), eb('dossier.finished_at', '>=', start)]))
      .where('e.type', 'in', APPOINTMENT_EVENTS)
      .orderBy('e.dossier_code')
      .orderBy('e.seq')
      .execute(),
  ]);

  const divisionOf = new Map<string, string | null>(
    procedures.map((p) => [`${p.code}@${p.version}`, mainDivision(p.steps ?? [])]),
  );
  const appointments = new Map<string, AppointmentChange[]>();
  for (const e of events) {
    const appointmentAt = appointmentChange(e.type, e.payload);
    if (appointmentAt === null) continue;
    const list = appointments.get(e.dossier_code) ?? [];
    list.push({ at: e.at.getTime(), appointmentAt });
    appointments.set(e.dossier_code, list);
  }
  const instant = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

  const dossiers = rows.map((r): ReportDossier => ({
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    division: divisionOf.get(`${r.procedure_code}@${r.procedure_version}`) ?? null,
    channel: r.channel,
    receivedAt: r.received_at.getTime(),
    phase: r.phase,
    resultReadyAt: r.result_ready_at?.getTime() ?? null,
    finishedAt: r.finished_at?.getTime() ?? null,
    appointmentAt: r.appointment_at.getTime(),
    appointments: appointments.get(r.code) ?? [],
    outcome: r.outcome,
    apologySignedAt: r.apology_signed_at?.getTime() ?? null,
    apologyLate: r.apology_late,
    supplements: (r.supplements ?? []).flatMap((s) => {
      const requestedAt = instant(s.requestedAt);
      return requestedAt === null ? [] : [{ requestedAt, resumedAt: instant(s.resumedAt) }];
    }),
    withdrawn: Boolean(r.withdrawn),
  }));
  return {
    agency: agency
      ? { code: agency.code, name: agency.name, unitCode: agency.unit_code }
      : { code: tenant, name: tenant, unitCode: '' },
    dossiers,
    divisionNames: Object.fromEntries(divisions.map((d) => [d.code, d.name])),
  };
}
