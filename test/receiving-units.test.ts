/**
 * The 2025 one-stop model on the real stack: a dossier received at a commune point, handled by the Sở and
 * returned at another point; who may work the desk steps and who sees the dossier; the rule set of the
 * receipt date; applicant data refused with the field named and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createNotificationActivities } from '../activities/notification.activities.js';
import { createMailer } from '../common/mailer.js';
import type { DossierNotice } from '../domain/dossier/notices.js';
import { toVnDate } from '../domain/calendar/index.js';
import type { AppInstance } from '../api/app.js';
import { buildTestApp } from './support/app.js';
import { procedureCode, seededProcedure } from './support/catalog.js';
import {
  apiDriver,
  applicant,
  CORRECTION,
  dossierOf,
  historyOf,
  ok,
  walkTo,
  type DossierDetail,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { startTestSmtp } from './support/smtp.js';
import { eventually } from './support/temporal.js';

let h: DossierHarness;

beforeAll(async () => {
  h = await startDossierHarness();
});
afterAll(async () => {
  await h?.stop();
});

const representative = {
  fullName: 'Trần Thị Bích',
  idNumber: '036190004321',
  authorisation: { document: 'Giấy ủy quyền số 12/2026/UQ', issuedOn: '2026-11-30' },
};

async function receiveAt(username: string, body: Parameters<typeof h.api.receive>[0] = {}) {
  return (await ok(h.api.receive(body, {}, username))) as DossierDetail;
}

describe('a dossier received at a commune point and returned at another point', () => {
  let dossier: DossierDetail;

  beforeAll(async () => {
    dossier = await receiveAt('tn-haihau', {
      applicant: { ...applicant, representative },
      returnTo: { method: 'counter', unit: 'TTPVHCC-ND' },
    });
  });

  it('records where it was received, where the result goes back, the rule set and the applicant', async () => {
    expect(dossier.ruleSet).toBe('ND118_2025');
    expect(dossier.desk).toEqual({
      receivingUnit: 'XA-HAIHAU',
      returnMethod: 'counter',
      returnUnit: 'TTPVHCC-ND',
      currentUnit: 'XA-HAIHAU',
    });
    const view = await dossierOf(h.api, dossier.code);
    expect(view).toMatchObject({
      applicant: { kind: 'citizen', address: applicant.address, representative },
    });
  });

  it('only the receiving point works the receipt step', async () => {
    const byCentre = await h.api.act(dossier.code, 'complete', 'tn-tinh', { stepId: 'tiep-nhan' });
    // An officer of another point does not even see the dossier.
    expect(byCentre.statusCode).toBe(404);
    const bySoDesk = await h.api.act(dossier.code, 'complete', 'receiver', { stepId: 'tiep-nhan' });
    expect(bySoDesk.statusCode).toBe(403);
    expect(bySoDesk.json()).toMatchObject({ code: 'DOSSIER.WRONG_DIVISION' });
  });

  it('goes to the Sở, then to the return point, whose receiver alone returns it', async () => {
    const atReturn = await walkTo(h.api, dossier, 'tra-ket-qua');
    expect(atReturn.desk.currentUnit).toBe('TTPVHCC-ND');
    const byReceivingPoint = await h.api.act(dossier.code, 'return', 'tn-haihau', {});
    expect(byReceivingPoint.statusCode).toBe(403);
    expect(byReceivingPoint.json()).toMatchObject({ code: 'DOSSIER.WRONG_DIVISION' });
    const returned = await ok(h.api.act(dossier.code, 'return', 'tn-namdinh', {}));
    expect(returned).toMatchObject({ phase: 'returned', status: 10 });

    const history = await historyOf(h.api, dossier.code);
    const handovers = history.items.filter((e) => e.fromStepId !== e.toStepId || e.type === 'receive');
    expect(handovers[0]).toMatchObject({ type: 'receive', toStepId: 'tiep-nhan' });
    expect(handovers[0]!.actor?.username).toBe('tn-haihau');
    expect(handovers[1]).toMatchObject({ fromStepId: 'tiep-nhan' });
    expect(handovers[1]!.actor?.username).toBe('tn-haihau');
    expect(handovers.at(-1)).toMatchObject({ type: 'return_result' });
    expect(handovers.at(-1)!.actor?.username).toBe('tn-namdinh');
  });

  it('is seen by the points it concerns and by the Sở, not by another point', async () => {
    const search = async (username: string) => {
      const res = await h.app.inject({
        url: `/dossiers?q=${encodeURIComponent(dossier.code)}`,
        headers: await h.api.as(username),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number }>().total;
    };
    expect(await search('tn-haihau')).toBe(1);
    expect(await search('tn-namdinh')).toBe(1);
    expect(await search('auditor')).toBe(1);
    expect(await search('head')).toBe(1);
    expect(await search('tn-tinh')).toBe(0);
    expect((await h.api.get(dossier.code, 'tn-tinh')).statusCode).toBe(404);
    expect((await h.api.get(dossier.code, 'tn-namdinh')).statusCode).toBe(200);
  });
});

const procedureFee = (nationalCode: string): number => seededProcedure(nationalCode).fee.amount;

describe('a fee paid on filing', () => {
  it('is taken at the point that received the dossier, not at the return point', async () => {
    const dossier = await receiveAt('tn-haihau', {
      procedureCode: procedureCode('3.000465'),
      components: ['DON', 'GTTT'],
      copies: 2,
      returnTo: { method: 'counter', unit: 'TTPVHCC-ND' },
    });
    const atFee = (await ok(
      h.api.act(dossier.code, 'complete', 'tn-haihau', { stepId: 'tiep-nhan' }),
    )) as DossierDetail;
    expect(atFee.currentStep).toMatchObject({ stepId: 'thu-phi', division: 'BPMC' });
    expect(atFee.desk.currentUnit).toBe('XA-HAIHAU');
    // Two copies of the diploma at the procedure's price per copy.
    const amount = 2 * procedureFee('3.000465');
    await eventually(async () =>
      (await dossierOf(h.api, dossier.code)).payment?.amount === amount ? true : undefined,
    );
    const cash = { stepId: 'thu-phi', amount, receiptNumber: 'BL-HH-0001' };
    // The return point sees the dossier (it will return it) but does not take the fee.
    const atReturnPoint = await h.api.act(dossier.code, 'cash-payment', 'tn-namdinh', cash);
    expect(atReturnPoint.statusCode).toBe(403);
    expect(atReturnPoint.json()).toMatchObject({ code: 'DOSSIER.WRONG_DIVISION' });
    await ok(h.api.act(dossier.code, 'cash-payment', 'tn-haihau', cash));
  });
});

describe('a reminder of a desk step', () => {
  it("goes to the receivers of the unit holding the dossier, named after it, not to the Sở's desk", async () => {
    const dossier = await receiveAt('tn-haihau');
    const smtp = await startTestSmtp();
    const mailer = createMailer({ smtpUrl: smtp.url, from: '"Một Cửa" <motcua@localhost>' });
    try {
      const activities = createNotificationActivities({
        db: h.db,
        mailer,
        publicBaseUrl: 'http://motcua.test',
      });
      const notice: DossierNotice = {
        key: `dossier:${dossier.code}:step:tiep-nhan:test:reminder`,
        kind: 'step_reminder',
        audience: { kind: 'step_officers', assignee: null, division: 'BPMC', role: 'receiver' },
        tenant: 'default',
        dossierCode: dossier.code,
        procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
        step: { id: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', division: 'BPMC' },
        stepDeadline: Date.parse(dossier.appointmentAt),
        appointmentAt: Date.parse(dossier.appointmentAt),
        workingMinutesPerDay: 480,
        remainingMinutes: 60,
      };
      await new MockActivityEnvironment().run((n: DossierNotice) => activities.notifyDossier(n), notice);
      const mail = await eventually(() =>
        Promise.resolve(smtp.received.find((m) => m.subject?.includes(dossier.code))),
      );
      expect(mail.to).toMatchObject({ value: [{ address: 'tn-haihau@motcua.local' }] });
      expect(mail.text).toContain('Trung tâm Phục vụ hành chính công xã Hải Hậu');
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});

describe('the desk inbox of a receiving unit', () => {
  it('lists the dossiers at that unit desk now', async () => {
    const dossier = await receiveAt('tn-tinh');
    const res = await h.app.inject({
      url: '/dossiers?deskUnit=TTPVHCC&pageSize=100&sort=deadline',
      headers: await h.api.as('tn-tinh'),
    });
    const codes = res.json<{ items: { code: string }[] }>().items.map((i) => i.code);
    expect(codes).toContain(dossier.code);
  });
});

describe('the rule set of the receipt date', () => {
  let before: AppInstance;

  beforeAll(async () => {
    const tomorrow = toVnDate(Date.now() + 86_400_000);
    before = await buildTestApp(h.db, { ruleSetSwitchDate: tomorrow }, h.worker.taskQueue);
  });
  afterAll(async () => {
    await before?.close();
  });

  it('a dossier received the day before the switch keeps the 2018 rules to its end', async () => {
    const api = apiDriver(before);
    const received = (await ok(api.receive())) as DossierDetail;
    expect(received.ruleSet).toBe('ND61_2018');
    const finished = await walkTo(api, received, null);
    // Handled after the switch by the default app (switch date 2025-07-01): still the 2018 rules.
    expect((await dossierOf(h.api, finished.code)).ruleSet).toBe('ND61_2018');
  });

  it('a dossier received from the switch date on is under Decree 118/2025', async () => {
    expect((await receiveAt('receiver')).ruleSet).toBe('ND118_2025');
  });
});

describe('bad applicant data is refused with the field named, and nothing is stored', () => {
  const cases: { title: string; body: Record<string, unknown>; field: string; code?: string }[] = [
    {
      title: 'an 11-digit CCCD',
      body: { applicant: { ...applicant, idNumber: '03609000123' } },
      field: 'body.applicant.idNumber',
    },
    {
      title: 'a CCCD whose first 3 digits are no province code',
      body: { applicant: { ...applicant, idNumber: '099090001234' } },
      field: 'body.applicant.idNumber',
    },
    {
      title: 'a representative without authorisation',
      body: { applicant: { ...applicant, representative: { ...representative, authorisation: undefined } } },
      field: 'body.applicant.representative.authorisation',
    },
    {
      title: 'a representative with a bad CCCD',
      body: { applicant: { ...applicant, representative: { ...representative, idNumber: '1234' } } },
      field: 'body.applicant.representative.idNumber',
    },
    {
      title: 'an organisation with a CCCD instead of a tax code',
      body: { applicant: { ...applicant, kind: 'organisation' } },
      field: 'body.applicant.idNumber',
    },
    {
      title: 'no address',
      body: { applicant: { ...applicant, address: undefined } },
      field: 'body.applicant.address',
    },
    {
      title: 'a return point the province does not have',
      body: { returnTo: { method: 'counter', unit: 'XA-KHONGCO' } },
      field: 'body.returnTo.unit',
      code: 'DOSSIER.UNKNOWN_RECEIVING_UNIT',
    },
    {
      title: 'a return point with a postal return',
      body: { returnTo: { method: 'post', unit: 'TTPVHCC' } },
      field: 'body.returnTo.unit',
      code: 'DOSSIER.RETURN_UNIT_NOT_APPLICABLE',
    },
    {
      title: 'an online return without e-mail',
      body: { applicant: { ...applicant, email: undefined }, returnTo: { method: 'online' } },
      field: 'body.applicant.email',
      code: 'DOSSIER.EMAIL_REQUIRED',
    },
    {
      title: 'a diploma copy without the number of copies',
      body: { procedureCode: procedureCode('3.000465'), components: ['DON', 'GTTT'] },
      field: 'body.copies',
      code: 'DOSSIER.COPIES_REQUIRED',
    },
    {
      title: 'copies for a procedure not charged per copy',
      body: { copies: 2 },
      field: 'body.copies',
      code: 'DOSSIER.COPIES_NOT_APPLICABLE',
    },
    {
      title: 'zero copies',
      body: { procedureCode: procedureCode('3.000465'), components: ['DON', 'GTTT'], copies: 0 },
      field: 'body.copies',
    },
    {
      // The dossier is incomplete too: the bad return point is refused before any guidance is recorded.
      title: 'an unknown return point on an incomplete dossier',
      body: { components: ['DON'], returnTo: { method: 'counter', unit: 'XA-KHONGCO' } },
      field: 'body.returnTo.unit',
      code: 'DOSSIER.UNKNOWN_RECEIVING_UNIT',
    },
  ];

  /** Dossiers and desk guidance recorded for an applicant of this name. */
  const storedFor = async (name: string) => {
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from dossier where applicant_name = ${name})::int
           + (select count(*) from receipt_guidance where applicant_name = ${name})::int as n`.execute(h.db);
    return rows[0]!.n;
  };

  it.each(cases)('$title → 400 $field', async ({ title, body, field, code }) => {
    const name = `Người nộp thử ${title}`;
    const given = (body.applicant ?? applicant) as Record<string, unknown>;
    const res = await h.app.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await h.api.as('tn-haihau'),
      payload: {
        procedureCode: CORRECTION.code,
        components: CORRECTION.components,
        ...body,
        applicant: { ...given, fullName: name },
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field, code: code ?? 'VALIDATION_FAILED' });
    expect(await storedFor(name)).toBe(0);
  });

  it('an organisation with its tax code and a citizen of another province are received', async () => {
    await receiveAt('tn-haihau', {
      applicant: {
        ...applicant,
        kind: 'organisation',
        fullName: 'Trường THPT Hải Hậu A',
        idNumber: '0600123456-001',
      },
    });
    await receiveAt('tn-haihau', { applicant: { ...applicant, idNumber: '001090001234' } });
  });
});
