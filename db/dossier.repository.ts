import { sql, type Transaction } from 'kysely';
import type { Executor } from './database.js';
import type { DossierEvent, DossierState } from '../domain/dossier/types.js';
import {
  canonicalJson,
  chainFieldsFromEvent,
  eventHash,
  GENESIS_HASH,
  payloadDigest,
} from './dossier-chain.js';
import type {
  DossierEventRow,
  DossierRejectionRow,
  DossierRow,
  IdempotencyKeyRow,
  NewDossierEventRow,
  NewDossierRejectionRow,
  NewDossierRow,
  NewIdempotencyKeyRow,
  NewReceiptGuidanceRow,
  ReceiptGuidanceRow,
} from './dossier.table.js';
import type { DB } from './schema.js';
import { issueFormsOfEvent } from './form-issue.repository.js';
import { formsIssuedByEvent } from '../domain/forms/numbering.js';
import { changesNationalStatus, recordNationalStatusOfEvent } from './national-sync.repository.js';

const ISO_DAY = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/;

/**
 * Dossier code `<unitCode>-YYMMDD-NNNN` (docs/domain.md, "Dossier code"): the number is zero-padded to 4
 * digits and simply grows a digit beyond 9999. `day` is the Vietnam local date of receipt, 'YYYY-MM-DD'.
 */
export function formatDossierCode(unitCode: string, day: string, n: number): string {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`formatDossierCode: day must be YYYY-MM-DD, got ${day}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`formatDossierCode: bad number ${n}`);
  return `${unitCode}-${m[2]}${m[3]}${m[4]}-${String(n).padStart(4, '0')}`;
}

/**
 * Gives the next dossier number of a unit on a day (Vietnam local date, 'YYYY-MM-DD') and its code.
 * The upsert's row lock serialises concurrent receipts of the unit until the caller's transaction ends,
 * and a rolled-back receipt gives its number back: numbering is gap-free. Run it late in the receipt
 * transaction to hold the lock briefly.
 */
export async function allocateDossierCode(
  trx: Transaction<DB>,
  unitCode: string,
  day: string,
): Promise<{ code: string; sequence: number }> {
  if (!ISO_DAY.test(day)) throw new RangeError(`allocateDossierCode: day must be YYYY-MM-DD, got ${day}`);
  const { last } = await trx
    .insertInto('dossier_code_counter')
    .values({ unit_code: unitCode, day, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(['unit_code', 'day'])
        .doUpdateSet((eb) => ({ last: eb('dossier_code_counter.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return { code: formatDossierCode(unitCode, day, last), sequence: last };
}

/** The projection columns that follow the workflow's state (all but the receipt facts). */
export type DossierProjection = Required<
  Pick<
    NewDossierRow,
    | 'phase'
    | 'status'
    | 'current_step_id'
    | 'current_division'
    | 'current_role'
    | 'current_unit'
    | 'assignee_id'
    | 'assignee_username'
    | 'step_deadline'
    | 'appointment_at'
    | 'original_appointment_at'
    | 'overdue'
    | 'at_risk'
    | 'apology_signed_at'
    | 'apology_late'
    | 'supplement_count'
    | 'multiple_supplements'
    | 'result_ready_at'
    | 'finished_at'
    | 'outcome'
    | 'state'
    | 'seq'
  >
>;

/**
 * The projection columns of `state`, for the receipt's insert and for every later event. The division
 * and role of the current step come from the procedure snapshot, which the state does not hold.
 */
export function dossierProjection(
  state: DossierState,
  stepDivision: string | null,
  stepRole: string | null,
  /** The receiving unit whose desk holds the dossier (`currentDeskUnit`), else null. */
  deskUnit: string | null,
): DossierProjection {
  const step = state.currentStep;
  return {
    phase: state.phase,
    status: state.status,
    current_step_id: step?.stepId ?? null,
    current_division: step ? stepDivision : null,
    current_role: step ? stepRole : null,
    current_unit: deskUnit,
    assignee_id: step?.assignee?.officerId ?? null,
    assignee_username: step?.assignee?.username ?? null,
    step_deadline: step ? new Date(step.deadline) : null,
    appointment_at: new Date(state.appointmentAt),
    original_appointment_at: new Date(state.originalAppointmentAt),
    overdue: state.overdue,
    at_risk: Boolean(state.atRisk),
    apology_signed_at: state.apology ? new Date(state.apology.signedAt) : null,
    apology_late: state.apology?.late === true,
    supplement_count: state.supplements.length,
    multiple_supplements: state.multipleSupplements,
    result_ready_at: state.resultReadyAt === null ? null : new Date(state.resultReadyAt),
    finished_at: state.finishedAt === null ? null : new Date(state.finishedAt),
    outcome: state.outcome,
    state: JSON.stringify(state),
    seq: state.seq,
  };
}

/** Inserts the projection row of a dossier at receipt (in the receipt transaction). */
export function insertDossier(trx: Executor, row: NewDossierRow): Promise<DossierRow> {
  return trx.insertInto('dossier').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Removes the projection row inserted earlier in the same receipt transaction, when its code turned out to
 * be taken (its workflow exists): nothing else refers to it yet.
 */
export async function deleteDossier(trx: Transaction<DB>, code: string): Promise<void> {
  await trx.deleteFrom('dossier').where('code', '=', code).execute();
}

export function findDossier(db: Executor, code: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossier').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Filter of {@link listDossiers}. Optional fields left out (or an empty `status`) do not filter. */
export interface DossierListFilter {
  tenant: string;
  /** National status codes, any of. */
  status?: number[];
  /** Division of the current step. */
  division?: string;
  /** Receiving unit whose desk holds the dossier now. */
  deskUnit?: string;
  /** Only dossiers received, returned or held at this receiving unit (officers of a Centre point). */
  concerningUnit?: string;
  procedureCode?: string;
  overdue?: boolean;
  /** Received at or after this instant. */
  receivedFrom?: Date;
  /** Received strictly before this instant. */
  receivedTo?: Date;
  assigneeId?: string;
  /** Part of the code, the applicant's name or the procedure's name (case-insensitive). */
  search?: string;
  /**
   * `received` (default): newest receipt first. `deadline`: most urgent first, by the current step's
   * deadline (the appointment when there is no step), as the officers' inbox reads it.
   */
  sort?: 'received' | 'deadline';
  /** Dossiers waiting for an administrator (a storage incident). */
  needsAttention?: boolean;
  /** 1-based. */
  page: number;
  /** 1 to 100. */
  pageSize: number;
}

/** A line of a dossier list: the projection without the full state. */
export type DossierListItem = Omit<DossierRow, 'state' | 'archived_at' | 'anonymised_at'>;

/** A line of {@link listDossiers}: with the name of the current step, from the dossier's procedure version. */
export type DossierListLine = DossierListItem & { current_step_name: string | null };

/** The current step's name, read from the procedure version the dossier runs under. */
const currentStepName = sql<string | null>`(
  select s->>'name' from procedure_version pv, jsonb_array_elements(pv.definition->'steps') s
  where pv.tenant = dossier.tenant and pv.code = dossier.procedure_code
    and pv.version = dossier.procedure_version and s->>'id' = dossier.current_step_id
)`.as('current_step_name');

/** One page of a tenant's dossiers, newest receipt first, and the number matching the filter. */
export async function listDossiers(
  db: Executor,
  filter: DossierListFilter,
): Promise<{ items: DossierListLine[]; total: number }> {
  const { page, pageSize } = filter;
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`listDossiers: bad page ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new RangeError(`listDossiers: pageSize must be 1..100, got ${pageSize}`);
  }
  const ordered =
    filter.sort === 'deadline'
      ? filteredDossiers(db, filter)
          .select(dossierListColumns)
          .select(currentStepName)
          .orderBy(sql`coalesce(step_deadline, appointment_at)`)
          .orderBy('code')
      : filteredDossiers(db, filter)
          .select(dossierListColumns)
          .select(currentStepName)
          .orderBy('received_at', 'desc')
          .orderBy('code', 'desc');
  const [items, count] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filteredDossiers(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

/** The projection's columns without the full state: what lists read. */
export const dossierListColumns = [
  'code',
  'tenant',
  'unit_code',
  'procedure_code',
  'procedure_version',
  'procedure_name',
  'calendar_version',
  'applicant_name',
  'applicant_id_number',
  'applicant_email',
  'applicant_phone',
  'applicant',
  'rule_set',
  'received_unit',
  'return_method',
  'return_unit',
  'current_unit',
  'components',
  'channel',
  'received_at',
  'received_by',
  'phase',
  'status',
  'current_step_id',
  'current_division',
  'current_role',
  'assignee_id',
  'assignee_username',
  'step_deadline',
  'appointment_at',
  'original_appointment_at',
  'overdue',
  'at_risk',
  'apology_signed_at',
  'apology_late',
  'supplement_count',
  'multiple_supplements',
  'result_ready_at',
  'finished_at',
  'outcome',
  'seq',
  'needs_attention',
  'updated_at',
] as const satisfies readonly (keyof DossierListItem)[];

function filteredDossiers(db: Executor, f: DossierListFilter) {
  let query = db.selectFrom('dossier').where('tenant', '=', f.tenant);
  if (f.status && f.status.length > 0)
    query = query.where('status', 'in', f.status as DossierRow['status'][]);
  if (f.division !== undefined) query = query.where('current_division', '=', f.division);
  if (f.deskUnit !== undefined) query = query.where('current_unit', '=', f.deskUnit);
  const unit = f.concerningUnit;
  if (unit !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('received_unit', '=', unit), eb('return_unit', '=', unit), eb('current_unit', '=', unit)]),
    );
  }
  if (f.procedureCode !== undefined) query = query.where('procedure_code', '=', f.procedureCode);
  if (f.overdue !== undefined) query = query.where('overdue', '=', f.overdue);
  if (f.receivedFrom) query = query.where('received_at', '>=', f.receivedFrom);
  if (f.receivedTo) query = query.where('received_at', '<', f.receivedTo);
  if (f.assigneeId !== undefined) query = query.where('assignee_id', '=', f.assigneeId);
  if (f.search) {
    const pattern = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('code', 'ilike', pattern),
        eb('applicant_name', 'ilike', pattern),
        eb('procedure_name', 'ilike', pattern),
      ]),
    );
  }
  if (f.needsAttention !== undefined) query = query.where('needs_attention', '=', f.needsAttention);
  return query;
}

/** What the workflow asks to persist after an accepted action: the event and the state it led to. */
export interface DossierEventInput {
  event: DossierEvent;
  state: DossierState;
  /** Division and role of the current step (from the procedure snapshot); null outside the process. */
  stepDivision: string | null;
  stepRole: string | null;
  /** The receiving unit whose desk holds the dossier now (`currentDeskUnit`); null elsewhere. */
  deskUnit: string | null;
}

/**
 * Outcome of {@link applyDossierEvent}. When the event was already stored, `identical` tells whether the
 * stored one hashes the same as the one given (a replay or a retry) or differs (a conflict: never ignore);
 * `remade` that it is the same event but for its instant (see {@link applyDossierEvent}).
 */
export type ApplyDossierEventResult =
  | {
      applied: true;
      hash: string;
      /** A national status was appended to the outbox. */ nationalStatusRecorded: boolean;
    }
  | { applied: false; hash: string; identical: boolean; remade?: true };

/**
 * Appends an event to the dossier's audit chain and brings the projection up to `state`, atomically
 * (inside the caller's transaction when `db` is one, else in a transaction of its own). Idempotent on
 * (dossier code, seq): an event already stored is left alone, so activity retries and workflow replays
 * are harmless. The same event with only a later instant is the stored one too: a workflow task lost after
 * its event was stored (Temporal or the worker killed before the task completed) runs again with a new
 * clock and makes the same event again (found by the soak run, docs/soak.md); the first instant stays.
 * Throws a plain (transient) Error when the dossier row or the previous event is missing:
 * the workflow persists in order, so a retry succeeds once the earlier write has landed.
 */
export async function applyDossierEvent(
  db: Executor,
  input: DossierEventInput,
): Promise<ApplyDossierEventResult> {
  if (db.isTransaction) return applyInTransaction(db as Transaction<DB>, input);
  // Most events (an assignment, a step completed) number no form and change no national status: they are
  // stored by one statement and no explicit transaction (the hot path of every officer action).
  const { event, state, stepDivision } = input;
  if (formsIssuedByEvent(event, state, stepDivision).length === 0 && !changesNationalStatus(event)) {
    const stored = await appendWithoutTransaction(db, input);
    if (stored) return stored;
  }
  return db.transaction().execute((trx) => applyInTransaction(trx, input));
}

/**
 * The chain's previous hash and the event of this seq if already stored, with the projection's seq, in a
 * transaction. The projection row is locked first, by a statement of its own (events of a dossier are
 * stored one at a time): the read that follows takes a snapshot after the lock is held, so it sees an event
 * a concurrent transaction committed while this one waited (a single locking statement with the join would
 * read the events as they were before the wait).
 */
async function readLockedChainEnd(db: Transaction<DB>, code: string, seq: number) {
  await db.selectFrom('dossier').select('seq').where('code', '=', code).forUpdate().execute();
  const query = db
    .selectFrom('dossier')
    .leftJoin('dossier_event', (join) =>
      join
        .onRef('dossier_event.dossier_code', '=', 'dossier.code')
        .on('dossier_event.seq', 'in', [seq, seq - 1]),
    )
    .select([
      'dossier.seq as dossier_seq',
      'dossier_event.seq as event_seq',
      'dossier_event.prev_hash',
      'dossier_event.hash',
      'dossier_event.at',
    ])
    .where('dossier.code', '=', code);
  const rows = await query.execute();
  if (!rows[0]) throw new Error(`dossier ${code} has no projection row yet`);
  const stored = (s: number) => {
    const row = rows.find((r) => r.event_seq === s);
    return row && { prev_hash: row.prev_hash!, hash: row.hash!, at: row.at! };
  };
  return { dossierSeq: rows[0].dossier_seq, existing: stored(seq), previous: stored(seq - 1) };
}

/** What an event already stored under its seq means for the one being stored (see applyDossierEvent). */
function againstStored(
  existing: { prev_hash: string; hash: string; at: Date },
  event: DossierEvent,
  digest: string,
): ApplyDossierEventResult {
  const again = eventHash(existing.prev_hash, chainFieldsFromEvent(event, digest));
  if (again === existing.hash) return { applied: false, hash: existing.hash, identical: true };
  const earlier = { ...event, at: existing.at.getTime() };
  const remade = eventHash(existing.prev_hash, chainFieldsFromEvent(earlier, digest)) === existing.hash;
  return remade
    ? { applied: false, hash: existing.hash, identical: true, remade: true }
    : { applied: false, hash: existing.hash, identical: false };
}

/**
 * Inserts the event, linked to the chain's end, and moves the projection, in one statement (atomic on its
 * own, one round trip): the previous event's hash is read by the statement itself, which computes the
 * event's hash as {@link eventHash} does (`sha256(prevHash + '\n' + canonicalJson(fields))`, UTF-8, hex).
 * Events are immutable, so the previous hash read cannot change under it. Nothing is inserted when the
 * event is already stored (a retry, a replay, a lost workflow task run again), when its predecessor is not
 * stored yet, or when the dossier has no projection row: undefined is then given back and the caller
 * decides in a transaction (the locked path, which tells these cases apart).
 */
async function appendWithoutTransaction(
  db: Executor,
  { event, state, stepDivision, stepRole, deskUnit }: DossierEventInput,
): Promise<ApplyDossierEventResult | undefined> {
  const code = event.dossierCode;
  const digest = payloadDigest(event.payload);
  const fields = canonicalJson(chainFieldsFromEvent(event, digest));
  // The chain's end: the previous event's hash, or the genesis hash for a dossier's first event; no row
  // when the dossier or the previous event is missing (the insert then does nothing).
  const previous =
    event.seq === 1
      ? db
          .selectFrom('dossier')
          .select(sql<string>`${GENESIS_HASH}::text`.as('hash'))
          .where('code', '=', code)
      : db
          .selectFrom('dossier_event')
          .select('hash')
          .where('dossier_code', '=', code)
          .where('seq', '=', event.seq - 1);
  const { prev_hash: _prev, hash: _hash, ...row } = eventRow(event, digest, '', '');
  const inserted = await db
    .with('prev', () => previous)
    .with('ins', (qb) =>
      qb
        .insertInto('dossier_event')
        .columns([...(Object.keys(row) as (keyof typeof row)[]), 'prev_hash', 'hash'])
        .expression((eb) =>
          eb
            .selectFrom('prev')
            .select((s) => [
              ...Object.entries(row).map(([column, value]) => s.val(value).as(column)),
              'prev.hash as prev_hash',
              sql<string>`encode(sha256(convert_to(prev.hash || ${'\n'}::text || ${fields}::text, 'UTF8')), 'hex')`.as(
                'hash',
              ),
            ]),
        )
        .onConflict((oc) => oc.columns(['dossier_code', 'seq']).doNothing())
        .returning('hash'),
    )
    // The projection follows a newer event only (as in the locked path).
    .with('upd', (qb) =>
      qb
        .updateTable('dossier')
        .set({ ...dossierProjection(state, stepDivision, stepRole, deskUnit), updated_at: sql`now()` })
        .where('code', '=', code)
        .where('seq', '<', state.seq)
        .where((eb) => eb.exists(eb.selectFrom('ins').select('ins.hash')))
        .returning('code'),
    )
    .selectFrom('ins')
    .select('ins.hash')
    .executeTakeFirst();
  return inserted ? { applied: true, hash: inserted.hash, nationalStatusRecorded: false } : undefined;
}

async function applyInTransaction(
  trx: Transaction<DB>,
  { event, state, stepDivision, stepRole, deskUnit }: DossierEventInput,
): Promise<ApplyDossierEventResult> {
  const code = event.dossierCode;
  const { dossierSeq, existing, previous } = await readLockedChainEnd(trx, code, event.seq);
  const digest = payloadDigest(event.payload);
  if (existing) return againstStored(existing, event, digest);
  const prevHash = event.seq === 1 ? GENESIS_HASH : previous?.hash;
  if (prevHash === undefined) throw new Error(`dossier ${code}: event ${event.seq - 1} not stored yet`);
  const hash = eventHash(prevHash, chainFieldsFromEvent(event, digest));
  await trx
    .insertInto('dossier_event')
    .values(eventRow(event, digest, prevHash, hash))
    .execute();
  // The forms the event brings into being get their numbers with it, once (a replayed event is not here).
  await issueFormsOfEvent(trx, { event, state, stepDivision });
  // A change of the national status goes to the portal's outbox with it (docs/national-sync.md).
  const nationalStatusRecorded = await recordNationalStatusOfEvent(trx, { event, state });
  if (state.seq > dossierSeq) {
    await trx
      .updateTable('dossier')
      .set({ ...dossierProjection(state, stepDivision, stepRole, deskUnit), updated_at: sql`now()` })
      .where('code', '=', code)
      .execute();
  }
  return { applied: true, hash, nationalStatusRecorded };
}

function eventRow(event: DossierEvent, digest: string, prevHash: string, hash: string): NewDossierEventRow {
  return {
    dossier_code: event.dossierCode,
    seq: event.seq,
    at: new Date(event.at),
    type: event.type,
    actor_id: event.actor?.officerId ?? null,
    actor_username: event.actor?.username ?? null,
    actor_role: event.actor?.role ?? null,
    actor_name: event.actor?.fullName ?? null,
    step_id: event.stepId,
    from_phase: event.fromPhase,
    to_phase: event.toPhase,
    from_status: event.fromStatus,
    to_status: event.toStatus,
    from_step_id: event.fromStepId,
    to_step_id: event.toStepId,
    on_time: event.onTime,
    payload: canonicalJson(event.payload),
    payload_digest: digest,
    prev_hash: prevHash,
    hash,
  };
}

/** The audit trail of a dossier, in order. */
export function listDossierEvents(db: Executor, code: string): Promise<DossierEventRow[]> {
  return db.selectFrom('dossier_event').selectAll().where('dossier_code', '=', code).orderBy('seq').execute();
}

/** Records an attempt the API refused. */
export function insertDossierRejection(
  db: Executor,
  row: NewDossierRejectionRow,
): Promise<DossierRejectionRow> {
  return db.insertInto('dossier_rejection').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The refused attempts on a dossier code, oldest first. */
export function listDossierRejections(db: Executor, code: string): Promise<DossierRejectionRow[]> {
  return db
    .selectFrom('dossier_rejection')
    .selectAll()
    .where('dossier_code', '=', code)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function findIdempotencyKey(
  db: Executor,
  tenant: string,
  key: string,
): Promise<IdempotencyKeyRow | undefined> {
  return db
    .selectFrom('idempotency_key')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Stores a receipt's idempotency key in the receipt transaction. Returns false when a concurrent receipt
 * with the same key committed first (it waits for that transaction): roll back, then answer from
 * {@link findIdempotencyKey}.
 */
export async function insertIdempotencyKey(trx: Executor, row: NewIdempotencyKeyRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_key')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Records the written guidance (Mẫu 02) given instead of a receipt. */
export function insertReceiptGuidance(db: Executor, row: NewReceiptGuidanceRow): Promise<ReceiptGuidanceRow> {
  return db.insertInto('receipt_guidance').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Filter of {@link listLateDossiers}. */
export interface LateDossierFilter {
  tenant: string;
  division?: string;
  procedureCode?: string;
}

/**
 * The tenant's open dossiers that are overdue or at risk of missing their appointment (escalated to the
 * leadership), most urgent appointment first, with the name of the division holding them.
 */
export function listLateDossiers(db: Executor, f: LateDossierFilter) {
  let query = db
    .selectFrom('dossier')
    .leftJoin('division', (j) =>
      j
        .onRef('division.tenant', '=', 'dossier.tenant')
        .onRef('division.code', '=', 'dossier.current_division'),
    )
    .select([
      'dossier.code',
      'dossier.procedure_code',
      'dossier.procedure_name',
      'dossier.current_division',
      'division.name as division_name',
      'dossier.current_step_id',
      'dossier.assignee_username',
      'dossier.phase',
      'dossier.status',
      'dossier.received_at',
      'dossier.appointment_at',
      'dossier.step_deadline',
      'dossier.overdue',
      'dossier.at_risk',
      'dossier.apology_signed_at',
      'dossier.apology_late',
    ])
    .where('dossier.tenant', '=', f.tenant)
    .where('dossier.finished_at', 'is', null)
    .where((eb) => eb.or([eb('dossier.overdue', '=', true), eb('dossier.at_risk', '=', true)]));
  if (f.division !== undefined) query = query.where('dossier.current_division', '=', f.division);
  if (f.procedureCode !== undefined) query = query.where('dossier.procedure_code', '=', f.procedureCode);
  return query.orderBy('dossier.appointment_at').orderBy('dossier.code').limit(1000).execute();
}
