/**
 * Managers' view of the sync with the national public-service portal (`getNationalSyncSummary`): what
 * waits or fails and why, the sync rate by month; a dossier's statuses (`getDossierNationalSync`) and,
 * for heads, the director and administrators, pushing them again (`repushDossierNationalSync`).
 */
import { useState } from 'react';
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
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc, newIdempotencyKey } from '../api/client';
import type { ApiAnswer } from '../api/types';
import { useOfficer } from '../auth';
import { formatDateTime } from '../lib/time';

type Summary = ApiAnswer<'getNationalSyncSummary'>;
type DossierSync = ApiAnswer<'getDossierNationalSync'>;
type Repushed = ApiAnswer<'repushDossierNationalSync'>;

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function DossierStatuses({ code, mayRepush }: { code: string; mayRepush: boolean }) {
  const client = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const rows = useQuery({
    queryKey: ['national-sync', code],
    queryFn: () => api<DossierSync>(`/national-sync/dossiers/${enc(code)}`),
  });
  const repush = async () => {
    const r = await api<Repushed>(`/national-sync/dossiers/${enc(code)}/repush`, {
      method: 'POST',
      idempotencyKey: newIdempotencyKey(),
    });
    setNote(r.resendAll ? 'Đã gửi lại toàn bộ trạng thái.' : `Đang đẩy ${r.pending} trạng thái chờ.`);
    await client.invalidateQueries({ queryKey: ['national-sync'] });
  };
  if (rows.isLoading) return <Loader />;
  if (rows.isError) return <Alert color="red">{rows.error.message}</Alert>;
  return (
    <Stack>
      {note ? <Alert color="green">{note}</Alert> : null}
      <Table data-testid="dossier-sync">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>STT</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            <Table.Th>Ghi nhận</Table.Th>
            <Table.Th>Đã đồng bộ</Table.Th>
            <Table.Th>Số lần gửi</Table.Th>
            <Table.Th>Lỗi gần nhất</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rows.data?.items ?? []).map((r) => (
            <Table.Tr key={r.statusSeq}>
              <Table.Td>{r.statusSeq}</Table.Td>
              <Table.Td>{`${r.status} – ${r.statusLabel}`}</Table.Td>
              <Table.Td>{formatDateTime(r.recordedAt)}</Table.Td>
              <Table.Td>
                {r.deliveredAt ? formatDateTime(r.deliveredAt) : <Badge color="orange">Chờ đồng bộ</Badge>}
              </Table.Td>
              <Table.Td>{r.attempts}</Table.Td>
              <Table.Td>{r.lastError ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {mayRepush ? (
        <Group>
          <Button onClick={() => void repush()} data-testid="repush">
            Đẩy lại lên Cổng DVC quốc gia
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export function NationalSyncPage() {
  const me = useOfficer();
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const summary = useQuery({ queryKey: ['national-sync'], queryFn: () => api<Summary>('/national-sync') });
  const s = summary.data;
  return (
    <Stack>
      <Title order={2}>Đồng bộ Cổng Dịch vụ công quốc gia</Title>
      {summary.isError ? <Alert color="red">{summary.error.message}</Alert> : null}
      {summary.isLoading ? <Loader /> : null}
      {s ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label="Trạng thái chờ đồng bộ" value={s.pending} testId="sync-pending" />
            <Figure label="Trạng thái gửi lỗi" value={s.failed} testId="sync-failed" />
            <Figure label="Hồ sơ chờ đồng bộ" value={s.pendingDossiers} testId="sync-pending-dossiers" />
          </SimpleGrid>
          {s.lastError ? (
            <Alert color="orange" title="Lỗi gần nhất">
              {`${s.lastError.dossierCode} (trạng thái thứ ${s.lastError.statusSeq}, ${formatDateTime(s.lastError.at)}): ${s.lastError.error}`}
            </Alert>
          ) : null}
          <Paper withBorder p="md">
            <Title order={4} mb="xs">
              Tỷ lệ đồng bộ theo tháng
            </Title>
            <Table data-testid="sync-months">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tháng</Table.Th>
                  <Table.Th>Hồ sơ</Table.Th>
                  <Table.Th>Đã đồng bộ đủ</Table.Th>
                  <Table.Th>Tỷ lệ</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{m.month}</Table.Td>
                    <Table.Td>{m.dossiers}</Table.Td>
                    <Table.Td>{m.synced}</Table.Td>
                    <Table.Td>{`${m.rate.toLocaleString('vi-VN')}%`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      ) : null}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Trạng thái đồng bộ của một hồ sơ
        </Title>
        <Group align="flex-end" mb="md">
          <TextInput
            label="Mã hồ sơ"
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            w={320}
          />
          <Button variant="light" onClick={() => setCode(input.trim() || null)}>
            Xem
          </Button>
        </Group>
        {code ? (
          <DossierStatuses code={code} mayRepush={['head', 'director', 'admin'].includes(me.role)} />
        ) : null}
      </Paper>
    </Stack>
  );
}
