/**
 * Leader view (`listLateDossiers`): overdue and at-risk dossiers, counted by division and by procedure,
 * and the apologies (Mẫu 04) still to sign, each with its sign form; an apology signed after its legal
 * limit is marked "Xin lỗi muộn".
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, enc } from '../api/client';
import { type DossierView, type LateDossiers } from '../api/types';
import { ActionDialog } from '../components/action-dialog';
import { formatDateTime } from '../lib/time';

type Counts = Pick<
  LateDossiers['byDivision'][number],
  'overdue' | 'atRisk' | 'apologyRequired' | 'apologyLate'
>;

interface Count extends Counts {
  key: string;
  label: string;
}

function CountTable({ title, rows, testId }: { title: string; rows: Count[]; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          Không có hồ sơ trễ hạn.
        </Text>
      ) : (
        <Table data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{title.includes('thủ tục') ? 'Thủ tục' : 'Đơn vị'}</Table.Th>
              <Table.Th>Quá hạn</Table.Th>
              <Table.Th>Nguy cơ trễ</Table.Th>
              <Table.Th>Chờ ký xin lỗi</Table.Th>
              <Table.Th>Xin lỗi muộn</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td>{r.overdue}</Table.Td>
                <Table.Td>{r.atRisk}</Table.Td>
                <Table.Td>{r.apologyRequired}</Table.Td>
                <Table.Td>{r.apologyLate}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The apology signed: on time, or after its legal limit (one working day before the appointment). */
function ApologyBadge({ late }: { late: boolean }) {
  return late ? (
    <Badge ml="xs" color="red" variant="light" data-testid="apology-late">
      Xin lỗi muộn
    </Badge>
  ) : (
    <Badge ml="xs" color="gray" variant="light">
      Đã ký xin lỗi
    </Badge>
  );
}

export function LatePage() {
  const client = useQueryClient();
  const [signing, setSigning] = useState<DossierView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const late = useQuery({ queryKey: ['late'], queryFn: () => api<LateDossiers>('/dossiers/late') });
  const items = late.data?.items ?? [];
  const toSign = items.filter((d) => d.apologyRequired);
  // Whether this officer may sign is the API's answer: the dossier view's `allowedActions`.
  const views = useQueries({
    queries: toSign.map((d) => ({
      queryKey: ['dossier', d.code],
      queryFn: () => api<DossierView>(`/dossiers/${enc(d.code)}`),
    })),
  });
  const maySign = new Set(
    views.flatMap((v) => (v.data?.allowedActions.includes('sign-apology') ? [v.data.code] : [])),
  );

  const openSign = async (code: string) => {
    setDone(null);
    setSigning(await api<DossierView>(`/dossiers/${enc(code)}`));
  };

  return (
    <Stack>
      <Title order={2}>Hồ sơ trễ hạn và nguy cơ trễ hạn</Title>
      {late.isError ? <Alert color="red">{late.error.message}</Alert> : null}
      {late.isLoading ? <Loader /> : null}
      {done ? (
        <Alert color="green" data-testid="apology-done">
          {done}
        </Alert>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <CountTable
            title="Theo đơn vị"
            rows={(late.data?.byDivision ?? []).map((r) => ({
              ...r,
              key: r.division,
              label: r.divisionName ?? (r.division || 'Chưa xác định'),
            }))}
            testId="by-division"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <CountTable
            title="Theo thủ tục"
            rows={(late.data?.byProcedure ?? []).map((r) => ({
              ...r,
              key: r.procedureCode,
              label: r.procedureName ?? r.procedureCode,
            }))}
            testId="by-procedure"
          />
        </Grid.Col>
      </Grid>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Phiếu xin lỗi chờ ký
        </Title>
        {toSign.length === 0 ? (
          <Text c="dimmed" size="sm">
            Không có phiếu nào chờ ký.
          </Text>
        ) : (
          <Table data-testid="apologies-to-sign">
            <Table.Tbody>
              {toSign.map((d) => (
                <Table.Tr key={d.code} data-code={d.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/ho-so/${enc(d.code)}`}>
                      {d.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.procedureName}</Table.Td>
                  <Table.Td>{formatDateTime(d.appointmentAt)}</Table.Td>
                  <Table.Td>
                    {maySign.has(d.code) ? (
                      <Button size="xs" color="orange" onClick={() => void openSign(d.code)}>
                        Ký phiếu xin lỗi
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Danh sách hồ sơ
        </Title>
        <Table data-testid="late-dossiers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã hồ sơ</Table.Th>
              <Table.Th>Thủ tục</Table.Th>
              <Table.Th>Đơn vị đang xử lý</Table.Th>
              <Table.Th>Hẹn trả</Table.Th>
              <Table.Th>Tình trạng</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.code} data-code={d.code}>
                <Table.Td>
                  <Anchor component={Link} to={`/ho-so/${enc(d.code)}`}>
                    {d.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.procedureName}</Table.Td>
                <Table.Td>{d.divisionName ?? d.division ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(d.appointmentAt)}</Table.Td>
                <Table.Td>
                  {d.overdue ? (
                    <Badge color="red">Quá hạn</Badge>
                  ) : (
                    <Badge color="orange">Nguy cơ trễ hẹn</Badge>
                  )}
                  {d.apology ? <ApologyBadge late={d.apology.late} /> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {signing ? (
        <ActionDialog
          action="sign-apology"
          dossier={signing}
          onClose={() => setSigning(null)}
          onDone={(message) => {
            setSigning(null);
            setDone(`${message} Hồ sơ ${signing.code}.`);
            void client.invalidateQueries({ queryKey: ['late'] });
          }}
        />
      ) : null}
    </Stack>
  );
}
