/**
 * The numbered forms of an online submission the desk decided on before receiving it: its refusal (Mẫu 03)
 * and its completion requests (Mẫu 02), for the citizen on the portal and for the officers in the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { CitizenIdentity } from '../db/citizen.repository.js';
import { buildTestApp } from './support/app.js';
import { testCitizens } from './support/citizen.js';
import { startDossierHarness, type MailingDossierHarness } from './support/harness.js';
import { readPdf } from './support/pdf-reader.js';
import { citizenHeadersAt, submitCorrection } from './support/portal.js';

let h: MailingDossierHarness;
let app: AppInstance;

beforeAll(async () => {
  h = await startDossierHarness({ mail: true });
  app = await buildTestApp(h.db, {}, h.worker.taskQueue);
});

afterAll(async () => {
  await app.close();
  await h.stop();
});

async function submit(who: CitizenIdentity = testCitizens.an) {
  const headers = await citizenHeadersAt(h.db, who, Date.now());
  const res = await submitCorrection(app, headers, who);
  expect(res.statusCode, res.body).toBe(201);
  return { code: res.json<{ code: string }>().code, headers };
}

async function decide(code: string, action: string, payload: object) {
  const res = await app.inject({
    method: 'POST',
    url: `/online-submissions/${code}/${action}`,
    headers: await h.api.as('receiver'),
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const issuesOf = (code: string) =>
  h.db
    .selectFrom('form_issue')
    .select(['form_kind', 'occurrence', 'number', 'symbol', 'issuer_code', 'issued_by', 'dossier_code'])
    .where('online_submission_code', '=', code)
    .orderBy('id')
    .execute();

const officerForm = async (code: string, form: string, query = 'format=json') =>
  app.inject({
    url: `/online-submissions/${code}/forms/${form}?${query}`,
    headers: await h.api.as('receiver'),
  });

describe('forms of an online submission', () => {
  it('numbers the refusal (Mẫu 03) in the refusal transaction and prints it for the citizen and the officers', async () => {
    const { code, headers } = await submit();
    const early = await app.inject({ url: `/portal/dossiers/${code}/forms/refusal`, headers });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'FORM.NOT_APPLICABLE' });

    const reason = 'Văn bằng không do Sở Giáo dục và Đào tạo cấp.';
    await decide(code, 'refuse', { reason });
    const [issue, ...others] = await issuesOf(code);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      form_kind: 'refusal',
      occurrence: 1,
      symbol: 'PTC-BPMC',
      issuer_code: 'BPMC',
      issued_by: 'receiver',
      dossier_code: null,
    });
    const number = `${issue!.number}/PTC-BPMC`;

    const pdf = await app.inject({ url: `/portal/dossiers/${code}/forms/refusal`, headers });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await readPdf(pdf.rawPayload);
    expect(read.text).toContain(number);
    expect(read.text).toContain(reason);
    expect(read.text).toContain(testCitizens.an.fullName);
    expect(read.text).toContain(code);
    expect(read.text).toContain('PHIẾU TỪ CHỐI');

    const json = await officerForm(code, 'refusal');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({
      kind: 'refusal',
      source: 'online_submission',
      documentNumber: number,
      dossierCode: code,
      reasons: [reason],
      applicant: { fullName: testCitizens.an.fullName },
      refuser: { username: 'receiver' },
    });
    const officerPdf = await officerForm(code, 'refusal', 'format=pdf');
    expect(officerPdf.headers['content-type']).toBe('application/pdf');
    expect(officerPdf.rawPayload.equals(pdf.rawPayload)).toBe(true);
    // Refusing again is refused and takes no second number.
    const again = await app.inject({
      method: 'POST',
      url: `/online-submissions/${code}/refuse`,
      headers: await h.api.as('receiver'),
      payload: { reason: 'Lần hai' },
    });
    expect(again.json()).toMatchObject({ code: 'ONLINE.ALREADY_DECIDED' });
    expect(await issuesOf(code)).toHaveLength(1);
    // The unit's series goes on without a gap.
    const next = await submit();
    await decide(next.code, 'refuse', { reason: 'Không thuộc thẩm quyền.' });
    expect((await issuesOf(next.code))[0]?.number).toBe(issue!.number + 1);
  });

  it('numbers each completion request (Mẫu 02) and prints the n-th one', async () => {
    const { code, headers } = await submit(testCitizens.binh);
    const none = await officerForm(code, 'guidance');
    expect(none.json()).toMatchObject({ code: 'FORM.NOT_APPLICABLE' });
    await decide(code, 'request-completion', { components: ['KS'], note: 'Bản scan giấy khai sinh bị mờ.' });
    const [first] = await issuesOf(code);
    expect(first).toMatchObject({ form_kind: 'supplement', occurrence: 1, symbol: 'PBS-BPMC' });

    const form = await officerForm(code, 'guidance');
    expect(form.json()).toMatchObject({
      kind: 'supplement',
      source: 'online_completion',
      documentNumber: `${first!.number}/PBS-BPMC`,
      dossierCode: code,
      reason: 'Bản scan giấy khai sinh bị mờ.',
      items: [{ no: 1, name: 'Giấy khai sinh' }],
      requestIndex: 1,
    });
    const pdf = await app.inject({ url: `/portal/dossiers/${code}/forms/guidance`, headers });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    const text = (await readPdf(pdf.rawPayload)).text;
    expect(text).toContain(`${first!.number}/PBS-BPMC`);
    expect(text).toContain('Giấy khai sinh');
    const beyond = await officerForm(code, 'guidance', 'request=2');
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json()).toMatchObject({ code: 'FORM.UNKNOWN_REQUEST', field: 'query.request' });
    // The receipt slip exists only once the dossier is received.
    const slip = await app.inject({ url: `/portal/dossiers/${code}/forms/receipt`, headers });
    expect(slip.json()).toMatchObject({ code: 'FORM.NOT_APPLICABLE' });
  });

  it('hides a submission’s forms from receivers of another unit', async () => {
    const { code } = await submit();
    await decide(code, 'refuse', { reason: 'Không thuộc thẩm quyền.' });
    const other = await app.inject({
      url: `/online-submissions/${code}/forms/refusal`,
      headers: await h.api.as('tn-tinh'),
    });
    expect(other.statusCode).toBe(404);
  });
});
