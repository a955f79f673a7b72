import { expect } from 'vitest';
import type { AppInstance } from '../../api/app.js';
import { loginAs } from './app.js';

/** The straight-through procedure used by most tests: correction of diploma content, 5 working days. */
export const CORRECTION = {
  code: '2.001914.000.00.00.H42',
  components: ['DON', 'VB', 'HT', 'KS', 'GTTT'],
};

export const applicant = {
  fullName: 'Nguyễn Văn Ân',
  idNumber: '036090001234',
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
      body: { procedureCode?: string; components?: string[]; applicant?: object } = {},
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
  await ok(api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' }));
  return ok(api.act(code, 'return', 'receiver', {}));
}
