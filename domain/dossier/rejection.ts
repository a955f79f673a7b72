/**
 * Why an action on a dossier is refused. `kind` maps to HTTP: forbidden → 403, conflict → 409,
 * invalid → 400. Codes are stable; messages are Vietnamese for people.
 */
export interface Rejection {
  readonly code: string;
  readonly kind: 'forbidden' | 'conflict' | 'invalid';
  readonly message: string;
  /** The action's input at fault (its name in the request body), when one is. */
  readonly field?: string;
}

export const DossierRejection = {
  readOnlyRole: (): Rejection => ({
    code: 'DOSSIER.READ_ONLY_ROLE',
    kind: 'forbidden',
    message: 'Vai trò của bạn chỉ được xem hồ sơ, không được thao tác.',
  }),
  wrongDivision: (division: string): Rejection => ({
    code: 'DOSSIER.WRONG_DIVISION',
    kind: 'forbidden',
    message: `Bước hiện tại thuộc đơn vị ${division}; bạn không được thao tác.`,
  }),
  /** A desk step of another receiving unit: the same stable code as another division's step. */
  wrongDesk: (unit: string): Rejection => ({
    code: 'DOSSIER.WRONG_DIVISION',
    kind: 'forbidden',
    message: `Hồ sơ đang ở bộ phận tiếp nhận ${unit}; chỉ cán bộ của bộ phận đó được thao tác.`,
  }),
  wrongRole: (): Rejection => ({
    code: 'DOSSIER.WRONG_ROLE',
    kind: 'forbidden',
    message: 'Vai trò của bạn không được thực hiện thao tác này ở bước hiện tại.',
  }),
  notAssignee: (): Rejection => ({
    code: 'DOSSIER.NOT_ASSIGNEE',
    kind: 'forbidden',
    message: 'Hồ sơ đang được giao cho cán bộ khác.',
  }),
  invalidState: (phaseLabel: string): Rejection => ({
    code: 'DOSSIER.INVALID_STATE',
    kind: 'conflict',
    message: `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${phaseLabel}".`,
  }),
  stepMismatch: (): Rejection => ({
    code: 'DOSSIER.STEP_MISMATCH',
    kind: 'conflict',
    message: 'Hồ sơ không còn ở bước này (có thể thao tác đã được thực hiện).',
  }),
  wrongActionForStep: (expected: string): Rejection => ({
    code: 'DOSSIER.WRONG_ACTION_FOR_STEP',
    kind: 'conflict',
    message: `Bước hiện tại được kết thúc bằng thao tác "${expected}".`,
  }),
  cannotSendBack: (): Rejection => ({
    code: 'DOSSIER.CANNOT_SEND_BACK',
    kind: 'conflict',
    message: 'Không có bước trước để trả lại.',
  }),
  resultFileMissing: (): Rejection => ({
    code: 'DOSSIER.RESULT_FILE_MISSING',
    kind: 'conflict',
    message: 'Chưa đính kèm tệp kết quả đã số hóa; không thể chuyển sang trạng thái sẵn sàng trả.',
  }),
  draftBeforeApprovalOnly: (): Rejection => ({
    code: 'DOSSIER.NOT_DRAFT_STEP',
    kind: 'conflict',
    message:
      'Kết quả của thủ tục này được ký số: dự thảo kết quả được đính kèm ở bước xử lý hoặc phê duyệt, trước khi lãnh đạo ký.',
  }),
  resultNotPdf: (): Rejection => ({
    code: 'DOSSIER.RESULT_NOT_PDF',
    kind: 'invalid',
    message: 'Kết quả được ký số phải là tệp PDF.',
    field: 'file',
  }),
  resultDraftMissing: (): Rejection => ({
    code: 'DOSSIER.RESULT_DRAFT_MISSING',
    kind: 'conflict',
    message: 'Chưa đính kèm dự thảo kết quả (tệp PDF) để lãnh đạo ký số.',
  }),
  signaturePending: (): Rejection => ({
    code: 'DOSSIER.SIGNATURE_PENDING',
    kind: 'conflict',
    message: 'Kết quả đang được ký số; vui lòng thử lại sau ít phút.',
  }),
  resultNotSigned: (): Rejection => ({
    code: 'DOSSIER.RESULT_NOT_SIGNED',
    kind: 'conflict',
    message: 'Kết quả chưa có chữ ký số của lãnh đạo phê duyệt.',
  }),
  resultNotSealed: (): Rejection => ({
    code: 'DOSSIER.RESULT_NOT_SEALED',
    kind: 'conflict',
    message: 'Kết quả chưa được đóng dấu số của cơ quan.',
  }),
  noSeal: (): Rejection => ({
    code: 'DOSSIER.NO_SEAL',
    kind: 'conflict',
    message:
      'Thủ tục này không đóng dấu số lên kết quả, hoặc bước hiện tại không phải bước phát hành kết quả.',
  }),
  alreadySealed: (): Rejection => ({
    code: 'DOSSIER.ALREADY_SEALED',
    kind: 'conflict',
    message: 'Kết quả đã được đóng dấu số.',
  }),
  notDigitisationStep: (): Rejection => ({
    code: 'DOSSIER.NOT_DIGITISATION_STEP',
    kind: 'conflict',
    message: 'Tệp kết quả chỉ được đính kèm ở bước số hóa kết quả.',
  }),
  unpaid: (): Rejection => ({
    code: 'DOSSIER.UNPAID',
    kind: 'conflict',
    message: 'Hồ sơ chưa nộp phí, lệ phí; chưa thể trả kết quả.',
  }),
  paymentMismatch: (): Rejection => ({
    code: 'DOSSIER.PAYMENT_MISMATCH',
    kind: 'conflict',
    message: 'Số tiền hoặc mã thanh toán không khớp với yêu cầu nộp phí của hồ sơ.',
    field: 'amount',
  }),
  noPaymentPending: (): Rejection => ({
    code: 'DOSSIER.NO_PAYMENT_PENDING',
    kind: 'conflict',
    message: 'Hồ sơ không có khoản phí nào đang chờ thanh toán.',
  }),
  leadersOnly: (): Rejection => ({
    code: 'DOSSIER.LEADERS_ONLY',
    kind: 'forbidden',
    message: 'Chỉ Giám đốc hoặc Phó Giám đốc Sở được ký phiếu xin lỗi và hẹn lại ngày trả kết quả.',
  }),
  apologyAlreadySigned: (): Rejection => ({
    code: 'DOSSIER.APOLOGY_ALREADY_SIGNED',
    kind: 'conflict',
    message: 'Hồ sơ đã có phiếu xin lỗi và hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần.',
  }),
  badNewAppointment: (current: string): Rejection => ({
    code: 'DOSSIER.BAD_NEW_APPOINTMENT',
    kind: 'invalid',
    message: `Ngày hẹn mới phải là một ngày làm việc sau ngày hẹn hiện tại (${current}) và sau thời điểm hiện tại.`,
    field: 'newAppointmentDate',
  }),
  /** Text that cannot be accepted (control characters, malformed Unicode, invisible-only, too long). */
  invalidText: (label: string, field: string, problem: string): Rejection => ({
    code: 'DOSSIER.INVALID_TEXT',
    kind: 'invalid',
    message: `${label.charAt(0).toUpperCase()}${label.slice(1)} không hợp lệ: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`,
    field,
  }),
  missingText: (label: string, field: string): Rejection => ({
    code: 'DOSSIER.MISSING_TEXT',
    kind: 'invalid',
    message: `Cần nhập ${label}.`,
    field,
  }),
} as const;
