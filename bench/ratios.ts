/**
 * The bare-Temporal baseline's figures on file, and the ratios of a product benchmark to them.
 *
 * `npm run bench:baseline` writes `.data/bench/baseline.json` (its JSON line plus when and where it ran); a
 * product benchmark loads it when it starts (warning at once when it is absent, old or from another machine)
 * and ends with a table of each of its figures next to the matching baseline figure and their ratio, ours ÷
 * bare. `BENCH_BASELINE=<file>` reads another file instead, e.g. the line printed by the anchor kept beside
 * the checkouts (`…/bench-anchor/run.sh > anchor.json`): its keys are the same.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../scripts/paths.js';

/** Where `npm run bench:baseline` writes its figures. */
export const defaultBaselinePath = path.join(repoRoot, '.data', 'bench', 'baseline.json');
/** A baseline older than this (minutes, `BENCH_BASELINE_MAX_AGE_MIN`) was not run "just before". */
const maxAgeMinutes = Number(process.env.BENCH_BASELINE_MAX_AGE_MIN ?? 60);

/** The machine a baseline ran on, enough to tell it is the same kind as this one. */
export interface MachineInfo {
  cpus: number;
  cpu_model: string;
  memory_gib: number;
  platform: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model.trim() ?? 'unknown',
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** The anchor's JSON line (the same keys as `npm run bench:baseline` prints), and what the file adds. */
const baselineSchema = z.looseObject({
  mode: z.string().optional(),
  node: z.string().optional(),
  B1_wf_per_s: z.number(),
  B2_update_ms: z.looseObject({ p50: z.number(), p99: z.number() }),
  B2_load_32: z.looseObject({
    updates_per_s: z.number(),
    p50: z.number().optional(),
    p99: z.number().optional(),
  }),
  B4_timer_burst: z.looseObject({
    n: z.number(),
    lag_p50_ms: z.number(),
    lag_p99_ms: z.number(),
    drained_ms: z.number(),
    wakeups_per_s: z.number(),
  }),
  B6_list_page50_ms: z.looseObject({ p50: z.number(), p95: z.number() }),
  /** ISO instant the run ended (absent from the anchor's line: the file's modification time stands in). */
  at: z.iso.datetime().optional(),
  machine: z
    .looseObject({
      cpus: z.number(),
      cpu_model: z.string(),
      memory_gib: z.number(),
      platform: z.string(),
    })
    .optional(),
});
export type Baseline = z.infer<typeof baselineSchema>;

interface FigureDef {
  label: string;
  get(b: Baseline): number | undefined;
  /** A rate (higher is better) or a latency (lower is better). */
  kind: 'rate' | 'latency';
}

/** Every baseline figure a product figure may be compared with. */
export const baselineFigures = {
  B1_wf_per_s: { label: 'B1 workflows/s', get: (b) => b.B1_wf_per_s, kind: 'rate' },
  'B2_update_ms.p50': { label: 'B2 update p50 ms', get: (b) => b.B2_update_ms.p50, kind: 'latency' },
  'B2_update_ms.p99': { label: 'B2 update p99 ms', get: (b) => b.B2_update_ms.p99, kind: 'latency' },
  'B2_load_32.updates_per_s': {
    label: 'B2_load_32 updates/s',
    get: (b) => b.B2_load_32.updates_per_s,
    kind: 'rate',
  },
  'B2_load_32.p50': { label: 'B2_load_32 p50 ms', get: (b) => b.B2_load_32.p50, kind: 'latency' },
  'B2_load_32.p99': { label: 'B2_load_32 p99 ms', get: (b) => b.B2_load_32.p99, kind: 'latency' },
  'B4_timer_burst.lag_p50_ms': {
    label: 'B4 timer lag p50 ms',
    get: (b) => b.B4_timer_burst.lag_p50_ms,
    kind: 'latency',
  },
  'B4_timer_burst.lag_p99_ms': {
    label: 'B4 timer lag p99 ms',
    get: (b) => b.B4_timer_burst.lag_p99_ms,
    kind: 'latency',
  },
  'B4_timer_burst.drained_ms': {
    label: 'B4 drained ms',
    get: (b) => b.B4_timer_burst.drained_ms,
    kind: 'latency',
  },
  'B4_timer_burst.wakeups_per_s': {
    label: 'B4 wake-ups/s',
    get: (b) => b.B4_timer_burst.wakeups_per_s,
    kind: 'rate',
  },
  'B6_list_page50_ms.p50': {
    label: 'B6 list page p50 ms',
    get: (b) => b.B6_list_page50_ms.p50,
    kind: 'latency',
  },
  'B6_list_page50_ms.p95': {
    label: 'B6 list page p95 ms',
    get: (b) => b.B6_list_page50_ms.p95,
    kind: 'latency',
  },
} satisfies Record<string, FigureDef>;
export type BaselineFigure = keyof typeof baselineFigures;

export interface LoadedBaseline {
  file: string;
  /** Absent when the file is missing or unreadable (`warnings` says why). */
  figures?: Baseline;
  /** When it ran. */
  at?: Date;
  warnings: string[];
}

/** Writes a baseline run's figures, with when and where it ran, to `file` (default `.data/bench/baseline.json`). */
export function writeBaseline(figures: Record<string, unknown>, file = defaultBaselinePath): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const record = { ...figures, at: new Date().toISOString(), machine: machineInfo() };
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}

/**
 * Reads the baseline (`BENCH_BASELINE`, else `.data/bench/baseline.json`) and prints to stderr at once why
 * its ratios may mislead: absent, unreadable, older than BENCH_BASELINE_MAX_AGE_MIN (60), or from a machine
 * unlike this one.
 */
export function loadBaseline(file = process.env.BENCH_BASELINE ?? defaultBaselinePath): LoadedBaseline {
  const loaded = readBaseline(file);
  for (const w of loaded.warnings) process.stderr.write(`WARNING (baseline): ${w}\n`);
  return loaded;
}

function readBaseline(file: string, now = Date.now()): LoadedBaseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {
      file,
      warnings: [`${file} is absent: run \`npm run bench:baseline\` just before this benchmark`],
    };
  }
  let parsed: ReturnType<typeof baselineSchema.safeParse>;
  try {
    parsed = baselineSchema.safeParse(JSON.parse(text));
  } catch {
    return { file, warnings: [`${file} is not JSON`] };
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { file, warnings: [`${file} is not a baseline: ${issue?.path.join('.')}: ${issue?.message}`] };
  }
  const figures = parsed.data;
  const at = figures.at ? new Date(figures.at) : statSync(file).mtime;
  const warnings: string[] = [];
  const ageMin = (now - at.getTime()) / 60_000;
  if (ageMin > maxAgeMinutes)
    warnings.push(
      `${file} is ${Math.round(ageMin)} min old (over ${maxAgeMinutes}): run \`npm run bench:baseline\` again just before`,
    );
  const here = machineInfo();
  const there = figures.machine;
  if (
    there &&
    (there.cpus !== here.cpus || there.cpu_model !== here.cpu_model || there.platform !== here.platform)
  )
    warnings.push(
      `${file} ran on another machine (${there.cpus} × ${there.cpu_model}, ${there.platform}; here ${here.cpus} × ${here.cpu_model}, ${here.platform})`,
    );
  return { file, figures, at, warnings };
}

/** One product figure and the baseline figure it is read against. */
export interface RatioRow {
  figure: string;
  ours: number;
  vs: BaselineFigure;
}

const fmt = (x: number): string =>
  !Number.isFinite(x) ? '—' : Math.abs(x) >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
const fmtRatio = (x: number): string =>
  !Number.isFinite(x) ? '—' : `${x < 0.1 ? x.toPrecision(2) : x < 10 ? x.toFixed(2) : x.toFixed(1)}×`;

/** Ours ÷ bare, or NaN when the baseline lacks the figure. */
export function ratio(baseline: Baseline, row: RatioRow): number {
  const bare = baselineFigures[row.vs].get(baseline);
  return bare === undefined || bare === 0 ? NaN : row.ours / bare;
}

export interface PrintRatiosOptions {
  /** How to read the ratios, after "ours ÷ bare;" in the heading. */
  reading?: string;
  /** Printed under the table, as the baseline's warnings are (e.g. a size that differs from the baseline's). */
  notes?: readonly string[];
  now?: number;
}

/**
 * Prints each figure next to the matching baseline figure and the ratio ours ÷ bare (stdout), under a line
 * naming the baseline, followed by the notes and the baseline's warnings.
 */
export function printRatios(
  baseline: LoadedBaseline,
  rows: readonly RatioRow[],
  {
    reading = 'a rate below 1× or a latency above 1× is the cost of the product',
    notes = [],
    now = Date.now(),
  }: PrintRatiosOptions = {},
): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  const b = baseline.figures;
  if (!b) {
    out(`No ratios to the bare-Temporal baseline: ${baseline.warnings.join('; ')}`);
    return;
  }
  const ageMin = baseline.at ? Math.round((now - baseline.at.getTime()) / 60_000) : NaN;
  out('');
  out(
    `Ratios to the bare-Temporal baseline (${path.relative(process.cwd(), baseline.file) || baseline.file}, ` +
      `${baseline.at?.toISOString() ?? '?'}, ${ageMin} min before this line): ours ÷ bare; ${reading}`,
  );
  const table = rows.map((r) => {
    const def = baselineFigures[r.vs];
    return [r.figure, fmt(r.ours), def.label, fmt(def.get(b) ?? NaN), fmtRatio(ratio(b, r))];
  });
  const head = ['figure', 'ours', 'baseline figure', 'bare', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ');
  out(line(head));
  for (const t of table) out(line(t));
  for (const n of notes) out(`NOTE: ${n}`);
  for (const w of baseline.warnings) out(`WARNING (baseline): ${w}`);
}

/** Every figure of `ours` against the same figure of `baseline`: how two baseline runs agree. */
export function baselineAgreementRows(ours: Baseline): RatioRow[] {
  return (Object.keys(baselineFigures) as BaselineFigure[]).flatMap((key) => {
    const v = baselineFigures[key].get(ours);
    return v === undefined ? [] : [{ figure: baselineFigures[key].label, ours: v, vs: key }];
  });
}

/** Parses a run's figures (as printed) for `baselineAgreementRows`. */
export const parseBaseline = (value: unknown): Baseline => baselineSchema.parse(value);
