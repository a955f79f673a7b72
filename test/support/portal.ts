import type { AppInstance } from '../../api/app.js';
import { openCitizenSession, CITIZEN_SESSION_COOKIE, CSRF_HEADER } from '../../api/citizen-session.js';
import type { CitizenIdentity } from '../../db/citizen.repository.js';
import type { Database } from '../../db/database.js';
import type { CitizenHeaders } from './citizen.js';
import { CORRECTION, multipartForm } from './dossiers.js';
import { minimalPdf } from './pdf.js';

/** A portal session opened at `at` (the app's clock in the test), as the login callback would. */
export async function citizenHeadersAt(
  db: Database,
  who: CitizenIdentity,
  at: number,
): Promise<CitizenHeaders> {
  const { token, csrfToken } = await openCitizenSession(db, who, {
    now: new Date(at),
    maxSessionSeconds: 43_200,
  });
  return { cookie: `${CITIZEN_SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrfToken };
}

/** Uploads `data` as the citizen (multipart, field `file`). */
export function uploadAs(app: AppInstance, headers: CitizenHeaders, data: Buffer, filename = 'giay-to.pdf') {
  const form = multipartForm([{ name: 'file', filename, data }]);
  return app.inject({
    method: 'POST',
    url: '/portal/uploads',
    headers: { ...headers, ...form.headers },
    payload: form.payload,
  });
}

/** The applicant a citizen files for themself. */
export const selfApplicant = (who: CitizenIdentity) => ({
  kind: 'citizen',
  fullName: who.fullName,
  idNumber: who.personalId,
  address: 'Số 12 đường Trần Hưng Đạo, phường Nam Định, tỉnh Ninh Bình',
  email: who.email ?? undefined,
});

/** Uploads one distinct PDF per component of the correction procedure and files it; returns the answer. */
export async function submitCorrection(
  app: AppInstance,
  headers: CitizenHeaders,
  who: CitizenIdentity,
  overrides: Record<string, unknown> = {},
) {
  const components = [];
  for (const code of CORRECTION.components) {
    const res = await uploadAs(
      app,
      headers,
      minimalPdf(`${who.personalId} ${code} ${Math.random()}`),
      `${code}.pdf`,
    );
    if (res.statusCode !== 201) throw new Error(`upload ${code}: ${res.statusCode} ${res.body}`);
    components.push({ code, fileId: res.json<{ fileId: string }>().fileId });
  }
  return app.inject({
    method: 'POST',
    url: '/portal/submissions',
    headers,
    payload: {
      procedureCode: CORRECTION.code,
      receivingUnit: 'BPMC',
      returnMethod: 'online',
      applicant: selfApplicant(who),
      components,
      ...overrides,
    },
  });
}

/** The citizen completes a submission the desk asked to complete: `fileId` replaces component `component`. */
export function completeWith(
  app: AppInstance,
  headers: CitizenHeaders,
  code: string,
  fileId: string,
  component = 'KS',
) {
  return app.inject({
    method: 'POST',
    url: `/portal/dossiers/${encodeURIComponent(code)}/complete`,
    headers,
    payload: { components: [{ code: component, fileId }] },
  });
}
