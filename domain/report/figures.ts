/**
 * Periodic report figures (báo cáo tình hình giải quyết TTHC) of a tenant's dossiers for a period:
 * what docs/domain.md defines ("Statistics categories", "Decision 766 indicators") and the customer's plan
 * asks for ("Online service and the customer's plan"). Pure: the dossiers come in as {@link ReportDossier}s
 * mapped from the projection; `now` is given by the caller.
 *
 * Every dossier is seen through four instants: its receipt, its end, the period's start (from 00:00+07:00)
 * and the period's end (to + 1 day, 00:00+07:00, exclusive). The end of a dossier (Decision 766 precedence
 * "Đã xử lý xong" before "Đã trả kết quả" before "Dừng xử lý / Từ chối") is:
 * - result ready or returned: the instant the result was ready, else the instant it was returned;
 * - refused, stopped (withdrawn or not): the instant it was closed;
 * - any other phase: none yet (still being handled).
 *
 * With S = period start, E = period end:
 * - received: S ≤ receipt < E, split by channel (direct / online / postal);
 * - carried over (tồn kỳ trước): receipt < S and no end before S (still open at the period start);
 * - to handle (tổng số cần giải quyết) = received + carried over;
 * - finished (đã giải quyết): end in [S, E) with a result (result ready or returned), split early /
 *   on time / late against the appointment (a dossier with a signed apology, Mẫu 04, is late; the
 *   apologies signed after their legal limit, one working day before the appointment, are counted apart);
 * - refused / withdrawn / stopped: closed in [S, E) that way (withdrawn = stopped after the applicant's
 *   withdrawal request; stopped = every other stop);
 * - in progress (đang giải quyết): to handle and not ended before E; within time or overdue as of the
 *   report's cut-off instant (E, or now if the period has not ended), against the appointment in force at
 *   that instant. A dossier then waiting for the applicant's supplement is judged at the time of the request
 *   (Decision 766: "the request time is taken as its end"), since its clock is stopped.
 *
 * So to handle = finished + refused + withdrawn + stopped + in progress, for every row of the report.
 */
import { formatVnIso, type IsoDate } from '../calendar/index.js';
import { dossierResult } from '../dossier/clock.js';
import type { DossierPhase, OnTimeResult } from '../dossier/types.js';
import { periodBounds, type ReportPeriod } from './period.js';

/** How the dossier reached the desk (national `KenhThucHien` 1 direct, 2 online, 3 postal). */
export type ReportChannel = 'direct' | 'online' | 'postal';

/** An appointment in force from `at` on (receipt, a supplement received, a calendar change, an apology). */
export interface AppointmentChange {
  readonly at: number;
  readonly appointmentAt: number;
}

/** One dossier as the report needs it (instants are epoch ms). */
export interface ReportDossier {
  readonly code: string;
  readonly procedureCode: string;
  readonly procedureName: string;
  /** The division in charge of the dossier (see {@link mainDivision}); null when unknown. */
  readonly division: string | null;
  readonly channel: ReportChannel;
  readonly receivedAt: number;
  readonly phase: DossierPhase;
  readonly resultReadyAt: number | null;
  /** Returned, refused or stopped at. */
  readonly finishedAt: number | null;
  /** The appointment now (after every supplement, calendar change and apology). */
  readonly appointmentAt: number;
  /**
   * The appointment's history, oldest first; the report takes the one in force at its cut-off instant.
   * Empty or missing: the current appointment is used.
   */
  readonly appointments?: readonly AppointmentChange[];
  /** The workflow's on-time result of a returned dossier; computed here when null. */
  readonly outcome: OnTimeResult | null;
  /** When the apology with a new appointment (Mẫu 04) was signed; null when none. */
  readonly apologySignedAt: number | null;
  /** The apology was signed after its legal limit (one working day before the appointment). */
  readonly apologyLate: boolean;
  /** Every supplement request: when asked and when the supplement came (null while waiting). */
  readonly supplements: readonly { readonly requestedAt: number; readonly resumedAt: number | null }[];
  /** Stopped after the applicant asked to withdraw it (rút hồ sơ). */
  readonly withdrawn: boolean;
}

/** The counts of one report row (the whole tenant, a procedure or a division). */
export interface ReportFigures {
  received: number;
  receivedDirect: number;
  receivedOnline: number;
  receivedPostal: number;
  carriedOver: number;
  toHandle: number;
  finished: number;
  finishedEarly: number;
  finishedOnTime: number;
  finishedLate: number;
  /** Finished late with a signed apology and new appointment (Mẫu 04). */
  finishedLateWithApology: number;
  /** Of those, the apology signed after its legal limit (one working day before the appointment). */
  finishedLateWithLateApology: number;
  /** Finished early or on time but with more than one supplement request (late by Decision 766's rule). */
  finishedOnTimeMultipleSupplements: number;
  inProgress: number;
  inProgressOnTime: number;
  inProgressOverdue: number;
  withdrawn: number;
  refused: number;
  stopped: number;
  /** Supplement requests (Mẫu 02) made in the period, each counted. */
  supplementRequests: number;
  /** Dossiers to handle with more than one supplement request made before the period end. */
  multipleSupplements: number;
  /** (early + on time) / finished, in percent to 2 decimals; null when nothing was finished. */
  onTimeRate: number | null;
}

/** A Decision 766 indicator (or a plan indicator) the data supports, in percent. */
export interface ReportIndicator {
  code: string;
  /** Vietnamese name. */
  name: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator in percent to 2 decimals; null when the denominator is 0. */
  value: number | null;
}

/** The whole report of a period. */
export interface Report {
  window: {
    from: IsoDate;
    to: IsoDate;
    kind: ReportPeriod['kind'];
    year: number | null;
    /** First instant counted: `from` at 00:00+07:00. */
    start: string;
    /** First instant not counted: the day after `to` at 00:00+07:00. */
    end: string;
    /** The cut-off of "in progress" figures: `end`, or the report's time while the period runs. */
    asOf: string;
    /** The period is over: its figures will not change (except by late corrections of the data). */
    complete: boolean;
  };
  totals: ReportFigures;
  byProcedure: (ReportFigures & { procedureCode: string; procedureName: string })[];
  byDivision: (ReportFigures & { division: string | null; divisionName: string | null })[];
  indicators: ReportIndicator[];
}

/** Where one dossier falls in a period (see the module comment). */
export interface DossierClassification {
  /** Received before the period end and not ended before its start: counted in the report at all. */
  readonly counted: boolean;
  readonly received: boolean;
  readonly carriedOver: boolean;
  /** How it ended within the period; null when it did not. */
  readonly closed: 'finished' | 'refused' | 'withdrawn' | 'stopped' | null;
  /** Of a finished dossier. */
  readonly result: OnTimeResult | null;
  /** Of a dossier still in progress at the cut-off. */
  readonly progress: 'on_time' | 'overdue' | null;
  readonly supplementRequests: number;
  readonly multipleSupplements: boolean;
}

/** The end of a dossier (Decision 766 precedence), or null while it is being handled. */
export function dossierEnd(d: ReportDossier): number | null {
  switch (d.phase) {
    case 'result_ready':
    case 'returned':
      return d.resultReadyAt ?? d.finishedAt;
    case 'refused':
    case 'stopped':
      return d.finishedAt;
    case 'processing':
    case 'awaiting_supplement':
    case 'withdrawal_requested':
      return null;
  }
}

/** The appointment in force at `instant`: the last change made at or before it, else the current one. */
export function appointmentInForce(d: ReportDossier, instant: number): number {
  let inForce: number | null = null;
  for (const change of d.appointments ?? []) {
    if (change.at <= instant) inForce = change.appointmentAt;
  }
  return inForce ?? d.appointmentAt;
}

/** A finished dossier's result: late with an apology, else the workflow's, else end against appointment. */
function finishedResult(d: ReportDossier, endAt: number): OnTimeResult {
  if (d.apologySignedAt !== null) return 'late';
  return d.outcome ?? dossierResult(appointmentInForce(d, endAt), endAt);
}

/** Within time or overdue at `asOf`; a dossier waiting for the applicant is judged at its request time. */
function progressAt(d: ReportDossier, asOf: number): 'on_time' | 'overdue' {
  const appointment = appointmentInForce(d, asOf);
  const waiting = d.supplements.find(
    (s) => s.requestedAt < asOf && (s.resumedAt === null || s.resumedAt >= asOf),
  );
  if (waiting) return dossierResult(appointment, waiting.requestedAt) === 'late' ? 'overdue' : 'on_time';
  return appointment <= asOf ? 'overdue' : 'on_time';
}

/**
 * Where dossier `d` falls in the period [start, end) with "in progress" judged at `asOf`
 * (≤ end; the report passes min(end, now)).
 */
export function classifyDossier(
  d: ReportDossier,
  bounds: { start: number; end: number },
  asOf: number,
): DossierClassification {
  const { start, end } = bounds;
  const endAt = dossierEnd(d);
  const counted = d.receivedAt < end && (endAt === null || endAt >= start);
  const requestsBeforeEnd = d.supplements.filter((s) => s.requestedAt < end);
  if (!counted) {
    return {
      counted,
      received: false,
      carriedOver: false,
      closed: null,
      result: null,
      progress: null,
      supplementRequests: 0,
      multipleSupplements: false,
    };
  }
  let closed: DossierClassification['closed'] = null;
  if (endAt !== null && endAt < end) {
    if (d.phase === 'refused') closed = 'refused';
    else if (d.phase === 'stopped') closed = d.withdrawn ? 'withdrawn' : 'stopped';
    else closed = 'finished';
  }
  return {
    counted,
    received: d.receivedAt >= start,
    carriedOver: d.receivedAt < start,
    closed,
    result: closed === 'finished' ? finishedResult(d, endAt!) : null,
    progress: closed === null ? progressAt(d, asOf) : null,
    supplementRequests: requestsBeforeEnd.filter((s) => s.requestedAt >= start).length,
    multipleSupplements: requestsBeforeEnd.length > 1,
  };
}

/** All-zero figures. */
export function emptyFigures(): ReportFigures {
  return {
    received: 0,
    receivedDirect: 0,
    receivedOnline: 0,
    receivedPostal: 0,
    carriedOver: 0,
    toHandle: 0,
    finished: 0,
    finishedEarly: 0,
    finishedOnTime: 0,
    finishedLate: 0,
    finishedLateWithApology: 0,
    finishedLateWithLateApology: 0,
    finishedOnTimeMultipleSupplements: 0,
    inProgress: 0,
    inProgressOnTime: 0,
    inProgressOverdue: 0,
    withdrawn: 0,
    refused: 0,
    stopped: 0,
    supplementRequests: 0,
    multipleSupplements: 0,
    onTimeRate: null,
  };
}

/** `numerator / denominator` in percent to 2 decimals; null when the denominator is 0. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100;
}

function add(f: ReportFigures, d: ReportDossier, c: DossierClassification): void {
  f.toHandle += 1;
  if (c.received) {
    f.received += 1;
    if (d.channel === 'direct') f.receivedDirect += 1;
    else if (d.channel === 'online') f.receivedOnline += 1;
    else f.receivedPostal += 1;
  } else {
    f.carriedOver += 1;
  }
  if (c.closed === 'finished') {
    f.finished += 1;
    if (c.result === 'early') f.finishedEarly += 1;
    else if (c.result === 'on_time') f.finishedOnTime += 1;
    else {
      f.finishedLate += 1;
      if (d.apologySignedAt !== null) f.finishedLateWithApology += 1;
      if (d.apologySignedAt !== null && d.apologyLate) f.finishedLateWithLateApology += 1;
    }
    if (c.result !== 'late' && c.multipleSupplements) f.finishedOnTimeMultipleSupplements += 1;
  } else if (c.closed !== null) {
    f[c.closed] += 1;
  } else {
    f.inProgress += 1;
    if (c.progress === 'overdue') f.inProgressOverdue += 1;
    else f.inProgressOnTime += 1;
  }
  f.supplementRequests += c.supplementRequests;
  if (c.multipleSupplements) f.multipleSupplements += 1;
  f.onTimeRate = percent(f.finishedEarly + f.finishedOnTime, f.finished);
}

/** Adds a counted dossier to a row of figures (the indicator report's rows by receiving point use it too). */
export { add as addDossierToFigures };

/** The indicators of a row of figures (Decision 766 and the plan), in the order reports print them. */
export function indicatorsOf(f: ReportFigures): ReportIndicator[] {
  const onTime = f.finishedEarly + f.finishedOnTime;
  const rows: [string, string, number, number][] = [
    [
      'ON_TIME_RATE',
      'Tỷ lệ hồ sơ giải quyết đúng hạn (trước hạn và đúng hạn / đã giải quyết)',
      onTime,
      f.finished,
    ],
    [
      'ON_TIME_RATE_766',
      'Tỷ lệ hồ sơ giải quyết đúng hạn theo Quyết định 766 (hồ sơ yêu cầu bổ sung quá 1 lần tính là quá hạn)',
      onTime - f.finishedOnTimeMultipleSupplements,
      f.finished,
    ],
    [
      'LATE_RATE',
      'Tỷ lệ hồ sơ trễ hạn (giải quyết quá hạn và đang giải quyết quá hạn / tổng số cần giải quyết)',
      f.finishedLate + f.inProgressOverdue,
      f.toHandle,
    ],
    ['ONLINE_RATE', 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', f.receivedOnline, f.received],
    ['MULTIPLE_SUPPLEMENT_RATE', 'Tỷ lệ hồ sơ yêu cầu bổ sung quá 1 lần', f.multipleSupplements, f.toHandle],
    [
      'APOLOGY_RATE',
      'Tỷ lệ hồ sơ giải quyết quá hạn có văn bản xin lỗi và hẹn lại (Mẫu 04)',
      f.finishedLateWithApology,
      f.finishedLate,
    ],
  ];
  return rows.map(([code, name, numerator, denominator]) => ({
    code,
    name,
    numerator,
    denominator,
    value: percent(numerator, denominator),
  }));
}

/** Inputs of {@link computeReport} besides the dossiers. */
export interface ReportOptions {
  period: ReportPeriod;
  /** The report's time (epoch ms): in-progress figures of a running period are judged now. */
  now: number;
  /** Vietnamese division names by code, for `byDivision`. */
  divisionNames?: Readonly<Record<string, string>>;
}

/**
 * The report of `period` over a tenant's dossiers. Dossiers received after the period end, or ended
 * before its start, are ignored. Rows are sorted by procedure code and by division code (unknown last).
 */
export function computeReport(dossiers: readonly ReportDossier[], options: ReportOptions): Report {
  const { period, now } = options;
  const bounds = periodBounds(period);
  const asOf = Math.max(bounds.start, Math.min(bounds.end, now));
  const totals = emptyFigures();
  const byProcedure = new Map<string, ReportFigures & { procedureCode: string; procedureName: string }>();
  const byDivision = new Map<
    string | null,
    ReportFigures & { division: string | null; divisionName: string | null }
  >();
  for (const d of dossiers) {
    const c = classifyDossier(d, bounds, asOf);
    if (!c.counted) continue;
    add(totals, d, c);
    let p = byProcedure.get(d.procedureCode);
    if (!p) {
      p = { procedureCode: d.procedureCode, procedureName: d.procedureName, ...emptyFigures() };
      byProcedure.set(d.procedureCode, p);
    }
    add(p, d, c);
    let v = byDivision.get(d.division);
    if (!v) {
      const divisionName = d.division === null ? null : (options.divisionNames?.[d.division] ?? null);
      v = { division: d.division, divisionName, ...emptyFigures() };
      byDivision.set(d.division, v);
    }
    add(v, d, c);
  }
  return {
    window: {
      from: period.from,
      to: period.to,
      kind: period.kind,
      year: period.year,
      start: formatVnIso(bounds.start),
      end: formatVnIso(bounds.end),
      asOf: formatVnIso(asOf),
      complete: now >= bounds.end,
    },
    totals,
    byProcedure: [...byProcedure.values()].sort((a, b) => a.procedureCode.localeCompare(b.procedureCode)),
    byDivision: [...byDivision.values()].sort((a, b) =>
      a.division === null ? 1 : b.division === null ? -1 : a.division.localeCompare(b.division),
    ),
    indicators: indicatorsOf(totals),
  };
}

/**
 * The division in charge of a dossier (cơ quan/bộ phận chủ trì giải quyết) from its procedure's
 * internal process: the division of the first `handling` step (the specialist division that examines
 * the dossier), else of the first step outside the desk's receipt/return/digitisation and payment steps
 * (approval, liaison), else of the first step. Null for an empty process.
 */
export function mainDivision(
  steps: readonly { readonly kind: string; readonly division: string }[],
): string | null {
  const handling = steps.find((s) => s.kind === 'handling');
  if (handling) return handling.division;
  const deskKinds = new Set(['receipt', 'return', 'digitisation', 'payment']);
  return steps.find((s) => !deskKinds.has(s.kind))?.division ?? steps[0]?.division ?? null;
}
