/**
 * Periodic reports (`getReport`): the plan's windows (Quý I, 6 tháng, Quý III, năm) or any range, with the
 * report's due date, charts and tables, downloaded as Excel.
 */
import { lazy, Suspense, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, apiFile, saveFile } from '../api/client';
import type { ReportAnswer } from '../api/types';
import { FormAlert, useFormErrors } from '../components/errors';
import { Figures, ReportSections } from '../components/report-tables';
import { currentPlanPeriod } from '../lib/report-period';
import { formatDate, formatDateTime, vnToday } from '../lib/time';

// The charts library is large: loaded with the first report shown, not with the console.
const ReportCharts = lazy(() =>
  import('../components/report-charts').then((m) => ({ default: m.ReportCharts })),
);

const periods = [
  { value: 'q1', label: 'Quý I (10/12 – 10/3)' },
  { value: 'h1', label: '6 tháng (10/12 – 10/6)' },
  { value: 'q3', label: 'Quý III (11/6 – 10/9)' },
  { value: 'year', label: 'Năm (10/12 – 10/12)' },
  { value: 'range', label: 'Khoảng ngày' },
];

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
    queryFn: () => api<ReportAnswer>(`/reports?${query}&format=json`),
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
  const window = data?.window;
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
          Kỳ báo cáo: từ {formatDate(window.from)} đến {formatDate(window.to)}
          {` · hồ sơ đang giải quyết tính đến ${formatDateTime(window.asOf)}`}
        </Text>
      ) : null}
      {data?.dueDate ? (
        <Text fw={600} data-testid="report-due-date">
          Hạn gửi báo cáo: {formatDate(data.dueDate)} (ngày 12 của tháng cuối kỳ; các phòng được nhắc trước 5
          ngày làm việc)
        </Text>
      ) : null}
      {data ? (
        <>
          <Paper withBorder p="md">
            <Title order={4} mb="xs">
              Tổng hợp
            </Title>
            <Figures data={data.totals} />
          </Paper>
          <Suspense fallback={<Text c="dimmed">Đang tải biểu đồ…</Text>}>
            <ReportCharts report={data} />
          </Suspense>
          <ReportSections data={data} />
        </>
      ) : null}
    </Stack>
  );
}
