import { createHash } from 'node:crypto';
import type { DossierEvent } from '../domain/dossier/types.js';
import type { DossierEventRow } from './dossier.table.js';

/**
 * The hash chain of a dossier's audit trail (docs/architecture.md, "Audit chain"). Pure: no database, no
 * clock.
 *
 * Each stored event carries `hash = sha256(prevHash + '\n' + canonicalJson(fields))`, where `fields` are
 * the stored columns of the event (see {@link ChainedEventFields}) with the payload replaced by its
 * digest, and `prevHash` is the previous event's hash ({@link GENESIS_HASH} for seq 1). Changing,
 * removing or reordering any stored event breaks the chain from that event on.
 */

/** `prev_hash` of the first event of every dossier: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The actor of an event as stored (the officer's division is not part of the audit row). */
export interface ChainedActor {
  id: string | null;
  username: string | null;
  role: string | null;
  name: string | null;
}

/** The stored fields of an event that its hash covers. */
export interface ChainedEventFields {
  dossierCode: string;
  seq: number;
  /** ISO 8601 with milliseconds, UTC (`Date.prototype.toISOString`). */
  at: string;
  type: string;
  actor: ChainedActor | null;
  stepId: string | null;
  fromPhase: string | null;
  toPhase: string;
  fromStatus: number | null;
  toStatus: number;
  fromStepId: string | null;
  toStepId: string | null;
  onTime: string | null;
  payloadDigest: string;
}

/** The columns of a stored event that {@link verifyChain} reads. */
export type ChainRow = Omit<DossierEventRow, 'recorded_at'>;

/** Outcome of {@link verifyChain}: `brokenAtSeq` is the first seq that cannot be trusted. */
export interface ChainVerification {
  valid: boolean;
  brokenAtSeq: number | null;
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, JSON.stringify's number
 * and string forms (so RFC 8785 for JSON data). Follows JSON semantics: `toJSON` is honoured, undefined,
 * functions and symbols are dropped from objects and become null in arrays, non-finite numbers become
 * null. Hence canonicalJson(x) === canonicalJson(JSON.parse(JSON.stringify(x))): a payload read back
 * from jsonb has the digest it was stored with. Throws on bigint, on cycles (stack) and at top level on
 * a value JSON cannot represent.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} is not JSON`);
  return text;
}

function write(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not JSON');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((v: unknown) => write(v) ?? 'null').join(',')}]`;
      return writeObject(value as Record<string, unknown>);
  }
}

function writeObject(obj: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const text = write(obj[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 hex of the canonical JSON of an event's payload (column `payload_digest`). */
export function payloadDigest(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

/** sha256 hex of `prevHash + '\n' + canonicalJson(fields)` (column `hash`). */
export function eventHash(prevHash: string, fields: ChainedEventFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(fields)}`);
}

/** The hashed fields of an event the workflow built, as they will be stored. */
export function chainFieldsFromEvent(event: DossierEvent, digest: string): ChainedEventFields {
  const { actor } = event;
  return {
    dossierCode: event.dossierCode,
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    type: event.type,
    actor: actor && { id: actor.officerId, username: actor.username, role: actor.role, name: actor.fullName },
    stepId: event.stepId,
    fromPhase: event.fromPhase,
    toPhase: event.toPhase,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    fromStepId: event.fromStepId,
    toStepId: event.toStepId,
    onTime: event.onTime,
    payloadDigest: digest,
  };
}

/** The hashed fields of a stored event (the digest as stored, not recomputed). */
export function chainFieldsFromRow(row: ChainRow): ChainedEventFields {
  const actor: ChainedActor = {
    id: row.actor_id,
    username: row.actor_username,
    role: row.actor_role,
    name: row.actor_name,
  };
  const noActor = Object.values(actor).every((v) => v === null);
  return {
    dossierCode: row.dossier_code,
    seq: row.seq,
    at: row.at.toISOString(),
    type: row.type,
    actor: noActor ? null : actor,
    stepId: row.step_id,
    fromPhase: row.from_phase,
    toPhase: row.to_phase,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    fromStepId: row.from_step_id,
    toStepId: row.to_step_id,
    onTime: row.on_time,
    payloadDigest: row.payload_digest,
  };
}

/**
 * Verifies the stored events of ONE dossier, in the order given (sort by seq first): seqs run 1, 2, 3…
 * without gaps, each `prev_hash` is the previous `hash` (GENESIS for seq 1), each `payload_digest`
 * matches the payload and each `hash` matches the fields. An empty list is valid. A chain cut after its
 * last event cannot be detected here: compare the last seq with the projection's `seq`.
 */
export function verifyChain(rows: readonly ChainRow[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const expectedSeq = i + 1;
    const intact =
      row.seq === expectedSeq &&
      row.dossier_code === rows[0]?.dossier_code &&
      row.prev_hash === prevHash &&
      row.payload_digest === payloadDigest(row.payload) &&
      row.hash === eventHash(prevHash, chainFieldsFromRow(row));
    if (!intact) return { valid: false, brokenAtSeq: expectedSeq };
    prevHash = row.hash;
  }
  return { valid: true, brokenAtSeq: null };
}
