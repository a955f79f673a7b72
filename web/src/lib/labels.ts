/** Vietnamese words of the console: statuses, event types, on-time results, roles. */
import { type Role } from '../api/types';

export const roleLabels: Record<Role, string> = {
  receiver: 'Cán bộ tiếp nhận (một cửa)',
  specialist: 'Chuyên viên',
  head: 'Trưởng phòng',
  deputy: 'Phó Giám đốc',
  director: 'Giám đốc',
  auditor: 'Thanh tra / kiểm tra',
  admin: 'Quản trị hệ thống',
};

export const statusLabels: Record<number, string> = {
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

/** Colour of a national status badge. */
export function statusColor(status: number): string {
  if (status === 10) return 'teal';
  if (status === 9) return 'green';
  if (status === 3 || status === 8) return 'gray';
  if (status === 5 || status === 6 || status === 7) return 'yellow';
  return 'blue';
}

/** What each audit event means (api history `type`). */
export const eventLabels: Record<string, string> = {
  receive: 'Tiếp nhận hồ sơ',
  assign: 'Phân công xử lý',
  complete: 'Hoàn thành bước, chuyển bước tiếp theo',
  approve: 'Phê duyệt, ký',
  send_back: 'Trả lại bước trước',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  record_supplement: 'Nhận hồ sơ bổ sung',
  refuse: 'Từ chối giải quyết',
  withdraw: 'Ghi nhận yêu cầu rút hồ sơ',
  stop: 'Dừng xử lý',
  mark_result_ready: 'Số hóa kết quả, sẵn sàng trả',
  attach_result: 'Đính kèm tệp kết quả (số hóa)',
  record_cash_payment: 'Thu phí, lệ phí tại Bộ phận Một cửa',
  payment_requested: 'Yêu cầu nộp phí, lệ phí',
  payment_confirmed: 'Xác nhận thanh toán trực tuyến',
  liaison_requested: 'Gửi hồ sơ liên thông',
  liaison_late: 'Cơ quan phối hợp chưa trả lời đúng hạn',
  liaison_answered: 'Nhận kết quả liên thông',
  return_result: 'Trả kết quả',
  overdue: 'Quá hạn giải quyết',
  step_reminder: 'Nhắc việc: bước sắp hết thời gian',
  step_overdue: 'Bước xử lý quá hạn, báo Trưởng phòng',
  at_risk: 'Hồ sơ có nguy cơ trễ hẹn, báo Lãnh đạo Sở',
  sign_apology: 'Ký phiếu xin lỗi và hẹn lại ngày trả kết quả',
  calendar_changed: 'Lịch làm việc thay đổi, cập nhật thời hạn',
};

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
