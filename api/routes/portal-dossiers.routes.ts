import { z } from 'zod';
import { formatVnIso } from '../../domain/calendar/index.js';
import { FORM_ERROR, FormNotApplicableError, formPdfFileName } from '../../domain/forms/index.js';
import { findCitizenUploads } from '../../db/citizen-upload.repository.js';
import { findDossier } from '../../db/dossier.repository.js';
import { listCitizenSubmissions, listOnlineSubmissionEvents } from '../../db/online-submission.repository.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf } from '../citizen-session.js';
import { contentDisposition } from '../content-disposition.js';
import { ApiError } from '../errors.js';
import { renderFormPdf } from '../../common/form-pdf.js';
import { createFormsService } from '../forms.service.js';
import {
  citizenDossierSchema,
  citizenDossierView,
  needsActionOf,
  needsActionValues,
  portalCodeParams,
  portalErrors,
} from '../portal/citizen-dossier.js';
import type { PortalDeps } from '../portal/deps.js';
import { submissionFiles } from '../portal/submission-files.js';
import { submissionForm } from '../portal/submission-forms.js';
import { streamCitizenUpload } from '../portal/file-download.js';
import { citizenSubmission, portalNotFound } from '../portal/online-access.js';
import { streamResultFile } from './result-file.routes.js';

const tags = ['citizen portal'];

const listItemSchema = z.object({
  code: z.string(),
  procedureName: z.string(),
  submittedAt: z.string(),
  nationalStatus: z.number().int(),
  statusLabel: z.string(),
  appointmentAt: z.string().nullable(),
  needsAction: z.enum(needsActionValues).nullable(),
});

/** Form names of the portal and the dossier forms they are. */
const portalForms = { receipt: 'receipt', guidance: 'supplement', refusal: 'refusal' } as const;

/**
 * The citizen's dossiers (filed online): the list, one dossier, its files, forms and result. Every
 * `/portal/dossiers/:code…` answers 404 `PORTAL.NOT_FOUND` unless the citizen filed it.
 */
export function registerPortalDossierRoutes(app: AppInstance, deps: PortalDeps): void {
  const forms = createFormsService(deps.db, { ruleSetSwitchDate: deps.ruleSetSwitchDate });
  const authenticate = deps.citizens.authenticate;

  app.get(
    '/portal/dossiers',
    {
      preHandler: authenticate,
      schema: {
        operationId: 'portalDossiers',
        tags,
        summary: "The citizen's dossiers, newest first",
        response: { 200: z.object({ items: z.array(listItemSchema) }), ...portalErrors },
      },
    },
    async (request) => {
      const rows = await listCitizenSubmissions(deps.db, citizenOf(request).personalId);
      const items = await Promise.all(
        rows.map(async (row) => {
          const view = await citizenDossierView(deps.db, row);
          return {
            code: row.code,
            procedureName: row.procedure_name,
            submittedAt: formatVnIso(row.submitted_at.getTime()),
            nationalStatus: view.nationalStatus,
            statusLabel: view.statusLabel,
            appointmentAt: view.appointmentAt,
            needsAction: needsActionOf(view),
          };
        }),
      );
      return { items };
    },
  );

  app.get(
    '/portal/dossiers/:code',
    {
      preHandler: authenticate,
      schema: {
        operationId: 'portalDossier',
        tags,
        summary: 'One of the citizen’s dossiers: status, history, requests, payment, result, rating',
        params: portalCodeParams,
        response: { 200: citizenDossierSchema, ...portalErrors },
      },
    },
    async (request) =>
      citizenDossierView(deps.db, await citizenSubmission(deps.db, request.params.code, citizenOf(request))),
  );

  app.get(
    '/portal/dossiers/:code/files/:fileId',
    {
      preHandler: authenticate,
      schema: {
        operationId: 'portalDossierFile',
        tags,
        summary: 'A file the citizen filed with the dossier',
        params: portalCodeParams.extend({ fileId: z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp là SHA-256') }),
        response: { 200: z.any().describe('The file'), ...portalErrors },
      },
    },
    async (request, reply) => {
      const citizen = citizenOf(request);
      const row = await citizenSubmission(deps.db, request.params.code, citizen);
      const { fileId } = request.params;
      const files = submissionFiles(row, await listOnlineSubmissionEvents(deps.db, row.code));
      const upload = files.some((f) => f.fileId === fileId)
        ? (await findCitizenUploads(deps.db, citizen.personalId, [fileId])).get(fileId)
        : undefined;
      if (!upload) throw portalNotFound();
      return streamCitizenUpload(reply, deps.fileStore, upload);
    },
  );

  app.get(
    '/portal/dossiers/:code/forms/:form',
    {
      preHandler: authenticate,
      schema: {
        operationId: 'portalDossierForm',
        tags,
        summary: 'A numbered form of the dossier as PDF: receipt slip, guidance (Mẫu 02), refusal (Mẫu 03)',
        params: portalCodeParams.extend({ form: z.enum(['receipt', 'guidance', 'refusal']) }),
        response: { 200: z.any().describe('PDF'), ...portalErrors },
      },
    },
    async (request, reply) => {
      const row = await citizenSubmission(deps.db, request.params.code, citizenOf(request));
      const kind = portalForms[request.params.form];
      const dossier = row.status === 'accepted' ? await findDossier(deps.db, row.code) : undefined;
      const submissionKind = kind === 'receipt' ? null : kind;
      const ofSubmission = () => {
        if (!submissionKind) {
          throw new ApiError(
            409,
            FORM_ERROR.NOT_APPLICABLE,
            'Hồ sơ chưa được tiếp nhận nên chưa có biểu mẫu này.',
          );
        }
        return submissionForm(deps.db, row, submissionKind, { ruleSetSwitchDate: deps.ruleSetSwitchDate });
      };
      // A dossier's form; before acceptance (or for the completion requests made before it) the
      // submission's own numbered refusal or completion request.
      const form = await (dossier ? forms.dossierForm(dossier, kind) : ofSubmission())
        .catch((err: unknown) => {
          if (dossier && err instanceof FormNotApplicableError && kind === 'supplement')
            return ofSubmission();
          throw err;
        })
        .catch((err: unknown) => {
          if (err instanceof FormNotApplicableError)
            throw new ApiError(409, FORM_ERROR.NOT_APPLICABLE, err.message);
          throw err;
        });
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(formPdfFileName(form), 'inline'))
        .header('cache-control', 'private, no-store')
        .send(await renderFormPdf(form));
    },
  );

  app.get(
    '/portal/dossiers/:code/result',
    {
      preHandler: authenticate,
      schema: {
        operationId: 'portalDossierResult',
        tags,
        summary: 'The result file once the result is returned (national status 10)',
        params: portalCodeParams,
        response: { 200: z.any().describe('The result file'), ...portalErrors },
      },
    },
    async (request, reply) => {
      const row = await citizenSubmission(deps.db, request.params.code, citizenOf(request));
      const dossier = row.status === 'accepted' ? await findDossier(deps.db, row.code) : undefined;
      if (dossier?.state.phase !== 'returned' || !dossier.state.result) {
        throw new ApiError(
          409,
          'PORTAL.RESULT_NOT_READY',
          'Hồ sơ chưa được trả kết quả nên chưa tải được tệp kết quả.',
        );
      }
      return streamResultFile(reply, deps, dossier);
    },
  );
}
