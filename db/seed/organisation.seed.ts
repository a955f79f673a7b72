import bcrypt from 'bcryptjs';
import type { Executor } from '../database.js';
import type { Role } from '../../domain/roles.js';
import type { DivisionKind, ReceivingUnitKind } from '../organisation.table.js';
import {
  findOfficerByUsername,
  upsertDivision,
  upsertOfficer,
  insertReceivingUnitIfMissing,
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

/** A receiving unit as seeded (table `receiving_unit`). */
export interface SeedReceivingUnit {
  code: string;
  name: string;
  kind: ReceivingUnitKind;
  parentName: string | null;
  symbol: string;
  address: string;
  place: string;
  formerProvince: string | null;
}

/**
 * Where the Sở's dossiers are received (docs/domain.md, "Rule sets and receiving units"): its own one-stop desk (dossiers under Decree
 * 61/2018), and since Decree 118/2025 the provincial Public Administrative Service Centre, its branches in
 * the former provinces merged into Ninh Bình, and commune-level centres, which receive any procedure
 * whatever the applicant's residence.
 *
 * UNCONFIRMED: the branches' and points' names, addresses and document symbols follow the pattern of the
 * provincial decisions on Centres (e.g. Thanh Hóa QĐ 128/2025) but are not the real ones of Ninh Bình: the
 * operator edits them (a seed run inserts a missing unit and never overwrites one). Their electronic identifiers
 * (QCVN 102:2016) are not known and stay empty until recorded.
 */
export const receivingUnits: readonly SeedReceivingUnit[] = [
  {
    code: 'BPMC',
    name: 'Bộ phận Một cửa Sở Giáo dục và Đào tạo',
    kind: 'agency_desk',
    parentName: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH NINH BÌNH',
    symbol: 'BPMC',
    address: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình, phường Hoa Lư, tỉnh Ninh Bình',
    place: 'Ninh Bình',
    formerProvince: 'Ninh Bình',
  },
  {
    code: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình',
    kind: 'centre',
    parentName: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
    symbol: 'TTPVHCC',
    address: 'Phường Hoa Lư, tỉnh Ninh Bình',
    place: 'Ninh Bình',
    formerProvince: 'Ninh Bình',
  },
  {
    code: 'TTPVHCC-ND',
    name: 'Chi nhánh Nam Định – Trung tâm Phục vụ hành chính công tỉnh Ninh Bình',
    kind: 'branch',
    parentName: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
    symbol: 'TTPVHCC-CNNĐ',
    address: 'Phường Nam Định, tỉnh Ninh Bình',
    place: 'Nam Định',
    formerProvince: 'Nam Định',
  },
  {
    code: 'TTPVHCC-HN',
    name: 'Chi nhánh Hà Nam – Trung tâm Phục vụ hành chính công tỉnh Ninh Bình',
    kind: 'branch',
    parentName: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
    symbol: 'TTPVHCC-CNHN',
    address: 'Phường Phủ Lý, tỉnh Ninh Bình',
    place: 'Phủ Lý',
    formerProvince: 'Hà Nam',
  },
  {
    code: 'XA-HAIHAU',
    name: 'Trung tâm Phục vụ hành chính công xã Hải Hậu',
    kind: 'commune',
    parentName: 'ỦY BAN NHÂN DÂN XÃ HẢI HẬU',
    symbol: 'TTPVHCC-HH',
    address: 'Xã Hải Hậu, tỉnh Ninh Bình',
    place: 'Hải Hậu',
    formerProvince: 'Nam Định',
  },
  {
    code: 'XA-GIAVIEN',
    name: 'Trung tâm Phục vụ hành chính công xã Gia Viễn',
    kind: 'commune',
    parentName: 'ỦY BAN NHÂN DÂN XÃ GIA VIỄN',
    symbol: 'TTPVHCC-GV',
    address: 'Xã Gia Viễn, tỉnh Ninh Bình',
    place: 'Gia Viễn',
    formerProvince: 'Ninh Bình',
  },
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
  /** The receiving unit whose desk a receiver works at. */
  receivingUnit: string | null;
}

const devUser = (
  username: string,
  fullName: string,
  role: Role,
  divisionCode: string | null,
  receivingUnit: string | null = null,
): DevUser => ({
  username,
  fullName,
  email: `${username}@motcua.local`,
  role,
  divisionCode,
  receivingUnit,
});

/**
 * One account per role, plus a second specialist and head in another division (GDTRH) so that
 * cross-division authorisation can be tested, and the văn thư (VP) who digitises results. All use
 * {@link devPassword}.
 */
export const devUsers: readonly DevUser[] = [
  devUser('receiver', 'Nguyễn Thị Thu Hà', 'receiver', 'BPMC', 'BPMC'),
  // Receivers of the Centre (Decree 118/2025): the provincial seat, the Nam Định branch, a commune point.
  devUser('tn-tinh', 'Trịnh Thị Ngọc Ánh', 'receiver', null, 'TTPVHCC'),
  devUser('tn-namdinh', 'Phạm Văn Khánh', 'receiver', null, 'TTPVHCC-ND'),
  devUser('tn-haihau', 'Vũ Thị Hải Yến', 'receiver', null, 'XA-HAIHAU'),
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
  for (const unit of receivingUnits) {
    await insertReceivingUnitIfMissing(db, {
      tenant,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parent_name: unit.parentName,
      unit_code: null,
      symbol: unit.symbol,
      address: unit.address,
      place: unit.place,
      former_province: unit.formerProvince,
    });
  }

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
      receiving_unit_code: user.receivingUnit,
      password_hash: passwordHash,
    });
    if (existing) result.officersUpdated += 1;
    else result.officersCreated += 1;
  }
  return result;
}
