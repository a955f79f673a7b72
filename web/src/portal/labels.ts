/** Vietnamese words of the citizen portal. */
import type { NeedsAction, OnlineLevel } from './types';

export const PORTAL_TITLE = 'Cổng dịch vụ công – Sở Giáo dục và Đào tạo';

export const onlineLevelColors: Record<OnlineLevel, string> = {
  full: 'teal',
  partial: 'blue',
  none: 'gray',
};

/** What the dossier waits for from the citizen (`needsAction`), as a badge. */
export const needsActionLabels: Record<NeedsAction, { label: string; color: string }> = {
  complete: { label: 'Cần bổ sung để được tiếp nhận', color: 'orange' },
  supplement: { label: 'Cần bổ sung hồ sơ', color: 'orange' },
  pay: { label: 'Cần thanh toán phí, lệ phí', color: 'red' },
  download: { label: 'Có kết quả để tải về', color: 'teal' },
  rate: { label: 'Mời đánh giá mức độ hài lòng', color: 'blue' },
};

/** Why the VNeID sign-in failed (`/dvc/dang-nhap?loi=<code>`, set by the login callback). */
const loginErrors: Record<string, string> = {
  huy: 'Ông/bà đã hủy đăng nhập bằng VNeID.',
  'het-han': 'Phiên đăng nhập đã hết hạn trước khi hoàn tất. Vui lòng đăng nhập lại.',
  'khong-hop-le': 'Không xác thực được thông tin đăng nhập. Vui lòng đăng nhập lại.',
  'khong-co-dinh-danh':
    'Tài khoản định danh điện tử không cung cấp số định danh cá nhân hợp lệ, nên không thể nộp hồ sơ trực tuyến.',
  'tam-ngung': 'Hệ thống định danh điện tử tạm thời không phản hồi. Vui lòng thử lại sau ít phút.',
};

export const loginErrorMessage = (code: string): string =>
  loginErrors[code] ?? 'Đăng nhập không thành công. Vui lòng thử lại.';

/** The payment gateway's return (`?thanh-toan=`). */
export const paymentReturnMessages: Record<string, { color: string; text: string }> = {
  'thanh-cong': {
    color: 'green',
    text: 'Giao dịch đã được cổng thanh toán ghi nhận. Việc xác nhận thanh toán có thể mất một chút thời gian; trang sẽ tự cập nhật.',
  },
  huy: { color: 'yellow', text: 'Ông/bà đã hủy giao dịch thanh toán. Chưa có khoản tiền nào được thu.' },
  loi: { color: 'red', text: 'Thanh toán không thành công. Vui lòng thử lại hoặc liên hệ Bộ phận Một cửa.' },
};
