/**
 * Work inbox: the open dossiers at the officer's steps, most urgent first, with the working time left
 * on the step (red when over; orange when under a working hour is left on the step, under a working day
 * before the appointment, or the dossier is flagged at risk).
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Checkbox,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, enc } from '../api/client';
import { type DossierList, type DossierListItem, type Officer, type ProcedureVersion } from '../api/types';
import { useOfficer } from '../auth';
import { seesLateDossiers } from '../lib/permissions';
import { useWorkingDays } from '../components/use-calendar';
import { useNow } from '../components/use-now';
import { statusColor, statusLabels } from '../lib/labels';
import {
  formatDateTime,
  formatWorkingMinutes,
  WORKING_MINUTES_PER_DAY,
  workingMinutesBetween,
} from '../lib/time';

const OPEN_STATUSES = '2,4,5,6,7,9';
/** Less than a working hour left on the step, or less than a working day before the appointment (or flagged by the server's escalation ladder): at risk. */
const AT_RISK_STEP_MINUTES = 60;

/** Where the officer's steps are: their division (leaders: Ban Giám đốc); everything for admin and auditors. */
function inboxQuery(me: Officer, page: number): string {
  const params = new URLSearchParams({ status: OPEN_STATUSES, pageSize: '100', page: String(page) });
  if (me.role !== 'admin' && me.role !== 'auditor' && me.divisionCode)
    params.set('division', me.divisionCode);
  return `/dossiers?${params.toString()}`;
}

/** Pages the inbox reads at most (the list comes newest first; urgency is sorted here, so read them all). */
const MAX_PAGES = 10;

/** Every open dossier of the inbox, up to {@link MAX_PAGES} pages of 100. */
async function loadInbox(me: Officer): Promise<DossierList> {
  const first = await api<DossierList>(inboxQuery(me, 1));
  const pages = Math.min(MAX_PAGES, Math.ceil(first.total / first.pageSize));
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => api<DossierList>(inboxQuery(me, i + 2))),
  );
  const seen = new Set<string>();
  const items = [first, ...rest].flatMap((p) => p.items).filter((i) => !seen.has(i.code) && seen.add(i.code));
  return { ...first, items };
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
  const [mineOnly, setMineOnly] = useState(me.role === 'specialist');
  const [urgencyFilter, setUrgencyFilter] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const list = useQuery({
    queryKey: ['inbox', me.username],
    queryFn: () => loadInbox(me),
    refetchInterval: 60_000,
  });
  // Managers also read the late list (the escalation ladder's own view), refreshed on the same beat.
  const late = useQuery({
    queryKey: ['late'],
    queryFn: () => api<{ items: { code: string; atRisk: boolean }[] }>('/dossiers/late'),
    enabled: seesLateDossiers(me),
    refetchInterval: 60_000,
  });
  const flaggedAtRisk = useMemo(
    () => new Set((late.data?.items ?? []).filter((i) => i.atRisk).map((i) => i.code)),
    [late.data],
  );
  // Step names of the procedures in the list (the list carries step ids only).
  const codes = [...new Set((list.data?.items ?? []).map((i) => i.procedureCode))];
  const procedures = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['procedure', code],
      queryFn: () => api<ProcedureVersion>(`/procedures/${enc(code)}`),
      staleTime: 10 * 60_000,
    })),
  });
  const stepName = (procedureCode: string, stepId: string | null): string => {
    if (!stepId) return '—';
    const definition = procedures.find((p) => p.data?.code === procedureCode)?.data?.definition;
    return definition?.steps.find((st) => st.id === stepId)?.name ?? stepId;
  };
  const now = useNow();
  const rows = useMemo<Row[]>(() => {
    return (list.data?.items ?? [])
      .map((item) => {
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
      })
      .sort((a, b) =>
        (a.item.stepDeadline ?? a.item.appointmentAt).localeCompare(
          b.item.stepDeadline ?? b.item.appointmentAt,
        ),
      );
  }, [list.data, days, now, flaggedAtRisk]);
  const shown = rows.filter(
    (r) =>
      (!mineOnly || r.item.assignee === me.username || r.item.assignee === null) &&
      (!urgencyFilter || r.urgency === urgencyFilter) &&
      (!search ||
        `${r.item.code} ${r.item.applicantName} ${r.item.procedureName}`
          .toLowerCase()
          .includes(search.trim().toLowerCase())),
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Hộp việc của tôi</Title>
        <Text c="dimmed">
          {list.data ? `${shown.length} hồ sơ đang chờ xử lý` : ''}
          {list.data && list.data.total > list.data.items.length
            ? ` (đang hiển thị ${list.data.items.length}/${list.data.total} hồ sơ mới nhất)`
            : ''}
        </Text>
      </Group>
      <Group>
        <TextInput
          placeholder="Tìm theo mã hồ sơ, người nộp, thủ tục"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          aria-label="Tìm kiếm"
        />
        <Select
          placeholder="Mọi mức độ"
          data={[
            { value: 'overdue', label: 'Quá hạn' },
            { value: 'at_risk', label: 'Sắp đến hạn' },
            { value: 'normal', label: 'Trong hạn' },
          ]}
          value={urgencyFilter}
          onChange={setUrgencyFilter}
          clearable
          aria-label="Mức độ"
        />
        <Checkbox
          label="Chỉ hồ sơ giao cho tôi hoặc chưa giao"
          checked={mineOnly}
          onChange={(e) => setMineOnly(e.currentTarget.checked)}
        />
      </Group>
      {list.isError ? <Alert color="red">{list.error.message}</Alert> : null}
      {list.isLoading ? <Loader /> : null}
      {list.data && shown.length === 0 ? <Text c="dimmed">Không có hồ sơ nào chờ xử lý.</Text> : null}
      {shown.length > 0 ? (
        <Table highlightOnHover withTableBorder data-testid="inbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã hồ sơ</Table.Th>
              <Table.Th>Thủ tục / người nộp</Table.Th>
              <Table.Th>Bước hiện tại</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
              <Table.Th>Hạn của bước</Table.Th>
              <Table.Th>Thời gian còn lại</Table.Th>
              <Table.Th>Hẹn trả</Table.Th>
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
                  <Anchor component={Link} to={`/ho-so/${encodeURIComponent(item.code)}`} fw={600}>
                    {item.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {item.procedureName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.applicantName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {stepName(item.procedureCode, item.currentStepId)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.division ?? ''}
                    {item.assignee ? ` · ${item.assignee}` : ' · chưa giao'}
                  </Text>
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
                  <Text size="xs">
                    {remaining === null
                      ? ''
                      : remaining < 0
                        ? `quá ${formatWorkingMinutes(remaining)}`
                        : `còn ${formatWorkingMinutes(remaining)}`}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(item.appointmentAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
