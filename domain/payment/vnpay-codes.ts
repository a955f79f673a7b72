/**
 * VNPAY's code tables (protocol 2.1.0) and what our IPN answers. Pure: shared by the API, the
 * reconciliation activity and the development sandbox.
 */

/** vnp_ResponseCode of a payment (IPN, return URL): what happened at the gateway or the bank. */
export const PAY_RESPONSE_CODES: Readonly<Record<string, string>> = {
  '00': 'Giao dịch thành công',
  '07': 'Trừ tiền thành công, giao dịch bị nghi ngờ (liên quan tới lừa đảo, giao dịch bất thường)',
  '09': 'Thẻ/Tài khoản chưa đăng ký dịch vụ InternetBanking tại ngân hàng',
  '10': 'Xác thực thông tin thẻ/tài khoản không đúng quá 3 lần',
  '11': 'Đã hết hạn chờ thanh toán',
  '12': 'Thẻ/Tài khoản bị khóa',
  '13': 'Nhập sai mật khẩu xác thực giao dịch (OTP)',
  '24': 'Khách hàng hủy giao dịch',
  '51': 'Tài khoản không đủ số dư',
  '65': 'Tài khoản đã vượt quá hạn mức giao dịch trong ngày',
  '75': 'Ngân hàng thanh toán đang bảo trì',
  '79': 'Nhập sai mật khẩu thanh toán quá số lần quy định',
  '99': 'Lỗi khác',
};

/** vnp_TransactionStatus (IPN, return URL, querydr): the transaction's state at VNPAY. */
export const TRANSACTION_STATUS: Readonly<Record<string, string>> = {
  '00': 'Giao dịch thanh toán thành công',
  '01': 'Giao dịch chưa hoàn tất',
  '02': 'Giao dịch bị lỗi',
  '04': 'Giao dịch đảo (trừ tiền tại ngân hàng nhưng chưa thành công ở VNPAY)',
  '05': 'VNPAY đang xử lý giao dịch hoàn tiền',
  '06': 'VNPAY đã gửi yêu cầu hoàn tiền sang ngân hàng',
  '07': 'Giao dịch bị nghi ngờ gian lận',
  '09': 'Giao dịch hoàn trả bị từ chối',
};

/** vnp_ResponseCode of a querydr answer: whether the query itself worked. */
export const QUERYDR_RESPONSE_CODES: Readonly<Record<string, string>> = {
  '00': 'Yêu cầu thành công',
  '02': 'Mã định danh kết nối không hợp lệ',
  '03': 'Dữ liệu gửi sang không đúng định dạng',
  '91': 'Không tìm thấy giao dịch yêu cầu',
  '94': 'Yêu cầu bị trùng lặp trong thời gian giới hạn của API',
  '97': 'Checksum không hợp lệ',
  '99': 'Các lỗi khác',
};

/** The answer VNPAY expects to an IPN (HTTP 200, JSON), by meaning. */
export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknow error' },
} as const;

export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];

/** A payment succeeded only when both the response code and the transaction status say so. */
export const isPaid = (responseCode: string | undefined, transactionStatus: string | undefined): boolean =>
  responseCode === '00' && transactionStatus === '00';

/** Where the payer lands back on the citizen portal, by result (`?thanh-toan=`). */
export type ReturnResult = 'thanh-cong' | 'huy' | 'loi';

/** The portal's result of a (verified) return: paid, cancelled by the payer (24), or anything else. */
export function returnResultOf(signatureValid: boolean, responseCode: string | undefined): ReturnResult {
  if (!signatureValid) return 'loi';
  if (responseCode === '00') return 'thanh-cong';
  return responseCode === '24' ? 'huy' : 'loi';
}
