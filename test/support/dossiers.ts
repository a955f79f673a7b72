import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { AppInstance } from '../../api/app.js';
import { addDays, parseIsoInstant, toVnDate } from '../../domain/calendar/index.js';
import { loginAs } from './app.js';
import { minimalPdf } from './pdf.js';
import { procedureCode } from './catalog.js';

/** The straight-through procedure used by most tests: correction of diploma content, 5 working days. */
export const CORRECTION = {
  code: procedureCode('3.000466'),
  components: ['DON', 'VB', 'HT', 'KS', 'GTTT'],
};

export const applicant = {
  fullName: 'Nguyễn Văn Ân',
  idNumber: '036090001234',
  address: 'Số 12 đường Trần Hưng Đạo, phường Nam Định, tỉnh Ninh Bình',
  email: 'an.nguyen@example.vn',
  phone: '0912 345 678',
};

export interface DossierBody {
  code: string;
  status: number;
  phase: string;
  appointmentAt: string;
  currentStep: { stepId: string; kind: string | null; division: string | null } | null;
  [key: string]: unknown;
}

/** Drives the API as the seeded dev users (one login per user per file). */
export function apiDriver(app: AppInstance) {
  const headers = new Map<string, { authorization: string }>();
  const as = async (username: string) => {
    if (!headers.has(username)) headers.set(username, await loginAs(app, username));
    return headers.get(username)!;
  };
  return {
    as,
    async receive(
      body: {
        procedureCode?: string;
        components?: string[];
        applicant?: object;
        returnTo?: object;
        copies?: number;
      } = {},
      extraHeaders: Record<string, string> = {},
      username = 'receiver',
    ) {
      return app.inject({
        method: 'POST',
        url: '/dossiers',
        headers: { ...(await as(username)), ...extraHeaders },
        payload: {
          procedureCode: body.procedureCode ?? CORRECTION.code,
          applicant: body.applicant ?? applicant,
          components: body.components ?? CORRECTION.components,
          ...(body.returnTo ? { returnTo: body.returnTo } : {}),
          ...(body.copies !== undefined ? { copies: body.copies } : {}),
        },
      });
    },
    async act(
      code: string,
      path: string,
      username: string,
      payload: object = {},
      extraHeaders: Record<string, string> = {},
    ) {
      return app.inject({
        method: 'POST',
        url: `/dossiers/${encodeURIComponent(code)}/${path}`,
        headers: { ...(await as(username)), ...extraHeaders },
        payload,
      });
    },
    /** Uploads the digitised result file at the digitisation step. */
    async upload(code: string, username: string, stepId: string, data: Buffer, filename = 'ket-qua.pdf') {
      const body = multipartForm([
        { name: 'stepId', value: stepId },
        { name: 'file', filename, data },
      ]);
      return app.inject({
        method: 'POST',
        url: `/dossiers/${encodeURIComponent(code)}/result-file`,
        headers: { ...(await as(username)), ...body.headers },
        payload: body.payload,
      });
    },
    async get(code: string, username = 'auditor') {
      return app.inject({ url: `/dossiers/${encodeURIComponent(code)}`, headers: await as(username) });
    },
    async history(code: string, username = 'auditor') {
      return app.inject({
        url: `/dossiers/${encodeURIComponent(code)}/history`,
        headers: await as(username),
      });
    },
  };
}

export type ApiDriver = ReturnType<typeof apiDriver>;

/** Performs an action that must succeed and returns the dossier. */
export async function ok(
  res: Promise<{ statusCode: number; body: string; json<T>(): T }>,
): Promise<DossierBody> {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json<DossierBody>();
}

/** Walks a received dossier of the correction procedure to its return; returns the final body. */
export async function walkCorrection(api: ApiDriver, code: string): Promise<DossierBody> {
  await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  await ok(api.act(code, 'complete', 'head', { stepId: 'phan-cong' }));
  await ok(api.act(code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'specialist' }));
  await ok(api.act(code, 'complete', 'specialist', { stepId: 'tham-dinh', note: 'Hồ sơ hợp lệ' }));
  await ok(api.act(code, 'complete', 'head', { stepId: 'xem-xet' }));
  await ok(api.act(code, 'approve', 'deputy', { stepId: 'ky-duyet' }));
  // The decision is a document: its digitised file comes before "result ready".
  const upload = await api.upload(code, 'vanthu', 'so-hoa-ket-qua', samplePdf(`Quyet dinh ${code}`));
  expect(upload.statusCode, upload.body).toBe(200);
  await ok(api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' }));
  return ok(api.act(code, 'return', 'receiver', {}));
}

/** The API's dossier view with the fields the path and route tests read (see `api/dossier-view.ts`). */
export interface DossierDetail extends DossierBody {
  procedure: { code: string; version: number; name: string; resultSigning: { seal: boolean } | null };
  receivedAt: string;
  originalAppointmentAt: string;
  calendarVersion: number;
  ruleSet: 'ND61_2018' | 'ND118_2025';
  desk: { receivingUnit: string; returnMethod: string; returnUnit: string; currentUnit: string | null };
  currentStep: {
    stepId: string;
    index: number;
    kind: string | null;
    division: string | null;
    role: string | null;
    startedAt: string;
    deadline: string;
    assignee: { officerId: string; username: string; fullName: string } | null;
  } | null;
  clock: {
    running: boolean;
    paused: boolean;
    supplementRequests: number;
    multipleSupplements: boolean;
    pauses: {
      requestedAt: string;
      resumedAt: string | null;
      reason: string;
      items: string[];
      pausedWorkingMinutes: number | null;
    }[];
  };
  overdue: boolean;
  payment: { reference: string; amount: number; status: 'pending' | 'paid'; method: string | null } | null;
  result: {
    fileId: string;
    sha256: string;
    fileName: string;
    mediaType: string;
    size: number;
    signatures: {
      kind: 'approval' | 'seal';
      signedAt: string;
      signedBy: string;
      signerName: string;
      certificate: string;
    }[];
    signing: 'approval' | 'seal' | null;
  } | null;
  liaison: { requestId: string; status: 'waiting' | 'answered'; late: boolean; answer: string | null } | null;
  resultReadyAt: string | null;
  finishedAt: string | null;
  outcome: string | null;
}

/** `GET /dossiers/:code/history`. */
export interface HistoryBody {
  items: {
    seq: number;
    at: string;
    type: string;
    actor: { username: string | null; role: string | null; name: string | null };
    stepId: string | null;
    fromStatus: number | null;
    toStatus: number;
    fromStepId: string | null;
    toStepId: string | null;
    onTime: string | null;
    payload: Record<string, unknown>;
    hash: string;
  }[];
  chainValid: boolean;
  brokenAtSeq: number | null;
  rejected: {
    at: string;
    actor: string | null;
    role: string | null;
    action: string;
    code: string;
    message: string;
  }[];
}

/** The history of a dossier, checked to answer 200. */
export async function historyOf(api: ApiDriver, code: string): Promise<HistoryBody> {
  const res = await api.history(code);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<HistoryBody>();
}

/** The dossier view, checked to answer 200. */
export async function dossierOf(api: ApiDriver, code: string): Promise<DossierDetail> {
  const res = await api.get(code);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DossierDetail>();
}

/** The dev user who does the work of a step of the seeded procedures, by the step's division and role. */
const doers: Record<string, string> = {
  'BPMC:receiver': 'receiver',
  'QLCL:head': 'head',
  'QLCL:specialist': 'specialist',
  'GDTRH:head': 'head2',
  'GDTRH:specialist': 'specialist2',
  'BGD:deputy': 'deputy',
  'BGD:director': 'director',
  'VP:specialist': 'vanthu',
};

/** The dev receiver of each seeded receiving unit: who works a desk step held by that unit. */
export const deskReceivers: Record<string, string> = {
  BPMC: 'receiver',
  TTPVHCC: 'tn-tinh',
  'TTPVHCC-ND': 'tn-namdinh',
  'XA-HAIHAU': 'tn-haihau',
};

/** The route that finishes a step of each kind. */
const finishingRoute: Record<string, string> = {
  receipt: 'complete',
  handling: 'complete',
  liaison: 'complete',
  payment: 'cash-payment',
  approval: 'approve',
  digitisation: 'result-ready',
  return: 'return',
};

/** Finishes the dossier's current step as the dev user of its division and role; returns the new view. */
export async function finishCurrentStep(api: ApiDriver, dossier: DossierDetail): Promise<DossierDetail> {
  const step = dossier.currentStep;
  if (!step) throw new Error(`${dossier.code} has no current step`);
  const unit = dossier.desk.currentUnit;
  const username = unit ? deskReceivers[unit] : doers[`${step.division}:${step.role}`];
  const path = finishingRoute[step.kind ?? ''];
  if (!username || !path) throw new Error(`no dev user for ${step.stepId} (${step.division}:${step.role})`);
  const signing = dossier.procedure.resultSigning;
  // A paper result's scan at the digitisation step; a signed result's draft before the approval.
  if ((signing ? step.kind === 'approval' : step.kind === 'digitisation') && !dossier.result) {
    const upload = await api.upload(dossier.code, username, step.stepId, samplePdf());
    expect(upload.statusCode, upload.body).toBe(200);
  }
  if (signing && step.kind === 'digitisation') {
    await signedAs(api, dossier.code, 'approval');
    if (signing.seal) {
      await ok(api.act(dossier.code, 'seal', username, { stepId: step.stepId }));
      await signedAs(api, dossier.code, 'seal');
    }
  }
  const body =
    path === 'return'
      ? {}
      : path === 'cash-payment'
        ? { stepId: step.stepId, amount: dossier.payment?.amount ?? 10_000, receiptNumber: 'BL-TEST-0001' }
        : { stepId: step.stepId };
  return (await ok(api.act(dossier.code, path, username, body))) as DossierDetail;
}

/** Waits until the workflow's signing activity has made the result's signature of that kind. */
export async function signedAs(
  api: ApiDriver,
  code: string,
  kind: 'approval' | 'seal',
  timeoutMs = 30_000,
): Promise<DossierDetail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dossier = await dossierOf(api, code);
    if (dossier.result?.signatures.some((s) => s.kind === kind)) return dossier;
    if (Date.now() > until) throw new Error(`${code}: no ${kind} signature after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A small, valid one-page PDF: the digitised result of a test dossier. */
export function samplePdf(text = 'Ket qua giai quyet TTHC'): Buffer {
  return minimalPdf(text);
}

export type FormPart =
  { name: string; value: string } | { name: string; filename: string; contentType?: string; data: Buffer };

/** A multipart/form-data body as a browser sends it (file names as raw UTF-8). */
export function multipartForm(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----motcua${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          `Content-Type: ${part.contentType ?? 'application/pdf'}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'value' in part ? Buffer.from(part.value) : part.data);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Finishes steps until the dossier is at `stepId` (or, with `null`, until it has left the process). */
export async function walkTo(
  api: ApiDriver,
  dossier: DossierDetail,
  stepId: string | null,
): Promise<DossierDetail> {
  let current = dossier;
  while ((current.currentStep?.stepId ?? null) !== stepId) current = await finishCurrentStep(api, current);
  return current;
}

/** A working weekday (Tue–Thu) at least a week after `iso`'s date: a valid new appointment day. */
export function dayAfter(iso: string): string {
  let day = addDays(toVnDate(parseIsoInstant(iso)!), 7);
  while (![2, 3, 4].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}
