import { z } from 'zod';
import { VNPAY_PROVIDER, vnpayPayLink } from '../../domain/payment/links.js';
import { findDossier } from '../../db/dossier.repository.js';
import { listPaymentRequests } from '../../db/payment.repository.js';
import { insertRating } from '../../db/rating.repository.js';
import { RATING_COMMENT_MAX, ratingLevels } from '../../db/rating.table.js';
import { safeText } from '../../domain/text.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf } from '../citizen-session.js';
import { ApiError } from '../errors.js';
import { completeSubmission, sendSupplement } from '../portal/citizen-actions.js';
import {
  citizenDossierSchema,
  citizenDossierView,
  portalCodeParams,
  portalErrors,
} from '../portal/citizen-dossier.js';
import { componentFilesSchema } from '../portal/component-files.js';
import type { PortalDeps } from '../portal/deps.js';
import { citizenSubmission } from '../portal/online-access.js';

const tags = ['citizen portal'];
const filesBody = z.object({
  components: componentFilesSchema.refine((c) => c.length > 0, 'Chọn ít nhất một tệp'),
  note: safeText({ max: 2000, multiline: true }).optional(),
});

/** What the citizen does on one of their dossiers: complete, supplement, pay, rate. */
export function registerPortalDossierActionRoutes(app: AppInstance, deps: PortalDeps): void {
  const csrf = deps.citizens.requireCsrf;

  for (const [path, act, summary] of [
    ['complete', completeSubmission, 'Complete the submission after the desk asked (before acceptance)'],
    ['supplement', sendSupplement, 'Send the supplement a processing dossier waits for'],
  ] as const) {
    app.post(
      `/portal/dossiers/:code/${path}`,
      {
        preHandler: csrf,
        schema: {
          operationId: path === 'complete' ? 'portalComplete' : 'portalSupplement',
          tags,
          summary,
          params: portalCodeParams,
          body: filesBody,
          response: { 200: citizenDossierSchema, ...portalErrors },
        },
      },
      async (request) => {
        const citizen = citizenOf(request);
        const row = await citizenSubmission(deps.db, request.params.code, citizen);
        await act(deps, citizen, row, request.body);
        return citizenDossierView(deps.db, await citizenSubmission(deps.db, row.code, citizen));
      },
    );
  }

  app.post(
    '/portal/dossiers/:code/payment',
    {
      preHandler: csrf,
      schema: {
        operationId: 'portalPay',
        tags,
        summary: "The payment gateway's pay link of the pending fee",
        params: portalCodeParams,
        response: { 200: z.object({ payUrl: z.string() }), ...portalErrors },
      },
    },
    async (request) => {
      const row = await citizenSubmission(deps.db, request.params.code, citizenOf(request));
      const pending =
        row.status === 'accepted'
          ? (await listPaymentRequests(deps.db, row.code)).find((p) => p.status === 'pending' && p.pay_url)
          : undefined;
      if (!pending?.pay_url)
        throw new ApiError(409, 'PORTAL.NOTHING_TO_PAY', 'Hồ sơ không có khoản phí nào chờ nộp.');
      // Our stable link, on the address this API is reached at (the worker's stored one names its own).
      return {
        payUrl:
          pending.provider === VNPAY_PROVIDER
            ? vnpayPayLink(deps.publicBaseUrl, pending.reference)
            : pending.pay_url,
      };
    },
  );

  app.post(
    '/portal/dossiers/:code/rating',
    {
      preHandler: csrf,
      schema: {
        operationId: 'portalRate',
        tags,
        summary: 'Rate the handling of a returned dossier (once)',
        params: portalCodeParams,
        body: z.object({
          level: z.enum(ratingLevels),
          comment: safeText({ max: RATING_COMMENT_MAX, multiline: true }).optional(),
        }),
        response: {
          201: z.object({ level: z.enum(ratingLevels), comment: z.string().nullable() }),
          ...portalErrors,
        },
      },
    },
    async (request, reply) => {
      const row = await citizenSubmission(deps.db, request.params.code, citizenOf(request));
      const dossier = row.status === 'accepted' ? await findDossier(deps.db, row.code) : undefined;
      if (dossier?.state.phase !== 'returned') {
        throw new ApiError(409, 'PORTAL.RATING_NOT_OPEN', 'Chỉ đánh giá được khi hồ sơ đã được trả kết quả.');
      }
      const rated = await insertRating(deps.db, {
        dossier_code: row.code,
        tenant: row.tenant,
        level: request.body.level,
        comment: request.body.comment ?? null,
        rated_at: new Date(deps.now()),
      });
      if (!rated) throw new ApiError(409, 'PORTAL.ALREADY_RATED', 'Hồ sơ này đã được đánh giá.');
      return reply.status(201).send({ level: rated.level, comment: rated.comment });
    },
  );
}
