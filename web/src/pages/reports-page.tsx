/**
 * Periodic reports (`getReport`): the plan's windows (Quý I, 6 tháng, Quý III, năm) or any range, shown
 * as tables and downloaded as Excel.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, apiFile, saveFile } from '../api/client';
import { FormAlert, useFormErrors } from '../components/errors';
import { currentPlanPeriod } from '../lib/report-period';
import { formatDate, formatDateTime, vnToday } from '../lib/time';
import { figureLabels as reportFigureLabels } from '../../../domain/report/labels';

const periods = [
  { value: 'q1', label: 'Quý I (10/12 – 10/3)' },
  { value: 'h1', label: '6 tháng (10/12 – 10/6)' },
  { value: 'q3', label: 'Quý III (11/6 – 10/9)' },
  { value: 'year', label: 'Năm (10/12 – 10/12)' },
  { value: 'range', label: 'Khoảng ngày' },
];

/**
 * Vietnamese names of the report's figures (docs/domain.md, "Statistics categories", and the report's own);
 * unknown keys are shown as they come.
 */
const figureLabels: Record<string, string> = {
  ...reportFigureLabels,
  procedureCode: 'Mã thủ tục',
  procedureName: 'Tên thủ tục hành chính',
  division: 'Mã đơn vị',
  divisionName: 'Đơn vị chủ trì giải quyết',
  code: 'Mã chỉ số',
  name: 'Chỉ số',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  value: 'Giá trị (%)',
};
const label = (key: string) => figureLabels[key] ?? key;

const LEAD_COLUMNS = ['procedureCode', 'procedureName', 'division', 'divisionName', 'code', 'name'];
/** Columns that carry names: never squeezed, wrapped on several lines. */
const NAME_COLUMNS = new Set(['procedureName', 'divisionName', 'name']);
/** Columns a person does not read: internal codes of the indicators. */
const HIDDEN_COLUMNS: Record<string, Set<string>> = { indicators: new Set(['code']) };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string =>
  typeof v === 'number'
    ? v.toLocaleString('vi-VN')
    : typeof v === 'string'
      ? v
      : v === null
        ? '—'
        : JSON.stringify(v);

function Figures({ data }: { data: Json }) {
  const entries = Object.entries(data).filter(([, v]) => typeof v === 'number');
  if (entries.length === 0) return null;
  return (
    <Table withTableBorder data-testid="report-totals">
      <Table.Tbody>
        {entries.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td>{label(k)}</Table.Td>
            <Table.Td ta="right">{show(v)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Rows({ section, title, rows }: { section: string; title: string; rows: Json[] }) {
  const hidden = HIDDEN_COLUMNS[section] ?? new Set<string>();
  // Codes and names first (the API lists them after the figures), then the figures.
  const rank = (k: string) => (LEAD_COLUMNS.includes(k) ? LEAD_COLUMNS.indexOf(k) : LEAD_COLUMNS.length);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    .filter((k) => !hidden.has(k) && rows.some((r) => typeof r[k] !== 'object' || r[k] === null))
    .sort((a, b) => rank(a) - rank(b));
  // The name column stays in view (sticky) while the many figure columns scroll sideways.
  const nameStyle = (c: string, header: boolean): React.CSSProperties | undefined =>
    NAME_COLUMNS.has(c)
      ? {
          minWidth: 260,
          whiteSpace: 'normal',
          position: 'sticky',
          left: 0,
          zIndex: header ? 2 : 1,
          background: 'var(--mantine-color-body)',
        }
      : { minWidth: 90 };
  return (
    <Paper withBorder p="md" data-testid={`report-${section}`}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={Math.max(600, columns.length * 100 + 200)}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c} style={nameStyle(c, true)}>
                  {label(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                {columns.map((c) => (
                  <Table.Td key={c} style={nameStyle(c, false)}>
                    {show(r[c])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

const sectionTitles: Record<string, string> = {
  byProcedure: 'Theo thủ tục hành chính',
  byDivision: 'Theo đơn vị',
  indicators: 'Chỉ số theo Quyết định 766',
};

export function ReportsPage() {
  // The window the officer is in now (e.g. in early December: the year's report).
  const [current] = useState(() => currentPlanPeriod(vnToday()));
  const [period, setPeriod] = useState<string>(current.kind);
  const [year, setYear] = useState<number>(current.year);
  const [from, setFrom] = useState(`${year - 1}-12-10`);
  const [to, setTo] = useState(vnToday());
  const errors = useFormErrors();
  const query =
    period === 'range'
      ? `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
      : `period=${period}&year=${year}`;
  const report = useQuery({
    queryKey: ['report', query],
    queryFn: () => api<Json>(`/reports?${query}&format=json`),
    retry: false,
  });
  const download = useMutation({
    // The server names the file (Content-Disposition); the fallback is the same name (reportFileName).
    mutationFn: () =>
      apiFile(
        `/reports?${query}&format=xlsx`,
        period === 'range' ? `bao-cao-${from}-den-${to}.xlsx` : `bao-cao-${year}-${period}.xlsx`,
      ),
    onSuccess: saveFile,
    onError: errors.setError,
  });
  const data = report.data;
  const window =
    data && isObject(data.window) ? data.window : data && isObject(data.period) ? data.period : undefined;
  const totals =
    data && isObject(data.totals) ? data.totals : data && isObject(data.summary) ? data.summary : undefined;
  const reportError = report.error instanceof ApiError ? report.error : null;
  return (
    <Stack>
      <Title order={2}>Báo cáo định kỳ</Title>
      <SegmentedControl data={periods} value={period} onChange={setPeriod} />
      <Group align="flex-end">
        {period === 'range' ? (
          <>
            <TextInput
              type="date"
              label="Từ ngày"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={reportError?.fieldMessage('from')}
            />
            <TextInput
              type="date"
              label="Đến ngày"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={reportError?.fieldMessage('to')}
            />
          </>
        ) : (
          <NumberInput
            label="Năm báo cáo"
            value={year}
            onChange={(v) => setYear(Number(v))}
            min={2000}
            max={2100}
            error={reportError?.fieldMessage('year')}
          />
        )}
        <Button onClick={() => download.mutate()} loading={download.isPending} data-testid="report-download">
          Tải Excel (.xlsx)
        </Button>
      </Group>
      <FormAlert errors={errors} />
      {report.isError && !reportError?.field ? <Alert color="red">{report.error.message}</Alert> : null}
      {window ? (
        <Text>
          Kỳ báo cáo: từ {formatDate(show(window.from))} đến {formatDate(show(window.to))}
          {typeof window.asOf === 'string'
            ? ` · hồ sơ đang giải quyết tính đến ${formatDateTime(window.asOf)}`
            : ''}
        </Text>
      ) : null}
      {totals ? (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Tổng hợp
          </Title>
          <Figures data={totals} />
        </Paper>
      ) : null}
      {data
        ? Object.entries(data)
            .filter(([, v]) => Array.isArray(v) && v.every(isObject) && v.length > 0)
            .map(([k, v]) => (
              <Rows key={k} section={k} title={sectionTitles[k] ?? 'Số liệu chi tiết'} rows={v as Json[]} />
            ))
        : null}
    </Stack>
  );
}
