/** Vietnamese names of the report's figures and parts, for the spreadsheet and any printed form. */
import type { ReportFigures } from './figures.js';

/** Column and line names of each figure, in the order reports print them. */
export const figureLabels: Readonly<Record<keyof ReportFigures, string>> = {
  received: 'Tiếp nhận trong kỳ',
  receivedDirect: 'Tiếp nhận trực tiếp',
  receivedOnline: 'Tiếp nhận trực tuyến',
  receivedPostal: 'Tiếp nhận qua bưu chính',
  carriedOver: 'Tồn kỳ trước chuyển sang',
  toHandle: 'Tổng số cần giải quyết',
  finished: 'Đã giải quyết',
  finishedEarly: 'Giải quyết trước hạn',
  finishedOnTime: 'Giải quyết đúng hạn',
  finishedLate: 'Giải quyết quá hạn',
  finishedLateWithApology: 'Quá hạn có văn bản xin lỗi',
  finishedLateWithLateApology: 'Trong đó văn bản xin lỗi ký muộn',
  finishedOnTimeMultipleSupplements: 'Đúng hạn nhưng bổ sung quá 1 lần',
  inProgress: 'Đang giải quyết',
  inProgressOnTime: 'Đang giải quyết trong hạn',
  inProgressOverdue: 'Đang giải quyết quá hạn',
  withdrawn: 'Rút hồ sơ',
  refused: 'Từ chối giải quyết',
  stopped: 'Dừng xử lý',
  supplementRequests: 'Số lần yêu cầu bổ sung',
  multipleSupplements: 'Hồ sơ bổ sung quá 1 lần',
  onTimeRate: 'Tỷ lệ đúng hạn (%)',
};

/** Sheet titles and header words of the report. */
export const reportLabels = {
  title: 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
  summarySheet: 'Tổng hợp',
  procedureSheet: 'Theo thủ tục',
  divisionSheet: 'Theo đơn vị',
  indicatorSheet: 'Chỉ số QĐ 766',
  agency: 'Cơ quan',
  period: 'Kỳ báo cáo',
  cutOff: 'Số liệu tính từ',
  asOf: 'Tình trạng hồ sơ đang giải quyết tính đến',
  generatedAt: 'Ngày lập báo cáo',
  figure: 'Chỉ tiêu',
  count: 'Số lượng',
  procedureCode: 'Mã thủ tục',
  procedureName: 'Tên thủ tục hành chính',
  divisionCode: 'Mã đơn vị',
  divisionName: 'Đơn vị chủ trì giải quyết',
  unknownDivision: 'Chưa xác định',
  indicator: 'Chỉ số',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  value: 'Giá trị (%)',
  total: 'Tổng cộng',
} as const;

/** Names of the indicator report's parts (rows by receiving point, indicator sheets, units). */
export const indicatorReportLabels = {
  receivingUnitSheet: 'Theo điểm tiếp nhận',
  procedureIndicatorSheet: 'Chỉ số theo thủ tục',
  divisionIndicatorSheet: 'Chỉ số theo đơn vị',
  receivingUnitIndicatorSheet: 'Chỉ số theo điểm tiếp nhận',
  receivingUnitCode: 'Mã điểm tiếp nhận',
  receivingUnitName: 'Điểm tiếp nhận hồ sơ',
  formerProvince: 'Tỉnh trước sáp nhập',
  value: 'Giá trị',
  unit: 'Đơn vị tính',
  dueDate: 'Hạn gửi báo cáo',
  units: { percent: '%', working_days: 'ngày làm việc' },
} as const;
