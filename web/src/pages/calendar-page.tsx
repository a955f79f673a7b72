/** The office calendar: working and non-working days of a month, with the reasons (`listCalendarDays`). */
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, enc } from '../api/client';
import { type CalendarDays } from '../api/types';
import { useOfficer } from '../auth';
import { dayKindLabels } from '../lib/labels';
import { addDays, formatDate, vnToday, weekdayOf } from '../lib/time';

const WEEKDAYS = ['Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy', 'Chủ nhật'];

const kindColor: Record<string, string> = {
  working: 'var(--mantine-color-white)',
  weekly_rest: 'var(--mantine-color-gray-1)',
  holiday: 'var(--mantine-color-red-1)',
  compensatory: 'var(--mantine-color-orange-1)',
  decision_day_off: 'var(--mantine-color-orange-1)',
  make_up_working: 'var(--mantine-color-blue-1)',
};

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: addDays(`${next}-01`, -1) };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function CalendarPage() {
  const me = useOfficer();
  // `?thang=YYYY-MM` opens a month (a link to it can be shared); today's month otherwise.
  const [params, setParams] = useSearchParams();
  const asked = params.get('thang');
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : vnToday().slice(0, 7);
  const setMonth = (m: string) => setParams({ thang: m }, { replace: true });
  const { from, to } = monthRange(month);
  const days = useQuery({
    queryKey: ['calendar-month', me.tenant, month],
    queryFn: () => api<CalendarDays>(`/calendars/${enc(me.tenant)}/days?from=${from}&to=${to}`),
  });
  const list = days.data?.days ?? [];
  // Monday first: getUTCDay() is 0 on Sunday.
  const offset = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  const special = list.filter((d) => d.kind !== 'working' && d.kind !== 'weekly_rest');
  const [y, m] = month.split('-');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Lịch làm việc</Title>
        <Group>
          <Button variant="default" onClick={() => setMonth(shiftMonth(month, -1))}>
            ‹ Tháng trước
          </Button>
          <Text fw={600} data-testid="calendar-month">
            Tháng {Number(m)}/{y}
          </Text>
          <Button variant="default" onClick={() => setMonth(shiftMonth(month, 1))}>
            Tháng sau ›
          </Button>
        </Group>
      </Group>
      {days.isError ? <Alert color="red">{days.error.message}</Alert> : null}
      {days.isLoading ? <Loader /> : null}
      {days.data ? (
        <Text size="sm" c="dimmed">
          Phiên bản lịch {days.data.version} · giờ hành chính 07:30–11:30, 13:30–17:00
        </Text>
      ) : null}
      <SimpleGrid cols={7} spacing={4} data-testid="calendar-grid">
        {WEEKDAYS.map((w) => (
          <Text key={w} fw={600} ta="center" size="sm">
            {w}
          </Text>
        ))}
        {Array.from({ length: Math.max(0, offset) }, (_, i) => (
          <div key={`pad-${i}`} />
        ))}
        {list.map((d) => (
          <Paper
            key={d.date}
            withBorder
            p={6}
            mih={74}
            style={{ background: kindColor[d.kind] }}
            data-date={d.date}
            data-working={d.working}
            title={d.reasons.join('; ')}
          >
            <Group justify="space-between" gap={2}>
              <Text fw={700} c={d.working ? undefined : 'red'}>
                {Number(d.date.slice(8))}
              </Text>
              {d.kind !== 'working' && d.kind !== 'weekly_rest' ? (
                <Badge size="xs" variant="light" color={d.working ? 'blue' : 'red'}>
                  {dayKindLabels[d.kind]}
                </Badge>
              ) : null}
            </Group>
            <Text size="xs" lineClamp={2}>
              {d.reasons.join('; ')}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Ngày nghỉ lễ, nghỉ bù và làm bù trong tháng
        </Title>
        {special.length === 0 ? (
          <Text size="sm" c="dimmed">
            Không có.
          </Text>
        ) : (
          <Table>
            <Table.Tbody>
              {special.map((d) => (
                <Table.Tr key={d.date}>
                  <Table.Td>
                    {weekdayOf(d.date)}, {formatDate(d.date)}
                  </Table.Td>
                  <Table.Td>{d.working ? 'Làm việc' : 'Nghỉ'}</Table.Td>
                  <Table.Td>{dayKindLabels[d.kind]}</Table.Td>
                  <Table.Td>{d.reasons.join('; ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
