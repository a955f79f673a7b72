/**
 * Open dossiers for the benches, as a receipt makes them: projection rows inserted in bulk, then their
 * dossier workflows started with the Temporal client, until each stored its receipt event. Shared by
 * `escalation.bench.ts` and `memory.bench.ts`.
 */
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { insertCalendarVersion } from '../db/calendar.repository.js';
import { dossierProjection, formatDossierCode } from '../db/dossier.repository.js';
import type { NewDossierRow } from '../db/dossier.table.js';
import { findOfficerByUsername } from '../db/organisation.repository.js';
import { findProcedureInForce } from '../db/procedure.repository.js';
import {
  createWorkingCalendar,
  toVnDate,
  type CalendarDefinition,
  type WorkingCalendar,
} from '../domain/calendar/index.js';
import {
  AGENCY_DESK_ROUTE,
  receiveDossier,
  type Actor,
  type DossierContext,
} from '../domain/dossier/index.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import { dossierWorkflow } from '../workflows/dossier/dossier.workflow.js';
import type { DossierWorkflowInput } from '../workflows/dossier/messages.js';
import { DossierProcedure, DossierTenant } from '../workflows/search-attributes.js';
import { procedureCode } from '../test/support/catalog.js';
import { allDayCalendar } from '../scripts/all-day-calendar.js';
import { sleep, type BenchRig } from './support.js';

/** One dossier to open: its code and receipt instant. */
export interface Planned {
  code: string;
  receivedAt: number;
}

export interface DossierBench {
  tenant: string;
  procedure: ProcedureDefinition;
  calendar: WorkingCalendar;
  actor: Actor;
  ctx: DossierContext;
  /** The next dossier code of the day of `receivedAt` (numbering from 1 in this bench). */
  nextCode: (receivedAt: number) => string;
  /** The input of the dossier workflow of `d`. */
  inputOf: (d: Planned) => DossierWorkflowInput;
  /** Inserts the rows, starts the workflows (`inFlight` starts at a time), waits for every receipt event. */
  arm: (batch: Planned[], inFlight: number, onStarted?: () => void) => Promise<void>;
  /** Stored events of `type`, all dossiers. */
  countEvents: (type: 'receive' | 'step_reminder') => Promise<number>;
  /** Writes the day counters the bench used, so later receipts of the day continue the numbering. */
  saveCounters: () => Promise<void>;
}

/** Working time all day, every day, no holiday: escalations fire whatever the wall clock says. */
const benchCalendar = (tenant: string, effectiveFrom: string): CalendarDefinition =>
  allDayCalendar(tenant, effectiveFrom, 'Lịch đo hiệu năng: làm việc cả ngày, mọi ngày, không nghỉ lễ');

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * The reference data of the dossier benches, in the rig's database: the tenant, a BENCH calendar
 * (working time all day, every day, no holidays) published for it, the procedure and the receiving officer.
 */
export async function prepareDossierBench(rig: BenchRig, procedureId = '3.000466'): Promise<DossierBench> {
  const { db, client, taskQueue } = rig;
  const tenantRow = await db.selectFrom('tenant').select(['code', 'unit_code']).executeTakeFirstOrThrow();
  const tenant = tenantRow.code;
  const published = await db
    .transaction()
    .execute((trx) =>
      insertCalendarVersion(trx, benchCalendar(tenant, toVnDate(Date.now() - 7 * 86_400_000)), 'bench'),
    );
  const calendar = createWorkingCalendar(published.definition);
  const code = procedureCode(procedureId);
  const procedureRow = await findProcedureInForce(db, tenant, code, toVnDate(Date.now()));
  if (!procedureRow) throw new Error(`procedure ${code} is not seeded`);
  const procedure = procedureRow.definition;
  const firstStep = procedure.steps[0]!;
  const officer = await findOfficerByUsername(db, 'receiver');
  if (!officer) throw new Error('dev user receiver is not seeded');
  const actor: Actor = {
    officerId: officer.id,
    username: officer.username,
    fullName: officer.full_name,
    role: officer.role,
    divisionCode: officer.division_code,
  };
  const ctx: DossierContext = { procedure, calendar };

  const counters = new Map<string, number>();
  const nextCode = (receivedAt: number): string => {
    const day = toVnDate(receivedAt);
    const n = (counters.get(day) ?? 0) + 1;
    counters.set(day, n);
    return formatDossierCode(tenantRow.unit_code, day, n);
  };

  const rowOf = (d: Planned): NewDossierRow => {
    const { state } = receiveDossier(ctx, {
      code: d.code,
      tenant,
      receivedAt: d.receivedAt,
      actor,
      ruleSet: 'ND118_2025',
    });
    return {
      code: d.code,
      tenant,
      unit_code: tenantRow.unit_code,
      procedure_code: procedure.code,
      procedure_version: procedure.version,
      procedure_name: procedure.name,
      calendar_version: calendar.version,
      applicant_name: 'Nguyễn Văn Ân',
      applicant_id_number: '036090001234',
      applicant_email: null,
      applicant_phone: null,
      rule_set: 'ND118_2025',
      received_unit: AGENCY_DESK_ROUTE.receivingUnit,
      return_method: 'counter',
      return_unit: AGENCY_DESK_ROUTE.returnUnit,
      components: JSON.stringify(['DON', 'VB', 'HT', 'KS', 'GTTT']),
      channel: 'direct',
      received_at: new Date(d.receivedAt),
      received_by: actor.username,
      ...dossierProjection(state, firstStep.division, firstStep.role, AGENCY_DESK_ROUTE.receivingUnit),
      seq: 0,
    };
  };

  const inputOf = (d: Planned): DossierWorkflowInput => ({
    code: d.code,
    tenant,
    procedure,
    calendar: calendar.definition,
    receivedAt: d.receivedAt,
    receiver: actor,
    ruleSet: 'ND118_2025',
    desk: AGENCY_DESK_ROUTE,
  });

  const countEvents = async (type: 'receive' | 'step_reminder') =>
    Number(
      (
        await db
          .selectFrom('dossier_event')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('type', '=', type)
          .executeTakeFirstOrThrow()
      ).n,
    );

  let armed = 0;
  const arm = async (batch: Planned[], inFlight: number, onStarted?: () => void) => {
    for (let i = 0; i < batch.length; i += 500) {
      await db
        .insertInto('dossier')
        .values(batch.slice(i, i + 500).map(rowOf))
        .execute();
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        for (let d = batch[next++]; d; d = batch[next++]) {
          await client.workflow.start(dossierWorkflow, {
            taskQueue,
            workflowId: d.code,
            args: [inputOf(d)],
            workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            typedSearchAttributes: [
              { key: DossierTenant, value: tenant },
              { key: DossierProcedure, value: procedure.code },
            ],
          });
          onStarted?.();
        }
      }),
    );
    armed += batch.length;
    // The starts return long before the worker has run them: allow 10 minutes, or 10 receipts a second.
    const timeoutMs = Math.max(600_000, batch.length * 100);
    await until(async () => (await countEvents('receive')) >= armed, timeoutMs, 'the receipt events');
  };

  const saveCounters = async () => {
    for (const [day, last] of counters) {
      await db
        .insertInto('dossier_code_counter')
        .values({ unit_code: tenantRow.unit_code, day, last })
        .onConflict((oc) => oc.columns(['unit_code', 'day']).doUpdateSet({ last }))
        .execute();
    }
  };

  return { tenant, procedure, calendar, actor, ctx, nextCode, inputOf, arm, countEvents, saveCounters };
}
