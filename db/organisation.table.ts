import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../domain/roles.js';

/**
 * What a division is: the one-stop desk (Bộ phận Một cửa), a specialised division (phòng), the leadership
 * (Ban Giám đốc) or the inspectorate (Thanh tra Sở).
 */
export type DivisionKind = 'desk' | 'division' | 'leadership' | 'inspection';

/** A division of the Sở (phòng, ban), keyed by tenant and a short ASCII code such as `QLCL`. */
export interface DivisionTable {
  tenant: string;
  code: string;
  /** Vietnamese name, e.g. "Phòng Khảo thí và Quản lý chất lượng giáo dục". */
  name: string;
  kind: DivisionKind;
}

/** An officer (cán bộ, công chức) who signs in to the API. */
export interface OfficerTable {
  id: Generated<string>;
  tenant: string;
  /** Unique across tenants: login has no tenant field. */
  username: string;
  full_name: string;
  email: string;
  role: Role;
  /** Null for officers outside any division (the system administrator, officers of a receiving point). */
  division_code: string | null;
  /** The receiving unit whose desk the officer works at (receivers); null for the agency's own staff. */
  receiving_unit_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** bcrypt hash; never leaves the database layer except to be compared. */
  password_hash: string;
  /** A deactivated officer can neither log in nor use a token issued earlier. */
  active: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** What a receiving unit is (Decree 118/2025): the agency's own desk or a Centre unit. */
export type ReceivingUnitKind = 'agency_desk' | 'centre' | 'branch' | 'commune';

/**
 * A place where dossiers of the tenant's procedures are received and results returned: the agency's own
 * one-stop desk, the provincial Public Administrative Service Centre (Trung tâm Phục vụ hành chính công),
 * its branches, and commune-level points. Separate from the divisions that handle the dossiers.
 */
export interface ReceivingUnitTable {
  tenant: string;
  /** Short ASCII code, e.g. `TTPVHCC`, `TTPVHCC-ND`, `XA-HAIHAU`. */
  code: string;
  /** e.g. "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình". */
  name: string;
  kind: ReceivingUnitKind;
  /** The superior body printed above the unit's name, e.g. "UBND TỈNH NINH BÌNH". */
  parent_name: string | null;
  /** Electronic identifier of the unit (QCVN 102:2016); null until the operator records it. */
  unit_code: string | null;
  /** Symbol in the numbers of documents the unit issues, e.g. "TTPVHCC" in "Số: 15/PTN-TTPVHCC". */
  symbol: string;
  address: string;
  /** Place name of the date line ("Nam Định, ngày … tháng … năm …"). */
  place: string;
  /** The province the unit was in before the 2025 merger, for reports (e.g. "Nam Định"). */
  former_province: string | null;
  active: Generated<boolean>;
}

export type ReceivingUnitRow = Selectable<ReceivingUnitTable>;
export type NewReceivingUnitRow = Insertable<ReceivingUnitTable>;

export type DivisionRow = Selectable<DivisionTable>;
export type NewDivisionRow = Insertable<DivisionTable>;
export type DivisionUpdate = Updateable<DivisionTable>;

export type OfficerRow = Selectable<OfficerTable>;
export type NewOfficerRow = Insertable<OfficerTable>;
export type OfficerUpdate = Updateable<OfficerTable>;
