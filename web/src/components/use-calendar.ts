/** The tenant's working days around today (for remaining working time), from `listCalendarDays`. */
import { useQuery } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import { type CalendarDays } from '../api/types';
import { useOfficer } from '../auth';
import { addDays, vnToday, workingDayMap } from '../lib/time';

export function useWorkingDays(): Map<string, boolean> | undefined {
  const me = useOfficer();
  const today = vnToday();
  const query = useQuery({
    queryKey: ['calendar-days', me.tenant, today],
    queryFn: () =>
      api<CalendarDays>(
        `/calendars/${enc(me.tenant)}/days?from=${addDays(today, -180)}&to=${addDays(today, 540)}`,
      ),
    staleTime: 60 * 60_000,
  });
  return query.data ? workingDayMap(query.data.days) : undefined;
}
