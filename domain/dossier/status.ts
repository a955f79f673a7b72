import type { DossierPhase, NationalStatus } from './types.js';

/** Vietnamese names of the national statuses (docs/domain.md, "National dossier statuses"). */
export const nationalStatusLabels: Readonly<Record<NationalStatus, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Vietnamese names of the internal phases. */
export const phaseLabels: Readonly<Record<DossierPhase, string>> = {
  processing: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
  withdrawal_requested: 'Công dân yêu cầu rút hồ sơ',
  result_ready: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết',
  stopped: 'Dừng xử lý',
};

/** Phases after which nothing more happens to the dossier. */
export const finalPhases: ReadonlySet<DossierPhase> = new Set(['returned', 'refused', 'stopped']);

/**
 * The national status of a phase; `processing` depends on the step: at the one-stop desk's receipt
 * step the dossier is "Được tiếp nhận" (2), waiting for a fee it is 6, elsewhere "Đang xử lý" (4).
 */
export function statusOf(phase: DossierPhase, stepKind: string | null): NationalStatus {
  switch (phase) {
    case 'processing':
      if (stepKind === 'receipt') return 2;
      return stepKind === 'payment' ? 6 : 4;
    case 'awaiting_supplement':
      return 5;
    case 'withdrawal_requested':
      return 7;
    case 'result_ready':
      return 9;
    case 'returned':
      return 10;
    case 'refused':
      return 3;
    case 'stopped':
      return 8;
  }
}
