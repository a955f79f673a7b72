/**
 * The national portal sync end to end on the real Temporal dev server, PostgreSQL and the portal's
 * stand-in over HTTP: every national status of a dossier reaches it once, in order, with its document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNationalPortalStandin, type NationalPortalStandin } from '../dev/national-portal-standin.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import { listDossierStatuses } from '../db/national-sync.repository.js';
import { ok, walkTo, type DossierDetail } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { eventually } from './support/temporal.js';
import { toVnDate } from '../domain/calendar/index.js';
import { randomUUID } from 'node:crypto';

const TOKEN = 'test-national-portal-token';
let portal: NationalPortalStandin;
let h: DossierHarness;

beforeAll(async () => {
  portal = await startNationalPortalStandin({ token: TOKEN });
  h = await startDossierHarness({ nationalPortal: { syncUrl: portal.url, token: TOKEN } });
});
afterAll(async () => {
  await h?.stop();
  await portal?.close();
});

/** The national statuses of a dossier's audit trail, one per change (the first event's included). */
async function statusChanges(code: string): Promise<number[]> {
  const events = await listDossierEvents(h.db, code);
  return events.filter((e) => e.seq === 1 || e.from_status !== e.to_status).map((e) => e.to_status);
}

const receivedOf = (code: string) => portal.received.filter((r) => r.dossierCode === code);

describe('a desk dossier walked to its return', () => {
  it('reaches the portal status by status, once each, in order, and every row is delivered', async () => {
    const received = (await ok(h.api.receive())) as DossierDetail;
    const done = await walkTo(h.api, received, null);
    expect(done.status).toBe(10);
    const changes = await statusChanges(done.code);
    expect(changes).toEqual([2, 4, 9, 10]);
    await eventually(
      () => Promise.resolve(receivedOf(done.code).length === changes.length ? true : undefined),
      20_000,
    );
    const got = receivedOf(done.code);
    expect(got.map((r) => r.status)).toEqual(changes);
    expect(got.map((r) => r.statusSeq)).toEqual([1, 2, 3, 4]);
    expect(got.map((r) => r.key)).toEqual([1, 2, 3, 4].map((n) => `${done.code}:${n}`));
    const last = got[3]!.document;
    expect(last).toMatchObject({
      MaHoSo: done.code,
      TrangThaiHoSo: 10,
      KenhThucHien: 1,
      DuocThanhToanTrucTuyen: 0,
      // The result is digitised, the components are not (yet): not a digitised dossier.
      DuocSoHoa: 0,
      SoThuTuTrangThai: 4,
    });
    expect(last.NgayTra).toMatch(/^\d{14}$/);
    const rows = await eventually(async () => {
      const all = await listDossierStatuses(h.db, 'default', done.code);
      return all.every((r) => r.delivered_at !== null) ? all : undefined;
    });
    expect(rows.map((r) => r.national_status)).toEqual(changes);
    expect(rows.every((r) => r.attempts === 1 && r.last_error === null)).toBe(true);
  });
});

describe("the managers' view", () => {
  const get = async (url: string, username: string) =>
    h.app.inject({ url, headers: await h.api.as(username) });
  const repush = async (code: string, username: string) =>
    h.app.inject({
      method: 'POST',
      url: `/national-sync/dossiers/${encodeURIComponent(code)}/repush`,
      headers: { ...(await h.api.as(username)), 'idempotency-key': randomUUID() },
    });
  const allDelivered = (code: string) =>
    eventually(async () => {
      const rows = await listDossierStatuses(h.db, 'default', code);
      return rows.length > 0 && rows.every((r) => r.delivered_at !== null) ? rows : undefined;
    }, 20_000);

  it('shows a failing status with its error, and a re-push delivers it once the portal is back', async () => {
    portal.setMode('down');
    const dossier = (await ok(h.api.receive())) as DossierDetail;
    const failing = await eventually(async () => {
      const r = await get('/national-sync', 'head');
      const body = r.json<{ failed: number; lastError: { dossierCode: string; error: string } | null }>();
      return body.lastError?.dossierCode === dossier.code ? body : undefined;
    }, 20_000);
    expect(failing.failed).toBeGreaterThanOrEqual(1);
    expect(failing.lastError?.error).toMatch(/HTTP 503/);
    const one = await get(`/national-sync/dossiers/${dossier.code}`, 'auditor');
    expect(one.statusCode, one.body).toBe(200);
    const [row] = one.json<{ items: { status: number; deliveredAt: string | null; lastError: string }[] }>()
      .items;
    expect(row).toMatchObject({ status: 2, deliveredAt: null, statusLabel: 'Được tiếp nhận' });
    expect(row!.lastError).toMatch(/HTTP 503/);

    portal.setMode('up');
    const res = await repush(dossier.code, 'head');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dossierCode: dossier.code, pending: 1, resendAll: false });
    await allDelivered(dossier.code);
    expect(receivedOf(dossier.code).map((r) => r.statusSeq)).toEqual([1]);
  });

  it('re-sends every status of a fully delivered dossier; the portal keeps each once', async () => {
    const done = await walkTo(h.api, (await ok(h.api.receive())) as DossierDetail, null);
    await allDelivered(done.code);
    await eventually(() => Promise.resolve(receivedOf(done.code).length === 4 ? true : undefined), 20_000);
    const raw = portal.rawCount();
    const res = await repush(done.code, 'director');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dossierCode: done.code, pending: 0, resendAll: true });
    await eventually(() => Promise.resolve(portal.rawCount() >= raw + 4 ? true : undefined), 20_000);
    expect(receivedOf(done.code).map((r) => r.statusSeq)).toEqual([1, 2, 3, 4]);
  });

  it('gives the figures: counts and the sync rate of this month', async () => {
    const res = await get('/national-sync', 'admin');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ months: { month: string; dossiers: number; synced: number; rate: number }[] }>();
    const month = body.months.find((m) => m.month === toVnDate(Date.now()).slice(0, 7));
    expect(month?.synced).toBeGreaterThanOrEqual(3);
    expect(month!.rate).toBe(Math.round((month!.synced * 1000) / month!.dossiers) / 10);
  });

  it('answers 401 without a token, 403 to other roles, 404 for a dossier without statuses', async () => {
    expect((await h.app.inject({ url: '/national-sync' })).statusCode).toBe(401);
    expect((await get('/national-sync', 'specialist')).statusCode).toBe(403);
    expect((await get('/national-sync', 'receiver')).statusCode).toBe(403);
    const someCode = portal.received[0]!.dossierCode;
    expect((await get(`/national-sync/dossiers/${someCode}`, 'specialist')).statusCode).toBe(403);
    expect((await repush(someCode, 'auditor')).statusCode).toBe(403);
    expect((await repush(someCode, 'deputy')).statusCode).toBe(403);
    const missing = await repush('000.00.99.H42-991231-9999', 'admin');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NATIONAL_SYNC.NO_STATUS', field: 'params.code' });
    expect((await get('/national-sync/dossiers/000.00.99.H42-991231-9999', 'head')).statusCode).toBe(404);
  });
});
