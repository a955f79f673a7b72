import type { CalendarDefinition } from '../domain/calendar/index.js';

/**
 * A calendar with working time all day, every day, no holiday, for benchmarks and the soak run: escalations
 * fire whatever the wall clock's night or weekend. Never for a real tenant.
 */
export function allDayCalendar(tenant: string, effectiveFrom: string, name: string): CalendarDefinition {
  return {
    tenant,
    version: 1,
    effectiveFrom,
    name,
    // The schema's widest day: HH:MM ends at 23:59, so one minute a day is not working time.
    officeHours: [{ start: '00:00', end: '23:59' }],
    weeklyRestDays: [],
    sameDayCutoff: '23:59',
    holidayRules: {
      newYear: false,
      tet: { days: 0 },
      hungKings: false,
      victoryDay: false,
      labourDay: false,
      nationalDay: { days: 0, adjacent: 'before' },
    },
    decisions: [],
  };
}
