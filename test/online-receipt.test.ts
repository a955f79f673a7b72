import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { parseIsoInstant, vnDateTimeToInstant } from '../domain/calendar/index.js';
import { buildTestApp } from './support/app.js';
import { testCitizens } from './support/citizen.js';
import { startDossierHarness, type MailingDossierHarness } from './support/harness.js';
import { citizenHeadersAt, completeWith, submitCorrection, uploadAs } from './support/portal.js';
import { minimalPdf } from './support/pdf.js';
import { eventually } from './support/temporal.js';

let h: MailingDossierHarness;
let app: AppInstance;
let clock = Date.now();
const at = (local: string) => vnDateTimeToInstant(local.slice(0, 10), local.slice(11, 16));

beforeAll(async () => {
  h = await startDossierHarness({ mail: true });
  app = await buildTestApp(h.db, { now: () => clock }, h.worker.taskQueue);
});

afterAll(async () => {
  await app.close();
  await h.stop();
});

async function submitAt(local: string, who = testCitizens.an) {
  clock = at(local);
  const headers = await citizenHeadersAt(h.db, who, clock);
  const res = await submitCorrection(app, headers, who);
  expect(res.statusCode, res.body).toBe(201);
  return { code: res.json<{ code: string }>().code, headers };
}

async function decide(code: string, action: string, username = 'receiver', payload?: object) {
  return app.inject({
    method: 'POST',
    url: `/online-submissions/${code}/${action}`,
    headers: await h.api.as(username),
    ...(payload ? { payload } : {}),
  });
}

const mailTo = (address: string, subject: RegExp) =>
  eventually(() =>
    Promise.resolve(
      h.smtp.received.find(
        (m) => m.to && JSON.stringify(m.to).includes(address) && subject.test(m.subject ?? ''),
      ),
    ),
  );

describe('online receipt (queue, decisions, mails)', () => {
  it('a submission of Friday 19:00 accepted on Monday 08:15 counts from Monday 08:15, same code, channel online', async () => {
    const { code } = await submitAt('2026-12-04T19:00');
    const ack = await mailTo(testCitizens.an.email, new RegExp(`Đã nhận hồ sơ nộp trực tuyến ${code}`));
    expect(ack.text).toContain('Thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận');
    const queue = await app.inject({ url: '/online-submissions', headers: await h.api.as('receiver') });
    expect(queue.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain(code);

    clock = at('2026-12-07T08:15');
    const accepted = await decide(code, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(201);
    const dossier = accepted.json<{ code: string; receivedAt: string; appointmentAt: string }>();
    expect(dossier.code).toBe(code);
    expect(parseIsoInstant(dossier.receivedAt)).toBe(at('2026-12-07T08:15'));
    // Same appointment as a desk receipt at that instant: 5 working days from Monday 08:15.
    expect(parseIsoInstant(dossier.appointmentAt)).toBe(at('2026-12-14T08:15'));
    const row = await h.db
      .selectFrom('dossier')
      .select(['channel', 'received_unit'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'online', received_unit: 'BPMC' });
    const mail = await mailTo(testCitizens.an.email, new RegExp(`Hồ sơ ${code} đã được tiếp nhận`));
    expect(mail.text).toContain('14/12/2026');
    expect(mail.text).toContain(`/portal/dossiers/${code}/forms/receipt`);

    const again = await decide(code, 'refuse', 'receiver', { reason: 'Thử lại' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ONLINE.ALREADY_DECIDED' });

    const headers = await citizenHeadersAt(h.db, testCitizens.an, clock);
    const view = await app.inject({ url: `/portal/dossiers/${code}`, headers });
    expect(view.json()).toMatchObject({ code, nationalStatus: 2, receivedAt: dossier.receivedAt });
    const slip = await app.inject({ url: `/portal/dossiers/${code}/forms/receipt`, headers });
    expect(slip.statusCode, slip.body.slice(0, 300)).toBe(200);
    expect(slip.headers['content-type']).toBe('application/pdf');
  });

  it('an acceptance on Saturday or at 18:00 counts from the next working opening', async () => {
    const sat = await submitAt('2026-12-04T10:00');
    const evening = await submitAt('2026-12-04T10:05');
    const opening = await submitAt('2026-12-04T10:10');
    clock = at('2026-12-05T10:00');
    const a = (await decide(sat.code, 'accept')).json<{ appointmentAt: string }>();
    clock = at('2026-12-04T18:00');
    const b = (await decide(evening.code, 'accept')).json<{ appointmentAt: string }>();
    clock = at('2026-12-07T07:30');
    const c = (await decide(opening.code, 'accept')).json<{ appointmentAt: string }>();
    expect(a.appointmentAt).toBe(c.appointmentAt);
    expect(b.appointmentAt).toBe(c.appointmentAt);
  });

  it('asks for completion (no clock), the citizen completes, then a refusal with its reason', async () => {
    const { code, headers } = await submitAt('2026-12-07T09:00');
    clock = at('2026-12-07T09:10');
    const asked = await decide(code, 'request-completion', 'receiver', {
      components: ['KS'],
      note: 'Bản scan giấy khai sinh bị mờ, vui lòng chụp lại.',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'awaiting_completion' });
    const mail = await mailTo(testCitizens.an.email, new RegExp(`Yêu cầu bổ sung.*${code}`));
    expect(mail.text).toContain('1. Giấy khai sinh');
    expect(mail.text).toContain('Bản scan giấy khai sinh bị mờ');
    expect(mail.text).toContain('thời hạn giải quyết chưa bắt đầu tính');
    const view = await app.inject({ url: `/portal/dossiers/${code}`, headers });
    expect(view.json()).toMatchObject({
      nationalStatus: 5,
      request: { kind: 'complete', components: [{ code: 'KS', name: 'Giấy khai sinh' }] },
    });
    expect((await decide(code, 'accept')).statusCode).toBe(409);

    const up = await uploadAs(app, headers, minimalPdf('khai sinh ro net'), 'khai-sinh.pdf');
    const fileId = up.json<{ fileId: string }>().fileId;
    const done = await completeWith(app, headers, code, fileId);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ nationalStatus: 1, request: null });
    const twice = await completeWith(app, headers, code, fileId);
    expect(twice.json()).toMatchObject({ code: 'PORTAL.NOT_ASKED' });

    const refused = await decide(code, 'refuse', 'receiver', { reason: 'Văn bằng không do Sở cấp.' });
    expect(refused.statusCode, refused.body).toBe(200);
    const refusal = await mailTo(testCitizens.an.email, new RegExp(`${code} không được tiếp nhận`));
    expect(refusal.text).toContain('Lý do: Văn bằng không do Sở cấp.');
    const after = await app.inject({ url: `/portal/dossiers/${code}`, headers });
    expect(after.json()).toMatchObject({
      nationalStatus: 3,
      refusal: { reason: 'Văn bằng không do Sở cấp.' },
    });
    const history = after.json<{ history: { text: string }[] }>().history.map((l) => l.text);
    expect(history).toEqual([
      'Nộp hồ sơ trực tuyến',
      'Cán bộ tiếp nhận yêu cầu bổ sung, hoàn thiện hồ sơ',
      'Công dân bổ sung, hoàn thiện hồ sơ',
      'Không tiếp nhận hồ sơ',
    ]);
  });

  it('reminds the receiving unit once when the check time passes undecided', async () => {
    const { code } = await submitAt('2026-12-01T09:00');
    const mail = await mailTo('receiver@motcua.local', new RegExp(`${code} đã đến hạn kiểm tra`));
    expect(mail.text).toContain(`/truc-tuyen/${code}`);
    const rows = await h.db
      .selectFrom('notification')
      .select('key')
      .where('dossier_code', '=', code)
      .execute();
    expect(rows.map((r) => r.key).sort()).toEqual([`online:${code}:check_due`, `online:${code}:submitted`]);
  });

  it('hides a submission from receivers of another unit (404) and refuses other roles (403)', async () => {
    const { code } = await submitAt('2026-12-07T09:30');
    const other = await app.inject({
      url: `/online-submissions/${code}`,
      headers: await h.api.as('tn-tinh'),
    });
    expect(other.statusCode).toBe(404);
    expect((await decide(code, 'accept', 'tn-tinh')).statusCode).toBe(404);
    const list = await app.inject({ url: '/online-submissions', headers: await h.api.as('tn-tinh') });
    expect(list.json<{ items: { code: string }[] }>().items.map((i) => i.code)).not.toContain(code);
    expect((await decide(code, 'accept', 'specialist')).statusCode).toBe(403);
    const admin = await app.inject({ url: `/online-submissions/${code}`, headers: await h.api.as('admin') });
    expect(admin.statusCode).toBe(200);
    const file = admin.json<{ components: { href: string }[] }>().components[0]!;
    const download = await app.inject({ url: file.href, headers: await h.api.as('receiver') });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
  });
});
