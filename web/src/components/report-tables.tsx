/**
 * The tables of a report (`getReport`): the totals, then every list of rows the answer holds (by procedure,
 * division, receiving point, month, the indicators), with Vietnamese column names.
 */
import type { CSSProperties } from 'react';
import { Paper, Table, Title } from '@mantine/core';
import { figureLabels as reportFigureLabels } from '../../../domain/report/labels';

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
  receivingUnit: 'Mã điểm tiếp nhận',
  receivingUnitName: 'Điểm tiếp nhận hồ sơ',
  formerProvince: 'Tỉnh trước sáp nhập',
  month: 'Tháng',
  onTime: 'Trước hạn và đúng hạn',
  onTime766: 'Đúng hạn theo QĐ 766',
  onTimeRate766: 'Tỷ lệ đúng hạn theo QĐ 766 (%)',
  code: 'Mã chỉ số',
  name: 'Chỉ số',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  value: 'Giá trị',
  unit: 'Đơn vị tính',
};
const label = (key: string) => figureLabels[key] ?? key;

/** Units of the indicators, as read. */
const unitLabels: Record<string, string> = { percent: '%', working_days: 'ngày làm việc' };

const LEAD_COLUMNS = [
  'month',
  'procedureCode',
  'procedureName',
  'division',
  'divisionName',
  'receivingUnit',
  'receivingUnitName',
  'code',
  'name',
];
/** Columns that carry names: never squeezed, wrapped on several lines. */
const NAME_COLUMNS = new Set(['procedureName', 'divisionName', 'receivingUnitName', 'name']);
/** Columns a person does not read: internal codes of the indicators. */
const HIDDEN_COLUMNS: Record<string, Set<string>> = { indicators: new Set(['code']) };

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const show = (v: unknown): string =>
  typeof v === 'number'
    ? v.toLocaleString('vi-VN')
    : typeof v === 'string'
      ? v
      : v === null
        ? '—'
        : JSON.stringify(v);
const cell = (column: string, v: unknown): string =>
  column === 'unit' && typeof v === 'string' ? (unitLabels[v] ?? v) : show(v);

export function Figures({ data }: { data: Json }) {
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

export function Rows({ section, title, rows }: { section: string; title: string; rows: Json[] }) {
  const hidden = HIDDEN_COLUMNS[section] ?? new Set<string>();
  // Codes and names first (the API lists them after the figures), then the figures.
  const rank = (k: string) => (LEAD_COLUMNS.includes(k) ? LEAD_COLUMNS.indexOf(k) : LEAD_COLUMNS.length);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    .filter((k) => !hidden.has(k) && rows.some((r) => typeof r[k] !== 'object' || r[k] === null))
    .sort((a, b) => rank(a) - rank(b));
  // The name column stays in view (sticky) while the many figure columns scroll sideways.
  const nameStyle = (c: string, header: boolean): CSSProperties | undefined =>
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
                    {cell(c, r[c])}
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
  byReceivingUnit: 'Theo điểm tiếp nhận hồ sơ',
  byMonth: 'Theo tháng (hồ sơ đã giải quyết)',
  indicators: 'Chỉ số theo Quyết định 766',
};

/** Every non-empty list of rows of the answer, as a table. */
export function ReportSections({ data }: { data: Json }) {
  return Object.entries(data)
    .filter(([, v]) => Array.isArray(v) && v.every(isObject) && v.length > 0)
    .map(([k, v]) => (
      <Rows key={k} section={k} title={sectionTitles[k] ?? 'Số liệu chi tiết'} rows={v as Json[]} />
    ));
}
