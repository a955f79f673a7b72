/**
 * Metadata of an archived dossier (hồ sơ lưu trữ điện tử), after the input-data standard of Circular
 * 02/2019/TT-BNV: the file (hồ sơ) fields and the per-document (văn bản, tài liệu) fields. Field names are
 * English, each `.describe()` gives the Circular's Vietnamese name. What we could not confirm against the
 * Circular's own text (only against archive software built on it) is marked UNCONFIRMED (docs/archive.md).
 * Pure: the builder takes the dossier's data, no clock, no I/O.
 */
import { z } from 'zod';
import { toVnDate } from '../calendar/index.js';
import type { DossierState } from '../dossier/types.js';

/** Version of this metadata shape, written into every package. */
export const ARCHIVE_METADATA_VERSION = 1;
/** Retention when the procedure names none (UNCONFIRMED: the agency's retention schedule decides). */
export const DEFAULT_RETENTION_YEARS = 10;

const isoDate = z.iso.date();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** One document of the file (văn bản trong hồ sơ). */
export const archiveDocumentSchema = z.object({
  identifier: z.string().min(1).describe('Mã định danh văn bản: the dossier code and the order number'),
  order: z.number().int().min(1).describe('Số thứ tự văn bản trong hồ sơ'),
  typeName: z.string().min(1).describe('Tên loại văn bản'),
  number: z.string().nullable().describe('Số và ký hiệu của văn bản; null when it has none'),
  date: isoDate.describe('Ngày, tháng, năm văn bản (Vietnam local date)'),
  issuer: z.string().min(1).describe('Tên cơ quan, tổ chức, cá nhân ban hành văn bản (tác giả)'),
  summary: z.string().min(1).max(1000).describe('Trích yếu nội dung'),
  language: z.literal('vi').describe('Ngôn ngữ'),
  pageCount: z
    .number()
    .int()
    .min(1)
    .nullable()
    .describe('Số lượng trang; null when not counted (UNCONFIRMED)'),
  rights: z.string().min(1).max(30).describe('Chế độ sử dụng'),
  format: z.string().min(1).describe('Định dạng (media type of the file)'),
  file: z.string().min(1).describe('Path of the file inside the package'),
  sha256: sha256.describe('SHA-256 of the file (integrity; not a field of the Circular)'),
});
export type ArchiveDocument = z.infer<typeof archiveDocumentSchema>;

/** The file (hồ sơ) as a whole. */
export const archiveMetadataSchema = z.object({
  metadataVersion: z.literal(ARCHIVE_METADATA_VERSION),
  standard: z.literal('Thông tư 02/2019/TT-BNV').describe('The standard the fields follow'),
  fileCode: z
    .string()
    .min(1)
    .describe('Mã hồ sơ: here the dossier code (UNCONFIRMED: phông/mục lục/số hồ sơ)'),
  title: z.string().min(1).max(1000).describe('Tiêu đề hồ sơ'),
  retention: z
    .object({ years: z.number().int().min(1).max(100) })
    .describe('Thời hạn bảo quản, in years (UNCONFIRMED: permanent not modelled)'),
  rights: z.string().min(1).max(30).describe('Chế độ sử dụng'),
  creator: z.string().min(1).describe('Người lập hồ sơ: the receiving officer'),
  language: z.literal('vi').describe('Ngôn ngữ'),
  startDate: isoDate.describe('Thời gian bắt đầu: the receipt date'),
  endDate: isoDate.describe('Thời gian kết thúc: the date the dossier ended'),
  documentCount: z.number().int().min(0).describe('Tổng số văn bản trong hồ sơ'),
  pageCount: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe('Số lượng trang; null when not every page is counted'),
  informationSymbol: z
    .string()
    .max(30)
    .nullable()
    .describe('Ký hiệu thông tin (UNCONFIRMED: the procedure code)'),
  keywords: z.array(z.string().min(1)).max(20).describe('Từ khóa'),
  description: z.string().max(2000).describe('Chú giải'),
  agency: z.object({ tenant: z.string().min(1), unitCode: z.string().min(1) }).describe('Cơ quan lập hồ sơ'),
  procedure: z.object({ code: z.string().min(1), version: z.number().int().min(1), name: z.string().min(1) }),
  outcome: z.enum(['returned', 'refused', 'withdrawn', 'stopped']).describe('How the dossier ended'),
  documents: z.array(archiveDocumentSchema),
});
export type ArchiveMetadata = z.infer<typeof archiveMetadataSchema>;

/** What the builder reads of the dossier (its projection) and of its procedure. */
export interface ArchiveSource {
  readonly state: DossierState;
  readonly unitCode: string;
  readonly procedureName: string;
  readonly procedureField: string;
  readonly retentionYears: number | undefined;
  readonly receivedBy: string;
  /** The dossier's last event: its type tells a withdrawal from a stop. */
  readonly endedBy: string;
  readonly endedAt: number;
  readonly documents: readonly Omit<ArchiveDocument, 'identifier' | 'order' | 'language'>[];
}

const OUTCOME_LABEL = {
  returned: 'đã trả kết quả',
  refused: 'từ chối giải quyết',
  withdrawn: 'rút hồ sơ',
  stopped: 'dừng xử lý',
};

function outcomeOf(s: ArchiveSource): ArchiveMetadata['outcome'] {
  if (s.state.phase === 'returned' || s.state.phase === 'refused') return s.state.phase;
  return s.endedBy === 'withdraw' ? 'withdrawn' : 'stopped';
}

/** The metadata of a finished dossier; validate the result with {@link archiveMetadataSchema}. */
export function buildArchiveMetadata(s: ArchiveSource): ArchiveMetadata {
  const outcome = outcomeOf(s);
  const documents = s.documents.map((d, i) => ({
    ...d,
    identifier: `${s.state.code}.${String(i + 1).padStart(3, '0')}`,
    order: i + 1,
    language: 'vi' as const,
  }));
  const pages = documents.map((d) => d.pageCount);
  return {
    metadataVersion: ARCHIVE_METADATA_VERSION,
    standard: 'Thông tư 02/2019/TT-BNV',
    fileCode: s.state.code,
    title: `Hồ sơ ${s.procedureName} (${s.state.code})`.slice(0, 1000),
    retention: { years: s.retentionYears ?? DEFAULT_RETENTION_YEARS },
    rights: 'Hạn chế sử dụng',
    creator: s.receivedBy,
    language: 'vi',
    startDate: toVnDate(s.state.receivedAt),
    endDate: toVnDate(s.endedAt),
    documentCount: documents.length,
    pageCount: pages.every((p) => p !== null) ? pages.reduce<number>((a, p) => a + (p ?? 0), 0) : null,
    informationSymbol: s.state.procedureCode.slice(0, 30),
    keywords: [s.procedureField, s.procedureName].filter((k) => k.length > 0),
    description: `Hồ sơ thủ tục hành chính, ${OUTCOME_LABEL[outcome]}.`,
    agency: { tenant: s.state.tenant, unitCode: s.unitCode },
    procedure: { code: s.state.procedureCode, version: s.state.procedureVersion, name: s.procedureName },
    outcome,
    documents,
  };
}
