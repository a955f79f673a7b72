/**
 * The plan's report window a day belongs to (domain/report/period.ts): Quý I 10/12 → 10/3, 6 tháng
 * 10/12 → 10/6, Quý III 11/6 → 10/9, năm 10/12 → 10/12. The current one is the shortest window still
 * open on that day: 11/12–10/3 Quý I (of the next year from December), 11/3–10/6 6 tháng, 11/6–10/9
 * Quý III, 11/9–10/12 the year.
 */
export type PlanPeriodKind = 'q1' | 'h1' | 'q3' | 'year';

export function currentPlanPeriod(today: string): { kind: PlanPeriodKind; year: number } {
  const year = Number(today.slice(0, 4));
  const monthDay = today.slice(5);
  if (monthDay > '12-10') return { kind: 'q1', year: year + 1 };
  if (monthDay <= '03-10') return { kind: 'q1', year };
  if (monthDay <= '06-10') return { kind: 'h1', year };
  if (monthDay <= '09-10') return { kind: 'q3', year };
  return { kind: 'year', year };
}
