/**
 * Online submissions waiting at the officer's receiving unit (`listOnlineSubmissions`; admin: all), by
 * status, oldest first, the check deadline of each (red once it is past).
 */
import { useState } from 'react';
import { Alert, Badge, Group, Loader, Pagination, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { CodeLink } from '../components/code-link';
import { LongText } from '../components/long-text';
import { useReceivingUnits } from '../components/use-receiving-units';
import { formatDateTime } from '../lib/time';
import {
  onlineStatuses,
  onlineStatusLabels,
  type OnlineQueue,
  type OnlineStatus,
} from './online-queue-types';

const PAGE_SIZE = 20;

function QueueTable({ queue }: { queue: OnlineQueue }) {
  const units = useReceivingUnits();
  return (
    <Table highlightOnHover withTableBorder layout="fixed" data-testid="online-queue">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="18%">Mã hồ sơ</Table.Th>
          <Table.Th w="32%">Thủ tục / người nộp</Table.Th>
          <Table.Th w="18%">Nơi tiếp nhận</Table.Th>
          <Table.Th w="14%">Nộp lúc</Table.Th>
          <Table.Th w="18%">Hạn kiểm tra</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {queue.items.map((item) => (
          <Table.Tr
            key={item.code}
            data-code={item.code}
            data-overdue={item.overdue}
            style={{ background: item.overdue ? 'var(--mantine-color-red-0)' : undefined }}
          >
            <Table.Td>
              <CodeLink code={item.code} to={`/truc-tuyen/${encodeURIComponent(item.code)}`} />
            </Table.Td>
            <Table.Td>
              <LongText size="sm">{item.procedureName}</LongText>
              <LongText size="xs" c="dimmed" lines={1}>
                {item.applicantName}
              </LongText>
            </Table.Td>
            <Table.Td>
              <LongText size="sm">{units.unitName(item.receivingUnit)}</LongText>
            </Table.Td>
            <Table.Td>{formatDateTime(item.submittedAt)}</Table.Td>
            <Table.Td>
              <Text size="sm" c={item.overdue ? 'red.8' : undefined} fw={item.overdue ? 600 : undefined}>
                {formatDateTime(item.checkBy)}
              </Text>
              {item.overdue ? (
                <Badge color="red" size="sm">
                  Quá hạn kiểm tra
                </Badge>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function OnlineQueuePage() {
  const [status, setStatus] = useState<OnlineStatus>('pending');
  const [page, setPage] = useState(1);
  const path = `/online-submissions?${new URLSearchParams({
    status,
    page: String(page),
    pageSize: String(PAGE_SIZE),
  }).toString()}`;
  const list = useQuery({
    queryKey: ['online-submissions', path],
    queryFn: () => api<OnlineQueue>(path),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Hồ sơ trực tuyến</Title>
        <Text c="dimmed" data-testid="online-total">
          {list.data ? `${list.data.total.toLocaleString('vi-VN')} hồ sơ · nộp trước xếp trước` : ''}
        </Text>
      </Group>
      <Tabs
        value={status}
        onChange={(v) => {
          setStatus(onlineStatuses.find((s) => s === v) ?? 'pending');
          setPage(1);
        }}
      >
        <Tabs.List>
          {onlineStatuses.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {onlineStatusLabels[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {list.isError ? <Alert color="red">{list.error.message}</Alert> : null}
      {list.isLoading ? <Loader /> : null}
      {list.data && list.data.items.length === 0 ? <Text c="dimmed">Không có hồ sơ nào.</Text> : null}
      {list.data && list.data.items.length > 0 ? <QueueTable queue={list.data} /> : null}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} aria-label="Phân trang" />
        </Group>
      ) : null}
    </Stack>
  );
}
