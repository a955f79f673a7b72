/**
 * Vietnamese wording shared by the forms: dates as printed on administrative papers, labels of
 * enumerations, the agency heading.
 */
import { formatVnIso } from '../calendar/index.js';
import type { FormOnTime } from './types.js';

const VN_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}\+07:00$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant as the model carries it: ISO-8601 in Vietnam time. */
export const vnIso = (ms: number): string => formatVnIso(ms);
export const vnIsoOrNull = (ms: number | null): string | null => (ms === null ? null : formatVnIso(ms));

function parts(iso: string): [string, string, string, string, string] {
  const m = VN_ISO.exec(iso);
  if (!m) throw new RangeError(`not a Vietnam-time ISO instant: ${iso}`);
  return [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
}

/** "17 giờ 00 phút, ngày 01 tháng 12 năm 2026" of a Vietnam-time ISO instant. */
export function vnDateTimeText(iso: string): string {
  const [y, mo, d, h, mi] = parts(iso);
  return `${h} giờ ${mi} phút, ngày ${d} tháng ${mo} năm ${y}`;
}

/** "ngày 01 tháng 12 năm 2026" of a Vietnam-time ISO instant or a 'YYYY-MM-DD' date. */
export function vnDateText(isoOrDay: string): string {
  const m = ISO_DAY.exec(isoOrDay);
  const [y, mo, d] = m ? [m[1]!, m[2]!, m[3]!] : parts(isoOrDay);
  return `ngày ${d} tháng ${mo} năm ${y}`;
}

/** "17:00 01/12/2026" (compact, for table cells). */
export function vnShortDateTime(iso: string): string {
  const [y, mo, d, h, mi] = parts(iso);
  return `${h}:${mi} ${d}/${mo}/${y}`;
}

/** "01/12/2026" of a Vietnam-time ISO instant or a 'YYYY-MM-DD' date. */
export function vnShortDate(isoOrDay: string): string {
  const m = ISO_DAY.exec(isoOrDay);
  const [y, mo, d] = m ? [m[1]!, m[2]!, m[3]!] : parts(isoOrDay);
  return `${d}/${mo}/${y}`;
}

export const onTimeLabels: Readonly<Record<FormOnTime, string>> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

export const copyFormLabels: Readonly<Record<string, string>> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao có chứng thực',
  copy: 'Bản sao',
  any: 'Bản chính hoặc bản sao',
};

export const channelLabels: Readonly<Record<'direct' | 'online' | 'postal', string>> = {
  direct: 'Trực tiếp tại Bộ phận Một cửa',
  online: 'Trực tuyến (Cổng Dịch vụ công)',
  postal: 'Qua dịch vụ bưu chính công ích',
};

const limitUnits: Readonly<Record<string, string>> = {
  working_hours: 'giờ làm việc',
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
};

/** "5 ngày làm việc", "Trong ngày" … of a legal time limit. */
export function legalTimeText(limit: { amount: number; unit: string }): string {
  if (limit.unit === 'same_day') return 'Trong ngày (tiếp nhận sau 15 giờ: ngày làm việc tiếp theo)';
  return `${String(limit.amount).replace('.', ',')} ${limitUnits[limit.unit] ?? limit.unit}`;
}

/** Vietnamese role names, for signature blocks (kept here: forms import nothing outside domain/forms). */
export const roleTitles: Readonly<Record<string, string>> = {
  receiver: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên',
  head: 'Trưởng phòng',
  deputy: 'Phó Giám đốc',
  director: 'Giám đốc',
  auditor: 'Thanh tra',
  admin: 'Quản trị hệ thống',
};

/** "1.234.567 đồng". */
export function vndText(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/**
 * The superior agency and the place name of the date line, derived from the agency's name: "Sở … tỉnh
 * Ninh Bình" → "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "Ninh Bình". Null when the name says neither.
 */
export function agencyHeading(name: string): { parent: string | null; place: string | null } {
  const m = /\b(tỉnh|thành phố)\s+(.+)$/iu.exec(name.trim());
  if (!m) return { parent: null, place: null };
  const place = m[2]!.trim();
  return { parent: `ỦY BAN NHÂN DÂN ${m[1]!.toUpperCase()} ${place.toUpperCase()}`, place };
}

/** The agency's name without its place when the superior agency line already names it (heading). */
export function agencyShortName(name: string, parent: string | null): string {
  if (!parent) return name;
  return name.replace(/\s+(tỉnh|thành phố)\s+.+$/iu, '').trim() || name;
}

/** The agency block at the top left of a form: superior agency, the agency, its desk (upper case). */
export function agencyHeadingLines(agency: { parent: string | null; name: string; desk: string }): {
  parent: string | null;
  name: string;
  desk: string;
} {
  return {
    parent: agency.parent?.toUpperCase() ?? null,
    name: agencyShortName(agency.name, agency.parent).toUpperCase(),
    desk: agency.desk.toUpperCase(),
  };
}

/** "Ninh Bình, ngày 01 tháng 12 năm 2026": the place and date line under the national heading. */
export const placeDateLine = (place: string | null, isoOrDay: string): string =>
  `${place ? `${place}, ` : ''}${vnDateText(isoOrDay)}`;
