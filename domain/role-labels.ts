/** Vietnamese names of the roles. No imports but types: the officer console bundles this file as it is. */
import type { Role } from './roles.js';

/** Vietnamese labels shown to people (API `roleLabel`, forms, the officer console). */
export const roleLabels: Readonly<Record<Role, string>> = Object.freeze({
  receiver: 'Cán bộ tiếp nhận (một cửa)',
  specialist: 'Chuyên viên',
  head: 'Trưởng phòng',
  deputy: 'Phó Giám đốc',
  director: 'Giám đốc',
  auditor: 'Thanh tra / kiểm tra',
  admin: 'Quản trị hệ thống',
});
