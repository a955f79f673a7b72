/**
 * Counts what the recorded dossier histories cost Temporal, per dossier and per officer action (Update), for
 * the sizing arithmetic of docs/production.md ("Sizing a Temporal cluster for the national figures").
 *
 * Usage: `node --import tsx scripts/history-stats.ts [folder]` (default test/replay/histories). Prints one
 * row per history and the averages the document uses; re-run it after the histories are recorded again.
 *
 * What is counted comes from the histories themselves: events by type, workflow tasks (WT), activity tasks,
 * local activities (markers), timers, search-attribute upserts, and the history's size as protobuf (what
 * the history service stores, before the persistence layer's own overhead).
 *
 * What is modelled (UNCONFIRMED, Temporal's documented behaviour, not measured here):
 * - persistence transactions ("state transitions"): one for the start; one per workflow task started
 *   (none for an Update's speculative task, which is written only with its completion); one per workflow
 *   task completed; two per activity (started, then closed: the started event is written with the close);
 *   one per timer fired, signal received, child started or child closed;
 * - tasks the history service queues (each one row inserted, then deleted once processed): a transfer task
 *   per activity, per non-speculative workflow task, per child start and for the close; a timer task per
 *   timer, per activity (its timeout) and per non-speculative workflow task (its timeout); a visibility task
 *   for the start, per search-attribute upsert and for the close.
 *
 * A history is cut into segments, each the cost of one cause and of what follows from it (its activities
 * completing, the follow-up workflow tasks) until the next cause: the receipt (from the start), an officer
 * action (from the workflow task that accepts its Update), a durable timer firing (reminder, escalation,
 * overdue). The segment of the last action or timer also holds the dossier's close (archive, completion).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { repoRoot } from './paths.js';

interface JsonEvent {
  eventType: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
  markerRecordedEventAttributes?: { markerName?: string };
}

/** What one stretch of history (a dossier, or one segment of it) costs. */
export interface Cost {
  events: number;
  workflowTasks: number;
  speculativeWorkflowTasks: number;
  activityTasks: number;
  localActivities: number;
  timersStarted: number;
  timersFired: number;
  timersCanceled: number;
  upserts: number;
  updates: number;
  /** Persistence transactions of the history service (model above). */
  transactions: number;
  /** Transfer + timer + visibility tasks queued (model above); each is a row inserted then deleted. */
  queuedTasks: number;
  /** Visibility record writes: start, upserts, close. */
  visibilityWrites: number;
}

const zero = (): Cost => ({
  events: 0,
  workflowTasks: 0,
  speculativeWorkflowTasks: 0,
  activityTasks: 0,
  localActivities: 0,
  timersStarted: 0,
  timersFired: 0,
  timersCanceled: 0,
  upserts: 0,
  updates: 0,
  transactions: 0,
  queuedTasks: 0,
  visibilityWrites: 0,
});

const type = (e: JsonEvent | undefined): string => (e?.eventType ?? '').replace(/^EVENT_TYPE_/, '');

/** Events that a workflow task's completion writes (commands and Update outcomes), not external arrivals. */
const COMMAND_EVENTS = new Set([
  'WORKFLOW_TASK_COMPLETED',
  'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
  'MARKER_RECORDED',
  'ACTIVITY_TASK_SCHEDULED',
  'TIMER_STARTED',
  'TIMER_CANCELED',
  'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  'WORKFLOW_EXECUTION_UPDATE_COMPLETED',
  'START_CHILD_WORKFLOW_EXECUTION_INITIATED',
  'REQUEST_CANCEL_ACTIVITY_TASK',
]);

/**
 * Whether the workflow task scheduled at `i` was a speculative one (an Update's): scheduled right after
 * another task's commands, with no arrival (activity result, timer, signal, child) that would have
 * scheduled a normal one.
 */
function speculativeAt(events: readonly JsonEvent[], i: number): boolean {
  return (
    COMMAND_EVENTS.has(type(events[i - 1])) && type(events[i + 3]) === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED'
  );
}

/** Adds event `i` of `events` to `cost`. */
function count(cost: Cost, events: readonly JsonEvent[], i: number): void {
  const t = type(events[i]);
  cost.events += 1;
  switch (t) {
    case 'WORKFLOW_EXECUTION_STARTED':
      cost.transactions += 1;
      cost.visibilityWrites += 1;
      cost.queuedTasks += 1;
      break;
    case 'WORKFLOW_TASK_SCHEDULED':
      cost.workflowTasks += 1;
      if (speculativeAt(events, i)) {
        cost.speculativeWorkflowTasks += 1;
      } else {
        cost.queuedTasks += 2; // transfer (to matching) + timeout timer
      }
      break;
    case 'WORKFLOW_TASK_STARTED': {
      const scheduledAt = i - 1;
      if (!(type(events[scheduledAt]) === 'WORKFLOW_TASK_SCHEDULED' && speculativeAt(events, scheduledAt)))
        cost.transactions += 1;
      break;
    }
    case 'WORKFLOW_TASK_COMPLETED':
      cost.transactions += 1;
      break;
    case 'ACTIVITY_TASK_SCHEDULED':
      cost.activityTasks += 1;
      cost.queuedTasks += 2; // transfer (to matching) + timeout timer
      break;
    case 'ACTIVITY_TASK_STARTED':
    case 'ACTIVITY_TASK_COMPLETED':
    case 'ACTIVITY_TASK_FAILED':
    case 'ACTIVITY_TASK_TIMED_OUT':
    case 'ACTIVITY_TASK_CANCELED':
    case 'TIMER_FIRED':
    case 'WORKFLOW_EXECUTION_SIGNALED':
    case 'CHILD_WORKFLOW_EXECUTION_STARTED':
    case 'CHILD_WORKFLOW_EXECUTION_COMPLETED':
    case 'CHILD_WORKFLOW_EXECUTION_FAILED':
      cost.transactions += 1;
      if (t === 'TIMER_FIRED') cost.timersFired += 1;
      break;
    case 'TIMER_STARTED':
      cost.timersStarted += 1;
      cost.queuedTasks += 1;
      break;
    case 'TIMER_CANCELED':
      cost.timersCanceled += 1;
      break;
    case 'MARKER_RECORDED':
      if (events[i]?.markerRecordedEventAttributes?.markerName === 'core_local_activity')
        cost.localActivities += 1;
      break;
    case 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES':
      cost.upserts += 1;
      cost.visibilityWrites += 1;
      cost.queuedTasks += 1;
      break;
    case 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED':
      cost.updates += 1;
      break;
    case 'START_CHILD_WORKFLOW_EXECUTION_INITIATED':
      cost.queuedTasks += 1;
      break;
    case 'WORKFLOW_EXECUTION_COMPLETED':
    case 'WORKFLOW_EXECUTION_FAILED':
    case 'WORKFLOW_EXECUTION_TERMINATED':
    case 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW':
      cost.visibilityWrites += 1;
      cost.queuedTasks += 2; // close transfer + visibility
      break;
  }
}

function add(into: Cost, more: Cost): void {
  for (const k of Object.keys(into) as (keyof Cost)[]) into[k] += more[k];
}

export type Cause = 'receipt' | 'action' | 'timer';

export interface HistoryStats {
  file: string;
  total: Cost;
  /** In order: the receipt, then one per accepted Update or fired timer. */
  segments: { cause: Cause; cost: Cost }[];
  protobufBytes: number;
  activitiesByType: Record<string, number>;
}

/**
 * Size of a history as protobuf. `historyFromJSON` builds a message of the generated `History` class
 * (@temporalio/proto, which this package does not depend on directly), whose static `encode` writes it.
 */
function encodedSize(history: object): number {
  const cls = history.constructor as { encode?: (m: object) => { finish(): Uint8Array } };
  if (typeof cls.encode !== 'function') throw new Error('historyFromJSON did not build a protobuf message');
  return cls.encode(history).finish().length;
}

/** The costs of one recorded history (Temporal's JSON form, as `temporal workflow show -o json` writes). */
export function historyStats(file: string): HistoryStats {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const events = (raw as { events: JsonEvent[] }).events;
  const protobufBytes = encodedSize(historyFromJSON(raw));
  const total = zero();
  let segment = zero();
  const segments: HistoryStats['segments'] = [{ cause: 'receipt', cost: segment }];
  const activitiesByType: Record<string, number> = {};
  events.forEach((e, i) => {
    const cause: Cause | null =
      type(e) === 'WORKFLOW_TASK_SCHEDULED' && type(events[i + 3]) === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED'
        ? 'action'
        : type(e) === 'TIMER_FIRED'
          ? 'timer'
          : null;
    if (cause) {
      segment = zero();
      segments.push({ cause, cost: segment });
    }
    count(total, events, i);
    count(segment, events, i);
    const activity = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (activity) activitiesByType[activity] = (activitiesByType[activity] ?? 0) + 1;
  });
  return { file: basename(file), total, segments, protobufBytes, activitiesByType };
}

const fixed = (n: number, digits = 1): string => n.toFixed(digits);

function main(): void {
  const dir = resolve(process.argv[2] ?? join(repoRoot, 'test/replay/histories'));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const stats = files.map((f) => historyStats(join(dir, f)));
  const columns = [
    'events',
    'updates',
    'workflowTasks',
    'speculativeWorkflowTasks',
    'activityTasks',
    'localActivities',
    'timersStarted',
    'timersCanceled',
    'timersFired',
    'upserts',
    'transactions',
    'queuedTasks',
    'visibilityWrites',
  ] as const;
  const short = [
    'ev',
    'upd',
    'wt',
    'spec',
    'act',
    'la',
    'tStart',
    'tCanc',
    'tFire',
    'upsert',
    'tx',
    'tasks',
    'vis',
  ];
  console.log(['history'.padEnd(36), ...short.map((s) => s.padStart(6)), 'bytes'.padStart(8)].join(' '));
  for (const s of stats) {
    console.log(
      [
        s.file.replace(/\.json$/, '').padEnd(36),
        ...columns.map((c) => String(s.total[c]).padStart(6)),
        String(s.protobufBytes).padStart(8),
      ].join(' '),
    );
  }
  const segments = stats.flatMap((s) => s.segments);
  const causes: [Cause, string][] = [
    ['receipt', 'per receipt (start until the first action or timer)'],
    ['action', 'per officer action (its Update and what follows it)'],
    ['timer', 'per timer fired (reminder, escalation, overdue, and what follows it)'],
  ];
  console.log('');
  for (const [cause, label] of causes) {
    const of = segments.filter((s) => s.cause === cause);
    const sum = zero();
    for (const s of of) add(sum, s.cost);
    console.log(`${label}, mean of ${of.length}:`);
    console.log(
      `  ${columns.map((k, i) => `${short[i]}=${fixed(sum[k] / Math.max(1, of.length), 2)}`).join(' ')}`,
    );
  }
  const straight = stats.find((s) => s.file.includes('-straight'));
  if (straight) {
    console.log(
      `straight path: ${straight.total.updates} Updates, ${straight.total.events} events, ` +
        `${straight.protobufBytes} bytes of history (protobuf); activities ${JSON.stringify(straight.activitiesByType)}`,
    );
  }
  const bytes = stats.map((s) => s.protobufBytes);
  console.log(
    `history size (protobuf): mean ${Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length)} bytes, ` +
      `max ${Math.max(...bytes)} bytes; bytes per event ${fixed(
        bytes.reduce((a, b) => a + b, 0) / stats.reduce((a, s) => a + s.total.events, 0),
      )}`,
  );
}

main();
