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
