/**
 * Charts of a report (`getReport`): on-time rate by month, average processing time by procedure, late
 * dossiers by division and by receiving point. Each chart is a titled figure whose values are also printed
 * on the chart (labels) and in a table under it, and whose series differ by line style and legend text as
 * well as colour, so nothing is told by colour alone.
 */
import type { ReactNode } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import { Paper, Table, Text, Title } from '@mantine/core';
import type { ReportAnswer, ReportIndicatorView } from '../api/types';

const number = (v: number | null | undefined): string => (v == null ? '—' : v.toLocaleString('vi-VN'));

/** A titled chart with a short description for screen readers and the table of its values. */
function ChartFigure(props: {
  id: string;
  title: string;
  summary: string;
  columns: string[];
  rows: (string | number | null)[][];
  children: ReactNode;
}) {
  const titleId = `chart-${props.id}-title`;
  return (
    <Paper
      withBorder
      p="md"
      component="figure"
      m={0}
      aria-labelledby={titleId}
      data-testid={`chart-${props.id}`}
    >
      <Title order={4} id={titleId} mb="xs">
        {props.title}
      </Title>
      <div role="img" aria-label={`${props.title}. ${props.summary}`}>
        {props.children}
      </div>
      <Table withTableBorder mt="sm" fz="sm" aria-label={`Số liệu: ${props.title}`}>
        <Table.Thead>
          <Table.Tr>
            {props.columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((v, j) => (
                <Table.Td key={j} ta={j === 0 ? 'left' : 'right'}>
                  {typeof v === 'number' || v === null ? number(v) : v}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** '2026-01' → 'Tháng 1/2026'. */
const monthLabel = (month: string): string => `Tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** On-time rate of the dossiers finished each month: plain and Decision 766's rule. */
export function OnTimeByMonthChart({ months }: { months: ReportAnswer['byMonth'] }) {
  const data = months.map((m) => ({
    month: monthLabel(m.month),
    'Đúng hạn (%)': m.onTimeRate,
    'Đúng hạn theo QĐ 766 (%)': m.onTimeRate766,
  }));
  return (
    <ChartFigure
      id="on-time-by-month"
      title="Tỷ lệ giải quyết đúng hạn theo tháng"
      summary={`Đường liền: tỷ lệ đúng hạn; đường đứt nét: theo Quyết định 766. ${months
        .map((m) => `${monthLabel(m.month)}: ${number(m.onTimeRate)}% và ${number(m.onTimeRate766)}%`)
        .join('; ')}.`}
      columns={['Tháng', 'Đã giải quyết', 'Đúng hạn (%)', 'Theo QĐ 766 (%)']}
      rows={months.map((m) => [monthLabel(m.month), m.finished, m.onTimeRate, m.onTimeRate766])}
    >
      <LineChart
        h={260}
        data={data}
        dataKey="month"
        unit="%"
        yAxisProps={{ domain: [0, 100] }}
        withLegend
        withPointLabels
        connectNulls={false}
        series={[
          { name: 'Đúng hạn (%)', color: 'blue.6' },
          { name: 'Đúng hạn theo QĐ 766 (%)', color: 'orange.7', strokeDasharray: '6 4' },
        ]}
      />
    </ChartFigure>
  );
}

const averageOf = (indicators: ReportIndicatorView[]) =>
  indicators.find((i) => i.code === 'AVERAGE_WORKING_DAYS');

/** Average processing time of each procedure, in working days (supplement waits left out). */
export function AverageTimeChart({ procedures }: { procedures: ReportAnswer['byProcedure'] }) {
  const rows = procedures.map((p) => ({
    name: p.procedureName,
    value: averageOf(p.indicators)?.value ?? null,
    measured: averageOf(p.indicators)?.denominator ?? 0,
  }));
  return (
    <ChartFigure
      id="average-time"
      title="Thời gian giải quyết trung bình theo thủ tục (ngày làm việc)"
      summary={rows.map((r) => `${r.name}: ${number(r.value)} ngày`).join('; ')}
      columns={['Thủ tục', 'Hồ sơ đã giải quyết', 'Trung bình (ngày làm việc)']}
      rows={rows.map((r) => [r.name, r.measured, r.value])}
    >
      <BarChart
        h={Math.max(160, rows.length * 48)}
        data={rows.map((r) => ({ name: r.name, 'Ngày làm việc': r.value ?? 0 }))}
        dataKey="name"
        orientation="vertical"
        yAxisProps={{ width: 220 }}
        withBarValueLabel
        valueFormatter={(v) => v.toLocaleString('vi-VN')}
        series={[{ name: 'Ngày làm việc', color: 'teal.7' }]}
      />
    </ChartFigure>
  );
}

/** A row that has late dossiers to show: a name and its figures. */
interface LateRow {
  name: string;
  finishedLate: number;
  inProgressOverdue: number;
}

/** Late dossiers (finished late, in progress overdue) of each row of a grouping. */
export function LateChart({ id, title, rows }: { id: string; title: string; rows: LateRow[] }) {
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={rows
        .map((r) => `${r.name}: ${r.finishedLate} giải quyết quá hạn, ${r.inProgressOverdue} đang quá hạn`)
        .join('; ')}
      columns={['Tên', 'Giải quyết quá hạn', 'Đang giải quyết quá hạn']}
      rows={rows.map((r) => [r.name, r.finishedLate, r.inProgressOverdue])}
    >
      {rows.length === 0 ? (
        <Text c="dimmed">Không có hồ sơ trong kỳ.</Text>
      ) : (
        <BarChart
          h={Math.max(160, rows.length * 56)}
          data={rows.map((r) => ({
            name: r.name,
            'Giải quyết quá hạn': r.finishedLate,
            'Đang giải quyết quá hạn': r.inProgressOverdue,
          }))}
          dataKey="name"
          orientation="vertical"
          yAxisProps={{ width: 220 }}
          withLegend
          withBarValueLabel
          series={[
            { name: 'Giải quyết quá hạn', color: 'red.7' },
            { name: 'Đang giải quyết quá hạn', color: 'yellow.6' },
          ]}
        />
      )}
    </ChartFigure>
  );
}

/** The report's charts, one under the other. */
export function ReportCharts({ report }: { report: ReportAnswer }) {
  return (
    <>
      <OnTimeByMonthChart months={report.byMonth} />
      <AverageTimeChart procedures={report.byProcedure} />
      <LateChart
        id="late-by-division"
        title="Hồ sơ trễ hạn theo đơn vị chủ trì"
        rows={report.byDivision.map((d) => ({ ...d, name: d.divisionName ?? d.division ?? 'Chưa xác định' }))}
      />
      <LateChart
        id="late-by-receiving-unit"
        title="Hồ sơ trễ hạn theo điểm tiếp nhận"
        rows={report.byReceivingUnit.map((u) => ({ ...u, name: u.receivingUnitName }))}
      />
    </>
  );
}
