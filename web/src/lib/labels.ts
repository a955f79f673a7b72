/** Vietnamese words of the console: statuses, event types, on-time results, roles. */
import { actionLabels } from '../../../domain/dossier/labels';
import { nationalStatusLabels } from '../../../domain/dossier/status';

// The domain's own words (pure files, bundled as they are), so the console says what the API and the
// forms say.
export { roleLabels } from '../../../domain/role-labels';

export const statusLabels: Readonly<Record<number, string>> = nationalStatusLabels;

/** Colour of a national status badge. */
export function statusColor(status: number): string {
  if (status === 10) return 'teal';
  if (status === 9) return 'green';
  if (status === 3 || status === 8) return 'gray';
  if (status === 5 || status === 6 || status === 7) return 'yellow';
  return 'blue';
}

/** What each audit event means (api history `type`). */
const eventLabels: Readonly<Record<string, string>> = actionLabels;

export const eventLabel = (type: string): string => eventLabels[type] ?? type;

export const onTimeLabels: Record<string, { label: string; color: string }> = {
  early: { label: 'Trước hạn', color: 'teal' },
  on_time: { label: 'Đúng hạn', color: 'green' },
  late: { label: 'Quá hạn', color: 'red' },
};

export const stepKindLabels: Record<string, string> = {
  receipt: 'Tiếp nhận',
  handling: 'Xử lý',
  approval: 'Phê duyệt',
  liaison: 'Liên thông',
  payment: 'Thu phí',
  digitisation: 'Số hóa kết quả',
  return: 'Trả kết quả',
};

export const dayKindLabels: Record<string, string> = {
  working: 'Ngày làm việc',
  weekly_rest: 'Nghỉ hằng tuần',
  holiday: 'Nghỉ lễ, Tết',
  compensatory: 'Nghỉ bù',
  decision_day_off: 'Nghỉ theo quyết định',
  make_up_working: 'Làm bù',
};

export const formatMoney = (amount: number): string => `${amount.toLocaleString('vi-VN')} đồng`;
