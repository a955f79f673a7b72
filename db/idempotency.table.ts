import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * An officer request sent with an `Idempotency-Key`: the key (unique per tenant) bound to the officer, the
 * operation and the digest of the canonical request. While `status_code` is null the first request runs
 * (or ran and crashed) under the lease `lease_token` until `leased_until`; once answered, the row holds
 * the answer to replay until `expires_at`.
 */
export interface IdempotentRequestTable {
  tenant: ColumnType<string, string, never>;
  key: ColumnType<string, string, never>;
  officer_id: ColumnType<string, string, never>;
  /** The route's operationId, e.g. `completeDossierStep`. */
  operation: ColumnType<string, string, never>;
  /** SHA-256 (hex) of the canonical JSON of the request: path parameters, body, relevant query. */
  request_digest: ColumnType<string, string, never>;
  /** Who runs the request now: a new token on each reservation or take-over of a lapsed lease. */
  lease_token: string;
  leased_until: ColumnType<Date, Date | string, Date | string>;
  /**
   * What the operation created, recorded in its own transaction (a receipt's dossier code), so that a
   * re-run after a crash answers from it instead of creating it again.
   */
  resource: ColumnType<string | null, string | null | undefined, string | null>;
  /** The stored answer: null while the request runs. */
  status_code: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON body of the answer (json, as answered): written as its JSON text, read back parsed. */
  response_body: ColumnType<unknown, string | null | undefined, string | null>;
  /** Headers replayed with the answer (e.g. `location`). */
  response_headers: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type IdempotentRequestRow = Selectable<IdempotentRequestTable>;
export type NewIdempotentRequestRow = Insertable<IdempotentRequestTable>;
