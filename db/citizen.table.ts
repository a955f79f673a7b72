import type { ColumnType, Selectable } from 'kysely';

/** A citizen of the online portal, known by the personal identification number the identity provider vouches for. */
export interface CitizenTable {
  /** 12-digit personal identification number (số định danh cá nhân / CCCD). */
  personal_id: ColumnType<string, string, never>;
  full_name: string;
  email: string | null;
  phone: string | null;
  first_login_at: ColumnType<Date, Date | string | undefined, never>;
  last_login_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A portal session: the SHA-256 of the cookie's token, never the token itself. */
export interface CitizenSessionTable {
  token_hash: ColumnType<string, string, never>;
  personal_id: ColumnType<string, string, never>;
  /** Synchronizer token every changing request must echo in `X-CSRF-Token`. */
  csrf_token: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Absolute end of the session (login + the longest session). */
  expires_at: ColumnType<Date, Date | string, never>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type CitizenRow = Selectable<CitizenTable>;
export type CitizenSessionRow = Selectable<CitizenSessionTable>;
