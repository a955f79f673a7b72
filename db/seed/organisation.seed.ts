import bcrypt from 'bcryptjs';
import type { Executor } from '../database.js';
import type { Role } from '../../domain/roles.js';
import type { DivisionKind } from '../organisation.table.js';
import {
  findOfficerByUsername,
  upsertDivision,
  upsertOfficer,
  upsertTenant,
} from '../organisation.repository.js';

/**
 * The tenant every fresh installation starts with. Its unit code (QCVN 102:2016) is configured, not
 * written here: `config/units.ts` (`UNIT_CODE`).
 */
export const defaultTenant = {
  code: 'default',
  // The first customer is the former Sở GDĐT Nam Định, merged into Ninh Bình province on 01/07/2025
  // (Resolution 202/2025/QH15).
  name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình',
} as const;

/** A division of the Sở as seeded. */
export interface SeedDivision {
  code: string;
  name: string;
  kind: DivisionKind;
}

/** The divisions of a Sở GDĐT named in its administrative-reform plan, plus the one-stop desk. */
export const divisions: readonly SeedDivision[] = [
  { code: 'BPMC', name: 'Bộ phận Một cửa', kind: 'desk' },
  { code: 'VP', name: 'Văn phòng Sở', kind: 'division' },
  { code: 'GDCT', name: 'Phòng Giáo dục Chính trị và Công tác học sinh, sinh viên', kind: 'division' },
  { code: 'TCCB', name: 'Phòng Tổ chức cán bộ', kind: 'division' },
  { code: 'KHTC', name: 'Phòng Kế hoạch – Tài chính', kind: 'division' },
  { code: 'TTRA', name: 'Thanh tra Sở', kind: 'inspection' },
  { code: 'GDMN', name: 'Phòng Giáo dục Mầm non', kind: 'division' },
  { code: 'GDTH', name: 'Phòng Giáo dục Tiểu học', kind: 'division' },
  { code: 'GDTRH', name: 'Phòng Giáo dục Trung học', kind: 'division' },
  { code: 'GDCN', name: 'Phòng Giáo dục chuyên nghiệp và Giáo dục thường xuyên', kind: 'division' },
  // Handles diplomas and certificates (văn bằng, chứng chỉ).
  { code: 'QLCL', name: 'Phòng Khảo thí và Quản lý chất lượng giáo dục', kind: 'division' },
  { code: 'BGD', name: 'Ban Giám đốc Sở', kind: 'leadership' },
];

/** The password of every dev user. Dev users are never seeded in production (see `SEED_DEV_USERS`). */
export const devPassword = 'motcua';

/** A development account of the default tenant. */
export interface DevUser {
  username: string;
  fullName: string;
  email: string;
  role: Role;
  divisionCode: string | null;
}

const devUser = (username: string, fullName: string, role: Role, divisionCode: string | null): DevUser => ({
  username,
  fullName,
  email: `${username}@motcua.local`,
  role,
  divisionCode,
});

/**
 * One account per role, plus a second specialist and head in another division (GDTRH) so that
 * cross-division authorisation can be tested, and the văn thư (VP) who digitises results. All use
 * {@link devPassword}.
 */
export const devUsers: readonly DevUser[] = [
  devUser('receiver', 'Nguyễn Thị Thu Hà', 'receiver', 'BPMC'),
  devUser('specialist', 'Trần Văn Minh', 'specialist', 'QLCL'),
  devUser('head', 'Phạm Thị Lan Anh', 'head', 'QLCL'),
  devUser('deputy', 'Vũ Đức Thắng', 'deputy', 'BGD'),
  devUser('director', 'Đỗ Quang Huy', 'director', 'BGD'),
  devUser('auditor', 'Hoàng Thị Mai', 'auditor', 'TTRA'),
  devUser('admin', 'Lê Văn Tuấn', 'admin', null),
  devUser('specialist2', 'Bùi Thị Hồng Nhung', 'specialist', 'GDTRH'),
  devUser('head2', 'Đặng Văn Khoa', 'head', 'GDTRH'),
  // Văn thư of the Văn phòng Sở: registers, issues and digitises results (the digitisation steps).
  devUser('vanthu', 'Lê Thị Thu Trang', 'specialist', 'VP'),
];

/** Options of {@link seedOrganisation}. */
export interface SeedOrganisationOptions {
  /** Also create the {@link devUsers}. The caller passes false in production. */
  devUsers: boolean;
  /**
   * The Sở's electronic identifier (configured: `UNIT_CODE`), the prefix of its dossier codes from now on;
   * dossiers already received keep theirs.
   */
  unitCode: string;
}

/** What a seed run did. */
export interface SeedOrganisationResult {
  tenant: string;
  divisions: number;
  officersCreated: number;
  officersUpdated: number;
}

const BCRYPT_COST = 10;

/**
 * Seeds the default tenant (its name and configured unit code), its divisions and (optionally) the dev
 * users. Idempotent: reference data is upserted; an existing officer keeps its password hash and active flag, and bcrypt runs at most once per
 * run (only when some dev user is missing). Pass a transaction to make the run atomic.
 */
export async function seedOrganisation(
  db: Executor,
  options: SeedOrganisationOptions,
): Promise<SeedOrganisationResult> {
  const tenant = defaultTenant.code;
  await upsertTenant(db, { code: tenant, name: defaultTenant.name, unit_code: options.unitCode });
  for (const division of divisions) await upsertDivision(db, { tenant, ...division });

  const result = { tenant, divisions: divisions.length, officersCreated: 0, officersUpdated: 0 };
  if (!options.devUsers) return result;

  let sharedHash: string | undefined;
  for (const user of devUsers) {
    const existing = await findOfficerByUsername(db, user.username);
    const passwordHash =
      existing?.password_hash ?? (sharedHash ??= await bcrypt.hash(devPassword, BCRYPT_COST));
    await upsertOfficer(db, {
      tenant,
      username: user.username,
      full_name: user.fullName,
      email: user.email,
      role: user.role,
      division_code: user.divisionCode,
      password_hash: passwordHash,
    });
    if (existing) result.officersUpdated += 1;
    else result.officersCreated += 1;
  }
  return result;
}
