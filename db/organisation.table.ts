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
  /** Null for officers outside any division (the system administrator). */
  division_code: string | null;
  /** bcrypt hash; never leaves the database layer except to be compared. */
  password_hash: string;
  /** A deactivated officer can neither log in nor use a token issued earlier. */
  active: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export type DivisionRow = Selectable<DivisionTable>;
export type NewDivisionRow = Insertable<DivisionTable>;
export type DivisionUpdate = Updateable<DivisionTable>;

export type OfficerRow = Selectable<OfficerTable>;
export type NewOfficerRow = Insertable<OfficerTable>;
export type OfficerUpdate = Updateable<OfficerTable>;
