import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { MAX_YEAR, MIN_YEAR, parseIsoDate } from '../../domain/calendar/index.js';
import {
  dossierFormByNumber,
  dossierFormKinds,
  dossierFormListItemSchema,
  dossierFormSchema,
  FORM_ERROR,
  FormNotApplicableError,
  formPdfFileName,
  registerFormSchema,
  renderFormHtml,
  supplementFormSchema,
  type AnyForm,
  type DossierFormKind,
} from '../../domain/forms/index.js';
import type { Database } from '../../db/database.js';
import type { DossierRow } from '../../db/dossier.table.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks, type Principal } from '../auth.js';
import { contentDisposition } from '../content-disposition.js';
import { ApiError, badRequest, errorBodySchema } from '../errors.js';
import { renderFormPdf } from '../../common/form-pdf.js';
import { createFormsService } from '../forms.service.js';

export interface FormRoutesDeps {
  db: Database;
  auth: AuthHooks;
  /** The dossier of the officer's tenant, or 404 (as `getDossier`). */
  loadDossier(code: string, principal: Principal): Promise<DossierRow>;
  /** First receipt date of the Decree 118/2025 rule set (config `RULE_SET_SWITCH_DATE`). */
  ruleSetSwitchDate?: string | undefined;
}

/** A dossier form's name in the path: its kind, or (older links) its Circular 01/2018 number. */
const formName = z.enum([...dossierFormKinds, ...Object.keys(dossierFormByNumber)], {
  error: `Biểu mẫu của hồ sơ là một trong: ${dossierFormKinds.join(', ')} (sổ theo dõi hồ sơ: GET /forms/06)`,
});

const secured = { security: [{ bearerAuth: [] }] };
export const formatQuery = z
  .enum(['json', 'html', 'pdf'], { error: 'Định dạng là json, html hoặc pdf' })
  .default('json')
  .describe(
    'json: the typed form model; html: a printable document; pdf: the same document as PDF, on the ' +
      "form's paper (A5 slips, A4 landscape register), Vietnamese font embedded",
  );
type FormFormat = z.output<typeof formatQuery>;
const isoDay = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} có dạng YYYY-MM-DD (ngày theo giờ Việt Nam)`)
    .refine((s) => {
      const ymd = parseIsoDate(s);
      return ymd !== undefined && ymd.year >= MIN_YEAR && ymd.year <= MAX_YEAR;
    }, `${field} không phải là một ngày hợp lệ`);

/** Mẫu 02: which supplement (or completion) request, 1-based. */
export const supplementRequestQuery = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .optional()
  .describe('Mẫu 02: which supplement request (1-based); default the last');

/** Longest period of one register: a reporting year plus the plan's cut-off overlap. */
const MAX_REGISTER_DAYS = 400;

/** The 200 answer: the form model in JSON, its HTML document or its PDF. */
export const formAnswer = (schema: z.ZodType, what: string) => ({
  description:
    `${what}: the typed form model (format=json), a printable HTML document (format=html) or its PDF ` +
    '(format=pdf, shown inline; the same form gives the same bytes)',
  content: {
    'application/json': { schema },
    'text/html': { schema: z.string() },
    'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
  },
});

/** The form as asked: the model (JSON), its HTML, or its PDF with a download name. */
export async function answer(reply: FastifyReply, format: FormFormat, form: AnyForm): Promise<unknown> {
  switch (format) {
    case 'json':
      return form;
    case 'html':
      return reply.type('text/html; charset=utf-8').send(renderFormHtml(form));
    case 'pdf':
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(formPdfFileName(form), 'inline'))
        .send(await renderFormPdf(form));
  }
}

export function notApplicable(err: unknown): never {
  if (err instanceof FormNotApplicableError) throw new ApiError(409, FORM_ERROR.NOT_APPLICABLE, err.message);
  throw err;
}

/** Legal forms: the forms of a dossier, the tracking register of a period, the desk's guidance. */
export function registerFormRoutes(app: AppInstance, deps: FormRoutesDeps): void {
  const forms = createFormsService(deps.db, { ruleSetSwitchDate: deps.ruleSetSwitchDate });

  app.get(
    '/dossiers/:code/forms',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listDossierForms',
        tags: ['forms'],
        summary:
          "The forms of a dossier's set, with their printed numbers and titles and whether each applies",
        description:
          "The set is that of the dossier's rule set (Circular 01/2018/TT-VPCP under Decree 61/2018, Circular " +
          '03/2025/TT-VPCP under Decree 118/2025). `number`, `label` and `title` are what the form prints; ' +
          '`available` is true exactly when `getDossierForm` answers 200 for that kind (else 409). Officers of ' +
          'the tenant, as `getDossier`.',
        ...secured,
        params: z.object({ code: safeName(100) }),
        response: {
          200: z.array(dossierFormListItemSchema),
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => forms.dossierForms(await deps.loadDossier(request.params.code, principalOf(request))),
  );

  app.get(
    '/dossiers/:code/forms/:form',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'getDossierForm',
        tags: ['forms'],
        summary: 'A legal form of a dossier, filled from the dossier and its history, with its number',
        description:
          '`form` is the stable name of the form: receipt (slip with appointment), supplement (guidance), ' +
          'refusal, apology (with a new appointment or extension), stop_notice (Circular 03/2025 only), ' +
          "control_sheet (every handover). The printed number and title are those of the dossier's set " +
          '(`listDossierForms`): Circular 03/2025/TT-VPCP numbers the control sheet 06. The Circular 01/2018 ' +
          'numbers 01–05 are accepted as older names. A form that does not apply (a refusal slip for a dossier ' +
          'never refused, an apology without one…) is 409 `FORM.NOT_APPLICABLE`. Officers of the tenant, as ' +
          '`getDossier`.',
        ...secured,
        params: z.object({ code: safeName(100), form: formName }),
        querystring: z.object({
          format: formatQuery,
          request: supplementRequestQuery,
        }),
        response: {
          200: formAnswer(dossierFormSchema, 'The form'),
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const row = await deps.loadDossier(request.params.code, principalOf(request));
      const { form: name } = request.params;
      const kind = dossierFormByNumber[name] ?? (name as DossierFormKind);
      const form = await forms
        .dossierForm(row, kind, { request: request.query.request })
        .catch(notApplicable);
      return answer(reply, request.query.format, form);
    },
  );

  app.get(
    '/forms/06',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'getTrackingRegister',
        tags: ['forms'],
        summary: 'Tracking register (Sổ theo dõi hồ sơ, Mẫu 06) of the dossiers received in a period',
        description:
          'One line per dossier of the tenant received from `from` to `to` (Vietnam local dates, inclusive). ' +
          'The set printed is the one in force on `to` (Circular 03/2025/TT-VPCP numbers the register 07).',
        ...secured,
        querystring: z.object({
          from: isoDay('Ngày bắt đầu'),
          to: isoDay('Ngày kết thúc'),
          format: formatQuery,
        }),
        response: {
          200: formAnswer(registerFormSchema, 'The register'),
          400: errorBodySchema,
          401: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { from, to, format } = request.query;
      if (from > to) {
        throw badRequest('query.to', 'Ngày kết thúc không được trước ngày bắt đầu.', 'FORM.INVALID_PERIOD');
      }
      const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
      if (days > MAX_REGISTER_DAYS) {
        throw badRequest(
          'query.to',
          `Mỗi lần xem tối đa ${MAX_REGISTER_DAYS} ngày của sổ theo dõi hồ sơ.`,
          'FORM.INVALID_PERIOD',
        );
      }
      const form = await forms.register(principalOf(request).tenant, from, to);
      return answer(reply, format, form);
    },
  );

  app.get(
    '/receipt-guidances/:id/form',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'getReceiptGuidanceForm',
        tags: ['forms'],
        summary:
          'Mẫu 02 of the guidance given at the desk for an incomplete dossier (no dossier was created)',
        description:
          'The guidance id is the `guidanceId` of the 422 `DOSSIER.INCOMPLETE` answer of `receiveDossier`.',
        ...secured,
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        querystring: z.object({ format: formatQuery }),
        response: {
          200: formAnswer(supplementFormSchema, 'The guidance'),
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const form = await forms.guidanceForm(principalOf(request).tenant, request.params.id);
      return answer(reply, request.query.format, form);
    },
  );
}
