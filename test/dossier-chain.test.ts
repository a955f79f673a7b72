import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainFieldsFromEvent,
  chainFieldsFromRow,
  eventHash,
  GENESIS_HASH,
  payloadDigest,
  verifyChain,
  type ChainRow,
} from '../db/dossier-chain.js';
import type { DossierEvent } from '../domain/dossier/types.js';
import { units } from './support/catalog.js';

const CODE = `${units.department}-260302-0001`;

/** A well-formed chain of `n` events of one dossier, built as the repository stores them. */
function buildChain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const payload = { note: `bước ${seq}`, items: ['a', seq] };
    const unsigned: ChainRow = {
      dossier_code: CODE,
      seq,
      at: new Date(Date.UTC(2026, 2, 2, 2, seq)),
      type: seq === 1 ? 'receive' : 'complete',
      actor_id: '6f1c2a52-8a4e-4c57-9b7e-3b1f3c1d2e01',
      actor_username: 'receiver',
      actor_role: 'receiver',
      actor_name: 'Nguyễn Thị Tiếp Nhận',
      step_id: `s${seq}`,
      from_phase: seq === 1 ? null : 'processing',
      to_phase: 'processing',
      from_status: seq === 1 ? null : 4,
      to_status: 4,
      from_step_id: seq === 1 ? null : `s${seq - 1}`,
      to_step_id: `s${seq}`,
      on_time: seq === 1 ? null : 'on_time',
      payload,
      payload_digest: payloadDigest(payload),
      prev_hash: prevHash,
      hash: '',
    };
    const hash = eventHash(prevHash, chainFieldsFromRow(unsigned));
    rows.push({ ...unsigned, hash });
    prevHash = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { d: [1, { y: true, x: null }], c: 'é' } };
    const b = { a: { c: 'é', d: [1, { x: null, y: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"é","d":[1,{"x":null,"y":true}]},"b":1}');
  });

  it('keeps array order and follows JSON for undefined, dates and non-finite numbers', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    const value = { gone: undefined, at: new Date(0), list: [undefined, NaN], n: 10, '10': 'x', '9': 'y' };
    expect(canonicalJson(value)).toBe(
      '{"10":"x","9":"y","at":"1970-01-01T00:00:00.000Z","list":[null,null],"n":10}',
    );
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('eventHash', () => {
  it('hashes an event the same whether built by the workflow or read back from its row', () => {
    const [row] = buildChain(1);
    const event: DossierEvent = {
      dossierCode: CODE,
      seq: 1,
      at: row!.at.getTime(),
      type: 'receive',
      actor: {
        officerId: row!.actor_id!,
        username: 'receiver',
        fullName: 'Nguyễn Thị Tiếp Nhận',
        role: 'receiver',
        divisionCode: 'BPMC',
      },
      stepId: 's1',
      fromPhase: null,
      toPhase: 'processing',
      fromStatus: null,
      toStatus: 4,
      fromStepId: null,
      toStepId: 's1',
      onTime: null,
      payload: { items: ['a', 1], note: 'bước 1' },
    };
    const fields = chainFieldsFromEvent(event, payloadDigest(event.payload));
    expect(eventHash(GENESIS_HASH, fields)).toBe(row!.hash);
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(buildChain(5))).toEqual({ valid: true, brokenAtSeq: null });
    expect(verifyChain([])).toEqual({ valid: true, brokenAtSeq: null });
  });

  it('detects a changed payload even with its digest left alone', () => {
    const rows = buildChain(4);
    rows[2] = { ...rows[2]!, payload: { note: 'đã sửa', items: ['a', 3] } };
    expect(verifyChain(rows)).toEqual({ valid: false, brokenAtSeq: 3 });
  });

  it('detects a changed payload whose digest was recomputed (the hash no longer matches)', () => {
    const rows = buildChain(4);
    const payload = { note: 'đã sửa' };
    rows[1] = { ...rows[1]!, payload, payload_digest: payloadDigest(payload) };
    expect(verifyChain(rows)).toEqual({ valid: false, brokenAtSeq: 2 });
  });

  it('detects a changed hash', () => {
    const rows = buildChain(4);
    rows[3] = { ...rows[3]!, hash: 'f'.repeat(64) };
    expect(verifyChain(rows)).toEqual({ valid: false, brokenAtSeq: 4 });
  });

  it('detects a changed field such as the actor', () => {
    const rows = buildChain(3);
    rows[0] = { ...rows[0]!, actor_username: 'someone-else' };
    expect(verifyChain(rows)).toEqual({ valid: false, brokenAtSeq: 1 });
  });

  it('detects a missing seq', () => {
    const rows = buildChain(5);
    rows.splice(2, 1);
    expect(verifyChain(rows)).toEqual({ valid: false, brokenAtSeq: 3 });
  });

  it('detects a reordered chain, with or without renumbering', () => {
    const rows = buildChain(4);
    const swapped = [rows[0]!, rows[2]!, rows[1]!, rows[3]!];
    expect(verifyChain(swapped)).toEqual({ valid: false, brokenAtSeq: 2 });
    const renumbered = swapped.map((row, i) => ({ ...row, seq: i + 1 }));
    expect(verifyChain(renumbered)).toEqual({ valid: false, brokenAtSeq: 2 });
  });

  it('detects an event of another dossier spliced in', () => {
    const rows = buildChain(2);
    rows[1] = { ...rows[1]!, dossier_code: 'other' };
    expect(verifyChain(rows)).toEqual({ valid: false, brokenAtSeq: 2 });
  });
});
