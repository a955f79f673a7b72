/**
 * Vietnamese names of what happens to a dossier: officer actions and system events (messages, history,
 * the officer console). No imports but types: the console bundles this file as it is.
 */
import type { DossierActionType, SystemEventType } from './types.js';

/** Vietnamese names of the actions (messages, history). */
export const actionLabels: Readonly<Record<DossierActionType | SystemEventType, string>> = {
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
  sign_apology: 'Ký phiếu xin lỗi và hẹn lại ngày trả kết quả',
  step_reminder: 'Nhắc việc: bước xử lý sắp hết thời gian',
  step_overdue: 'Bước xử lý quá thời gian, báo cáo trưởng phòng',
  at_risk: 'Hồ sơ có nguy cơ trễ hẹn, báo cáo lãnh đạo Sở',
  calendar_changed: 'Áp dụng lịch làm việc mới, tính lại thời hạn',
  incident_discarded: 'Quản trị hệ thống hủy thao tác không lưu được',
  archived: 'Lưu trữ hồ sơ điện tử',
  seal_result: 'Đóng dấu số (chữ ký số của cơ quan)',
  result_signed: 'Ký số kết quả',
  result_signing_failed: 'Không ký số được kết quả',
};
