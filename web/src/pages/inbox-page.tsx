/**
 * Work inbox: the open dossiers at the officer's steps, most urgent first, paginated by the server (the
 * true count shown), with the working time left on the step (red when over; orange when under a working hour is left on the step, under a working day
 * before the appointment, or the dossier is flagged at risk).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Checkbox,
  Group,
  Loader,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { type DossierList, type DossierListItem, type Officer } from '../api/types';
import { CodeLink } from '../components/code-link';
import { LongText } from '../components/long-text';
import { useOrganisation } from '../components/use-organisation';
import { useOfficer } from '../auth';
import { useWorkingDays } from '../components/use-calendar';
import { useNow } from '../components/use-now';
import { statusColor, statusLabels } from '../lib/labels';
import { formatDateTime, remainingText, WORKING_MINUTES_PER_DAY, workingMinutesBetween } from '../lib/time';

const OPEN_STATUSES = '2,4,5,6,7,9';
/** Less than a working hour left on the step, or less than a working day before the appointment (or flagged by the server's escalation ladder): at risk. */
const AT_RISK_STEP_MINUTES = 60;
const PAGE_SIZE = 20;

interface InboxFilter {
  page: number;
  search: string;
  mineOnly: boolean;
  overdueOnly: boolean;
}

/**
 * One page of the inbox, paginated and filtered by the server (`listDossiers`), most urgent first: a desk
 * officer's receiving unit's desk, another officer's division (leaders: Ban Giám đốc); everything for
 * admin and auditors.
 */
function inboxQuery(me: Officer, f: InboxFilter): string {
  const params = new URLSearchParams({
    status: OPEN_STATUSES,
    sort: 'deadline',
    pageSize: String(PAGE_SIZE),
    page: String(f.page),
  });
  if (me.receivingUnit) params.set('deskUnit', me.receivingUnit);
  else if (me.role !== 'admin' && me.role !== 'auditor' && me.divisionCode)
    params.set('division', me.divisionCode);
  if (f.search.trim()) params.set('q', f.search.trim());
  if (f.mineOnly) params.set('assignee', me.username);
  if (f.overdueOnly) params.set('overdue', 'true');
  return `/dossiers?${params.toString()}`;
}

export type Urgency = 'overdue' | 'at_risk' | 'normal';

interface Row {
  item: DossierListItem;
  remaining: number | null;
  urgency: Urgency;
}

const urgencyStyle: Record<Urgency, { color: string; label: string; background?: string }> = {
  overdue: { color: 'red', label: 'Quá hạn', background: 'var(--mantine-color-red-0)' },
  at_risk: { color: 'orange', label: 'Sắp đến hạn', background: 'var(--mantine-color-orange-0)' },
  normal: { color: 'green', label: 'Trong hạn' },
};

export function InboxPage() {
  const me = useOfficer();
  const days = useWorkingDays();
  const org = useOrganisation();
  const [mineOnly, setMineOnly] = useState(false);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = inboxQuery(me, { page, search: useDeferredValue(search), mineOnly, overdueOnly });
  const list = useQuery({
    queryKey: ['inbox', me.username, query],
    queryFn: () => api<DossierList>(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  // Any filter change starts again from the first page.
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  // Managers also read the late list (the escalation ladder's own view), refreshed on the same beat.
  const late = useQuery({
    queryKey: ['late'],
    queryFn: () => api<{ items: { code: string; atRisk: boolean }[] }>('/dossiers/late'),
    enabled: me.access.lateDossiers,
    refetchInterval: 60_000,
  });
  const flaggedAtRisk = useMemo(
    () => new Set((late.data?.items ?? []).filter((i) => i.atRisk).map((i) => i.code)),
    [late.data],
  );
  const now = useNow();
  const rows = useMemo<Row[]>(() => {
    return (list.data?.items ?? []).map((item) => {
      const deadline = item.stepDeadline ?? item.appointmentAt;
      const remaining = days ? workingMinutesBetween(now, Date.parse(deadline), days) : null;
      const toAppointment = days ? workingMinutesBetween(now, Date.parse(item.appointmentAt), days) : null;
      const urgency: Urgency =
        item.overdue || Date.parse(deadline) < now
          ? 'overdue'
          : item.atRisk ||
              flaggedAtRisk.has(item.code) ||
              (remaining !== null && remaining < AT_RISK_STEP_MINUTES) ||
              (toAppointment !== null && toAppointment < WORKING_MINUTES_PER_DAY)
            ? 'at_risk'
            : 'normal';
      return { item, remaining, urgency };
    });
  }, [list.data, days, now, flaggedAtRisk]);
  const shown = rows;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Hộp việc của tôi</Title>
        <Text c="dimmed" data-testid="inbox-total">
          {list.data ? `${list.data.total.toLocaleString('vi-VN')} hồ sơ đang chờ xử lý` : ''}
          {list.data && pages > 1
            ? ` · trang ${list.data.page}/${pages} (${PAGE_SIZE} hồ sơ mỗi trang, gấp nhất trước)`
            : ''}
        </Text>
      </Group>
      <Group>
        <TextInput
          placeholder="Tìm theo mã hồ sơ, người nộp, thủ tục"
          value={search}
          onChange={(e) => filter(setSearch)(e.currentTarget.value)}
          w={320}
          maw="100%"
          aria-label="Tìm kiếm"
        />
        <Checkbox
          label="Chỉ hồ sơ quá hạn"
          checked={overdueOnly}
          onChange={(e) => filter(setOverdueOnly)(e.currentTarget.checked)}
        />
        <Checkbox
          label="Chỉ hồ sơ giao cho tôi"
          checked={mineOnly}
          onChange={(e) => filter(setMineOnly)(e.currentTarget.checked)}
        />
      </Group>
      {list.isError ? <Alert color="red">{list.error.message}</Alert> : null}
      {list.isLoading ? <Loader /> : null}
      {list.data && shown.length === 0 ? <Text c="dimmed">Không có hồ sơ nào chờ xử lý.</Text> : null}
      {shown.length > 0 ? (
        <Table highlightOnHover withTableBorder layout="fixed" data-testid="inbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="15%">Mã hồ sơ</Table.Th>
              <Table.Th w="24%">Thủ tục / người nộp</Table.Th>
              <Table.Th w="17%">Bước hiện tại</Table.Th>
              <Table.Th w="11%">Trạng thái</Table.Th>
              <Table.Th w="11%">Hạn của bước</Table.Th>
              <Table.Th w="12%">Thời gian còn lại</Table.Th>
              <Table.Th w="10%">Hẹn trả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map(({ item, remaining, urgency }) => (
              <Table.Tr
                key={item.code}
                style={{ background: urgencyStyle[urgency].background }}
                data-urgency={urgency}
                data-code={item.code}
              >
                <Table.Td>
                  <CodeLink code={item.code} to={`/ho-so/${encodeURIComponent(item.code)}`} />
                </Table.Td>
                <Table.Td>
                  <LongText size="sm">{item.procedureName}</LongText>
                  <LongText size="xs" c="dimmed" lines={1} data-testid="inbox-applicant">
                    {item.applicantName}
                  </LongText>
                </Table.Td>
                <Table.Td>
                  <LongText size="sm">{item.currentStepName ?? '—'}</LongText>
                  <LongText size="xs" c="dimmed" lines={2}>
                    {`${item.division ? org.divisionName(item.division) : ''} · ${
                      item.assignee ? org.officerName(item.assignee) : 'chưa giao'
                    }`}
                  </LongText>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} c={statusColor(item.status)}>
                    {statusLabels[item.status] ?? item.status}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(item.stepDeadline)}</Table.Td>
                <Table.Td>
                  <Badge
                    color={urgencyStyle[urgency].color}
                    variant={urgency === 'normal' ? 'light' : 'filled'}
                  >
                    {urgencyStyle[urgency].label}
                  </Badge>
                  <Text size="xs" c={remaining !== null && remaining < 0 ? 'red' : undefined}>
                    {remaining === null ? '' : remainingText(remaining)}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(item.appointmentAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            aria-label="Phân trang"
            getControlProps={(control) => ({
              'aria-label':
                control === 'next' ? 'Trang sau' : control === 'previous' ? 'Trang trước' : control,
            })}
          />
        </Group>
      ) : null}
    </Stack>
  );
}
