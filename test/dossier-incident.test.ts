import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDossierEvents } from '../db/dossier.repository.js';
import { verifyChain } from '../db/dossier-chain.js';
import { testTemporalClient } from './support/app.js';
import { ok, type DossierBody } from './support/dossiers.js';
import { startDossierHarness, type MailingDossierHarness } from './support/harness.js';
import { replayAndRecord } from './support/replay.js';
import { eventually } from './support/temporal.js';

/**
 * A storage failure injected for one event (a real PostgreSQL trigger refusing it with a constraint
 * error): the dossier is flagged instead of retrying forever, its history stops growing, the
 * administrators are mailed, and an administrator resolves it (store again, or discard).
 */
const MARK = 'inject-storage-failure';

let h: MailingDossierHarness;

beforeAll(async () => {
  h = await startDossierHarness({ mail: true });
  await sql`create or replace function test_refuse_marked_event() returns trigger language plpgsql as $$
    begin
      if new.payload->>'note' = ${sql.lit(MARK)} then
        raise exception 'injected storage failure' using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(h.db);
  await sql`create trigger test_refuse_marked_event before insert on dossier_event
    for each row execute function test_refuse_marked_event()`.execute(h.db);
});
afterAll(async () => {
  await sql`drop trigger if exists test_refuse_marked_event on dossier_event`.execute(h.db);
  await sql`drop function if exists test_refuse_marked_event()`.execute(h.db);
  await h?.stop();
});

async function received(): Promise<string> {
  const dossier = await ok(h.api.receive());
  return dossier.code;
}

/** The number of events in the workflow's Temporal history. */
async function historyLength(code: string): Promise<number> {
  const history = await testTemporalClient().workflow.getHandle(code).fetchHistory();
  return history.events?.length ?? 0;
}

const resolve = async (code: string, resolution: 'retry' | 'discard', username = 'admin') =>
  h.app.inject({
    method: 'POST',
    url: `/dossiers/${encodeURIComponent(code)}/incident/resolve`,
    headers: await h.api.as(username),
    payload: { resolution, note: 'Đã kiểm tra sự cố lưu trữ' },
  });

const row = (code: string) =>
  h.db.selectFrom('dossier').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

describe('an audit event the database refuses for good', () => {
  let code: string;
  let refused: { statusCode: number; body: string };

  it('answers the officer 409 DOSSIER.NEEDS_ATTENTION and flags the dossier', async () => {
    code = await received();
    refused = await h.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan', note: MARK });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'DOSSIER.NEEDS_ATTENTION' });
    expect((await row(code)).needs_attention).toBe(true);
    const incidents = await h.db
      .selectFrom('dossier_incident')
      .selectAll()
      .where('dossier_code', '=', code)
      .execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      seq: 2,
      event_type: 'complete',
      error_code: 'DOSSIER.STORAGE_REJECTED',
      sql_state: '23514',
      resolved_at: null,
    });
  });

  it('mails the administrators once, with no personal data of the applicant', async () => {
    const incident = await h.db
      .selectFrom('dossier_incident')
      .select('id')
      .where('dossier_code', '=', code)
      .executeTakeFirstOrThrow();
    const key = `incident:${incident.id}`;
    const mail = await eventually(() => {
      const found = h.smtp.received.filter((m) => m.headers.get('x-mot-cua-notification') === key);
      return Promise.resolve(found.length > 0 ? found : undefined);
    });
    expect(mail).toHaveLength(1);
    const [m] = mail;
    expect(m!.subject).toBe(`[Sự cố lưu trữ] Hồ sơ ${code} cần quản trị hệ thống xử lý`);
    expect(m!.to && 'text' in m!.to ? m!.to.text : '').toBe('admin@motcua.local');
    expect(m!.text).not.toContain('036090001234');
    expect(m!.text).not.toContain('Nguyễn Văn Ân');
  });

  it('stops growing its history while it waits (once its mails are out)', async () => {
    await eventually(async () => {
      const pending = await testTemporalClient().workflow.getHandle(code).describe();
      return pending.raw.pendingActivities?.length === 0 ? true : undefined;
    });
    const before = await historyLength(code);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await historyLength(code)).toBe(before);
  });

  it('shows it in the list, the dossier, the incidents and /health', async () => {
    const headers = await h.api.as('admin');
    const list = await h.app.inject({ url: '/dossiers?needsAttention=true&pageSize=100', headers });
    expect(list.json<{ items: { code: string; needsAttention: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ code, needsAttention: true }),
    );
    const dossier = (await h.api.get(code)).json<DossierBody>();
    expect(dossier.needsAttention).toBe(true);
    const incidents = await h.app.inject({ url: '/incidents', headers });
    expect(incidents.json<{ items: { dossierCode: string }[] }>().items).toContainEqual(
      expect.objectContaining({ dossierCode: code, errorCode: 'DOSSIER.STORAGE_REJECTED' }),
    );
    const health = await h.app.inject({ url: '/health' });
    expect(
      health.json<{ details: { dossiersNeedingAttention: number } }>().details.dossiersNeedingAttention,
    ).toBe(1);
  });

  it('refuses every other action while it waits, and anyone but an administrator to resolve it', async () => {
    const other = await h.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan', note: 'lần nữa' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'DOSSIER.NEEDS_ATTENTION' });
    expect((await resolve(code, 'retry', 'director')).statusCode).toBe(403);
  });

  it('stores the event when an administrator retries after fixing the cause, and goes on', async () => {
    await sql`alter table dossier_event disable trigger test_refuse_marked_event`.execute(h.db);
    try {
      const res = await resolve(code, 'retry');
      expect(res.statusCode, res.body).toBe(200);
      await eventually(async () => ((await row(code)).seq >= 2 ? true : undefined));
    } finally {
      await sql`alter table dossier_event enable trigger test_refuse_marked_event`.execute(h.db);
    }
    const events = await listDossierEvents(h.db, code);
    expect(events.map((e) => e.type)).toEqual(['receive', 'complete']);
    expect(events[1]!.payload).toMatchObject({ note: MARK });
    const after = await row(code);
    expect(after.needs_attention).toBe(false);
    expect(after.current_step_id).toBe('phan-cong');
    const next = await ok(h.api.act(code, 'complete', 'head', { stepId: 'phan-cong' }));
    expect(next.currentStep?.stepId).toBe('tham-dinh');
    expect((await resolve(code, 'retry')).json()).toMatchObject({ code: 'DOSSIER.NO_INCIDENT' });
    await replayAndRecord(testTemporalClient(), code, 'dossier-g1-incident-retried.json');
  });
});

describe('an administrator who discards the refused action', () => {
  it('puts the dossier back at its last stored state, records who did it, and the dossier goes on', async () => {
    const code = await received();
    await ok(h.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    const refused = await h.api.act(code, 'complete', 'head', { stepId: 'phan-cong', note: MARK });
    expect(refused.statusCode).toBe(409);

    const res = await resolve(code, 'discard');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code, seq: 3, needsAttention: false });

    const events = await listDossierEvents(h.db, code);
    expect(events.map((e) => e.type)).toEqual(['receive', 'complete', 'incident_discarded']);
    expect(events[2]).toMatchObject({ actor_username: 'admin', to_step_id: 'phan-cong' });
    expect(events[2]!.payload).toMatchObject({
      discarded: [{ seq: 3, type: 'complete' }],
      note: 'Đã kiểm tra sự cố lưu trữ',
    });
    expect(verifyChain(events).valid).toBe(true);
    const after = await row(code);
    expect(after).toMatchObject({ needs_attention: false, current_step_id: 'phan-cong', seq: 3 });

    const next = await ok(
      h.api.act(code, 'complete', 'head', { stepId: 'phan-cong', note: 'Phân công lại' }),
    );
    expect(next.currentStep?.stepId).toBe('tham-dinh');
    const incidents = await h.db
      .selectFrom('dossier_incident')
      .selectAll()
      .where('dossier_code', '=', code)
      .execute();
    expect(incidents).toEqual([
      expect.objectContaining({
        resolution: 'discard',
        resolved_by: 'admin',
        note: 'Đã kiểm tra sự cố lưu trữ',
      }),
    ]);
    await replayAndRecord(testTemporalClient(), code, 'dossier-g1-incident-discarded.json');
  });
});
