/** Vietnamese words of the console: statuses, event types, on-time results, roles, applicants, desks. */
import { actionLabels } from '../../../domain/dossier/labels';
import { nationalStatusLabels } from '../../../domain/dossier/status';
import { ruleSets } from '../../../domain/rules/rule-sets';
import type { ApplicantKind, DeskView, ReceivingUnit, ReturnMethod } from '../api/types';

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

export const applicantKindLabels: Record<ApplicantKind, string> = {
  citizen: 'Cá nhân',
  organisation: 'Tổ chức',
};

/** The applicant's name and identification, as a citizen's or an organisation's. */
export const applicantFieldLabels: Record<ApplicantKind, { name: string; idNumber: string }> = {
  citizen: { name: 'Họ và tên', idNumber: 'Số định danh cá nhân (CCCD)' },
  organisation: { name: 'Tên tổ chức', idNumber: 'Mã số thuế' },
};

export const receivingUnitKindLabels: Record<ReceivingUnit['kind'], string> = {
  agency_desk: 'Bộ phận Một cửa của Sở',
  centre: 'Trung tâm Phục vụ hành chính công tỉnh',
  branch: 'Chi nhánh của Trung tâm',
  commune: 'Trung tâm Phục vụ hành chính công cấp xã',
};

export const returnMethodLabels: Record<ReturnMethod, string> = {
  counter: 'Tại quầy tiếp nhận và trả kết quả',
  post: 'Qua dịch vụ bưu chính',
  online: 'Trực tuyến',
};

/** Where the applicant takes the result: the counter's unit by name, by post (to their address) or online. */
export function returnPlace(
  desk: Pick<DeskView, 'returnMethod' | 'returnUnit'>,
  unitName: (code: string) => string,
): string {
  if (desk.returnMethod === 'counter') return `Tại ${unitName(desk.returnUnit)}`;
  return desk.returnMethod === 'post' ? 'Qua dịch vụ bưu chính, đến địa chỉ của người nộp' : 'Trực tuyến';
}

/** The legal rule set a dossier was received under, as people cite it. */
export const ruleSetLabel = (id: keyof typeof ruleSets): string => ruleSets[id].label;
