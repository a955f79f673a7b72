/**
 * Deadline computations per second on the shipped calendar: 1 and 60 working days, with a warm
 * calendar (year tables cached) and a cold one (a fresh calendar, validated and built, each time).
 * Run: npx tsx bench/calendar.bench.ts. Prints figures only.
 */
import {
  computeDeadline,
  createWorkingCalendar,
  defaultVietnamCalendar,
  vnDateTimeToInstant,
  type DeadlineLimit,
  type WorkingCalendar,
} from '../domain/calendar/index.js';

const START = vnDateTimeToInstant('2024-01-02', '08:00');
const STEP_MS = 37 * 60_000 + 13_000; // spreads receipts over days, hours and both sides of Tết
const SPAN_MS = 3 * 365 * 86_400_000 - 120 * 86_400_000;
const definition = defaultVietnamCalendar('bench');

interface Figure {
  readonly name: string;
  readonly perSecond: number;
  readonly msPerOp: number;
}

function run(name: string, minMs: number, op: (i: number) => number): Figure {
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += op(i); // warm up the JIT
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let k = 0; k < 100; k++, n++) sink += op(n);
    elapsed = performance.now() - t0;
  }
  if (sink === Number.MIN_VALUE) console.log(sink); // keep the work observable
  return { name, perSecond: (n / elapsed) * 1000, msPerOp: elapsed / n };
}

function deadlineOp(calendarFor: () => WorkingCalendar, limit: DeadlineLimit): (i: number) => number {
  return (i) => computeDeadline(calendarFor(), START + ((i * STEP_MS) % SPAN_MS), limit).deadline;
}

const warm = createWorkingCalendar(definition);
const fresh = (): WorkingCalendar => createWorkingCalendar(definition);
const oneDay: DeadlineLimit = { amount: 1, unit: 'working_days' };
const sixtyDays: DeadlineLimit = { amount: 60, unit: 'working_days' };

const figures = [
  run(
    'warm, 1 working day',
    1500,
    deadlineOp(() => warm, oneDay),
  ),
  run(
    'warm, 60 working days',
    1500,
    deadlineOp(() => warm, sixtyDays),
  ),
  run('cold, 1 working day', 1500, deadlineOp(fresh, oneDay)),
  run('cold, 60 working days', 1500, deadlineOp(fresh, sixtyDays)),
];

console.log('Calendar deadline benchmark (shipped Vietnamese calendar, receipts spread over 2024–2026)');
for (const f of figures) {
  console.log(
    `${f.name.padEnd(24)} ${Math.round(f.perSecond).toLocaleString('en-US').padStart(10)} /s   ${f.msPerOp.toFixed(4)} ms/op`,
  );
}
