/**
 * The document pushed to the national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG) for one
 * change of a dossier's national status (docs/national-sync.md). Pure: the repository gathers the facts in
 * the transaction of the audit event, this module names them the way the portal does (Decision 766 data
 * rules). Only status changes are pushed; each carries the flags as they are at that moment.
 */
import type { NationalStatus } from '../dossier/types.js';

/** How the dossier reached the desk (the projection's `channel`). */
export type NationalSyncChannel = 'direct' | 'online' | 'postal';

/** `KenhThucHien`: 1 direct at the desk, 2 online, 3 postal (public postal service). */
export const channelCodes: Readonly<Record<NationalSyncChannel, 1 | 2 | 3>> = {
  direct: 1,
  online: 2,
  postal: 3,
};

/**
 * `DuocThanhToanTrucTuyen`: 0 not paid online, 1 paid on the national portal's payment platform, 2 paid
 * through the province's payment gateway. This product takes online fees through the province's gateway
 * only, so it sends 2 when the fee was paid online and 0 otherwise (cash, no fee, not paid yet).
 */
export type OnlinePaymentFlag = 0 | 1 | 2;

/** What the builder needs: facts of the dossier at the moment of the status change (instants epoch ms). */
export interface NationalStatusFacts {
  readonly dossierCode: string;
  /** The procedure's code in the national database (MaTTHC). */
  readonly procedureCode: string;
  readonly procedureName: string;
  /** Electronic identifier of the receiving agency (QCVN 102:2016). */
  readonly unitCode: string;
  readonly applicantName: string;
  readonly channel: NationalSyncChannel;
  readonly status: NationalStatus;
  /** When the status changed. */
  readonly at: number;
  /** Accepted at the desk; null while only submitted online (status 1) or refused before acceptance. */
  readonly receivedAt: number | null;
  /** The appointment in force; null before acceptance. */
  readonly appointmentAt: number | null;
  /** When the handling ended (result ready, refused, stopped); null while open. */
  readonly handlingEndedAt: number | null;
  /** When the result was handed over (status 10); null otherwise. */
  readonly returnedAt: number | null;
  readonly paidOnline: boolean;
  /** Files are attached to the dossier's components (not digitised by the product yet: false). */
  readonly componentsDigitised: boolean;
  /** The digitised result file is attached. */
  readonly resultDigitised: boolean;
}

/** The pushed document, without its order number (the outbox gives it: {@link SequencedNationalDocument}). */
export interface NationalStatusDocument {
  readonly MaHoSo: string;
  readonly MaTTHC: string;
  readonly TenTTHC: string;
  readonly MaDonVi: string;
  readonly ChuHoSo: string;
  readonly KenhThucHien: 1 | 2 | 3;
  readonly TrangThaiHoSo: NationalStatus;
  /** Instant of the change, `yyyyMMddHHmmss` in Vietnam time. */
  readonly ThoiDiem: string;
  /** Same as ThoiDiem: the portal's "last updated" of the dossier. */
  readonly NgayCapNhat: string;
  readonly NgayTiepNhan: string | null;
  readonly NgayHenTra: string | null;
  readonly NgayKetThucXuLy: string | null;
  readonly NgayTra: string | null;
  readonly DuocThanhToanTrucTuyen: OnlinePaymentFlag;
  /** 1 when files are attached to the components AND to the result (Decision 766), else 0. */
  readonly DuocSoHoa: 0 | 1;
}

/** The document as stored and pushed: `SoThuTuTrangThai` is its place (1, 2, 3…) among the dossier's statuses. */
export type SequencedNationalDocument = NationalStatusDocument & { readonly SoThuTuTrangThai: number };

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** `yyyyMMddHHmmss` of an instant in Vietnam time (UTC+7, no daylight saving). */
export function portalTimestamp(instant: number): string {
  if (!Number.isFinite(instant)) throw new RangeError(`portalTimestamp: bad instant ${instant}`);
  const iso = new Date(Math.floor(instant) + VN_OFFSET_MS).toISOString();
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

const stamp = (instant: number | null): string | null => (instant === null ? null : portalTimestamp(instant));

/** The document of one status change. */
export function buildNationalStatusDocument(f: NationalStatusFacts): NationalStatusDocument {
  return {
    MaHoSo: f.dossierCode,
    MaTTHC: f.procedureCode,
    TenTTHC: f.procedureName,
    MaDonVi: f.unitCode,
    ChuHoSo: f.applicantName,
    KenhThucHien: channelCodes[f.channel],
    TrangThaiHoSo: f.status,
    ThoiDiem: portalTimestamp(f.at),
    NgayCapNhat: portalTimestamp(f.at),
    NgayTiepNhan: stamp(f.receivedAt),
    NgayHenTra: stamp(f.appointmentAt),
    NgayKetThucXuLy: stamp(f.handlingEndedAt),
    NgayTra: stamp(f.returnedAt),
    DuocThanhToanTrucTuyen: f.paidOnline ? 2 : 0,
    DuocSoHoa: f.componentsDigitised && f.resultDigitised ? 1 : 0,
  };
}

/**
 * Statuses after which a dossier changes no more: refused (3), stopped (8), result returned (10). The
 * pusher of a dossier whose last status is one of them ends once everything is delivered.
 */
export const finalNationalStatuses: ReadonlySet<NationalStatus> = new Set<NationalStatus>([3, 8, 10]);
