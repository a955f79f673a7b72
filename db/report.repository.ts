import { sql } from 'kysely';
import type { CalendarDefinition } from '../domain/calendar/index.js';
import { AGENCY_DESK_UNIT } from '../domain/dossier/desk.js';
import { resultKinds, resultNeedsFile, type ResultKind } from '../domain/procedure/procedure-definition.js';
import {
  mainDivision,
  type AppointmentChange,
  type IndicatorFacts,
  type IndicatorDossier,
} from '../domain/report/index.js';
import type { Executor } from './database.js';

/**
 * What a report of a tenant reads: its dossiers in the period's reach, names of divisions, receiving
 * units and agency, and the calendar versions the dossiers count their time with.
 */
export interface ReportData {
  agency: { code: string; name: string; unitCode: string };
  dossiers: IndicatorDossier[];
  divisionNames: Record<string, string>;
  receivingUnits: Record<string, { name: string; formerProvince: string | null }>;
  calendars: Map<number, CalendarDefinition>;
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

/** `state.payment` as stored (domain/dossier/types.ts, PaymentState). */
interface PaymentJson {
  status?: unknown;
  method?: unknown;
  paidAt?: unknown;
}

const instant = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The fee once paid, from `state.payment`; null while pending or when there is none. */
function feePaid(payment: PaymentJson | null): IndicatorFacts['feePaid'] {
  const at = instant(payment?.paidAt);
  if (payment?.status !== 'paid' || at === null) return null;
  if (payment.method !== 'online' && payment.method !== 'cash') return null;
  return { method: payment.method, at };
}

/** Whether a procedure version's result is a document (digitised), from its stored `resultKind`. */
function resultIsDocument(kind: string | null | undefined): boolean | null {
  if (!resultKinds.includes(kind as ResultKind)) return null;
  return resultNeedsFile({ resultKind: kind as ResultKind });
}

/**
 * The dossiers of `tenant` a report of [start, end) may count: received before `end` and not returned,
 * refused or stopped before `start` (the pure report sorts out the rest), each with the division in
 * charge taken from its procedure version, its supplement requests (from the state), whether it was
 * withdrawn (a `withdraw` event before the stop) and the history of its appointment (from the audit trail);
 * and what Decision 766's indicators read: where it was received, whether its procedure's result is a
 * document and its result file is attached, its fee (`state.payment`), its rating.
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

  const [agency, divisions, units, procedures, rows, events] = await Promise.all([
    db
      .selectFrom('tenant')
      .select(['code', 'name', 'unit_code'])
      .where('code', '=', tenant)
      .executeTakeFirst(),
    db.selectFrom('division').select(['code', 'name']).where('tenant', '=', tenant).execute(),
    db
      .selectFrom('receiving_unit')
      .select(['code', 'name', 'former_province'])
      .where('tenant', '=', tenant)
      .execute(),
    db
      .selectFrom('procedure_version')
      .select([
        'code',
        'version',
        sql<{ kind: string; division: string }[]>`definition->'steps'`.as('steps'),
        sql<string | null>`definition->>'resultKind'`.as('result_kind'),
      ])
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
        'received_unit',
        'calendar_version',
        sql<boolean>`coalesce(jsonb_typeof(dossier.state->'result') = 'object', false)`.as('result_attached'),
        sql<PaymentJson | null>`dossier.state->'payment'`.as('payment'),
        (eb) =>
          eb
            .selectFrom('dossier_rating as r')
            .select(sql<string>`r.level`.as('level'))
            .whereRef('r.dossier_code', '=', 'dossier.code')
            .as('rating_level'),
        (eb) =>
          eb
            .selectFrom('dossier_rating as r')
            .select('r.rated_at')
            .whereRef('r.dossier_code', '=', 'dossier.code')
            .as('rated_at'),
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
  const documentResult = new Map(
    procedures.map((p) => [`${p.code}@${p.version}`, resultIsDocument(p.result_kind)]),
  );
  const appointments = new Map<string, AppointmentChange[]>();
  for (const e of events) {
    const appointmentAt = appointmentChange(e.type, e.payload);
    if (appointmentAt === null) continue;
    const list = appointments.get(e.dossier_code) ?? [];
    list.push({ at: e.at.getTime(), appointmentAt });
    appointments.set(e.dossier_code, list);
  }
  const dossiers = rows.map((r): IndicatorDossier => ({
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
    // Dossiers received before receiving units were recorded were received at the Sở's own desk.
    receivedUnit: r.received_unit ?? AGENCY_DESK_UNIT,
    calendarVersion: r.calendar_version,
    resultIsDocument: documentResult.get(`${r.procedure_code}@${r.procedure_version}`) ?? null,
    resultDigitised: r.result_attached,
    // stored_file keeps result files only: the product does not digitise dossier components yet.
    componentsDigitised: false,
    feePaid: feePaid(r.payment),
    rating:
      r.rating_level !== null && r.rated_at !== null
        ? { dissatisfied: r.rating_level === 'dissatisfied', at: r.rated_at.getTime() }
        : null,
  }));
  const versions = [...new Set(dossiers.map((d) => d.calendarVersion))];
  const calendars =
    versions.length === 0
      ? []
      : await db
          .selectFrom('calendar_version')
          .select(['version', 'definition'])
          .where('tenant', '=', tenant)
          .where('version', 'in', versions)
          .execute();
  return {
    agency: agency
      ? { code: agency.code, name: agency.name, unitCode: agency.unit_code }
      : { code: tenant, name: tenant, unitCode: '' },
    dossiers,
    divisionNames: Object.fromEntries(divisions.map((d) => [d.code, d.name])),
    receivingUnits: Object.fromEntries(
      units.map((u) => [u.code, { name: u.name, formerProvince: u.former_province }]),
    ),
    calendars: new Map(calendars.map((c) => [c.version, c.definition])),
  };
}

/**
 * Who is reminded of a periodic report's due date: the heads of the tenant's divisions of kind `division`
 * (each division reports), and every officer of the `office` division (the Văn phòng compiles the Sở's
 * report); active, with an e-mail address, by username.
 */
export function listReportReminderRecipients(
  db: Executor,
  tenant: string,
  office: string,
): Promise<{ username: string; full_name: string; email: string }[]> {
  return db
    .selectFrom('officer')
    .select(['username', 'full_name', 'email'])
    .where('tenant', '=', tenant)
    .where('active', '=', true)
    .where('email', '<>', '')
    .where((eb) =>
      eb.or([
        eb('division_code', '=', office),
        eb.and([
          eb('role', '=', 'head'),
          eb(
            'division_code',
            'in',
            eb
              .selectFrom('division')
              .select('code')
              .where('tenant', '=', tenant)
              .where('kind', '=', 'division'),
          ),
        ]),
      ]),
    )
    .orderBy('username')
    .execute();
}
