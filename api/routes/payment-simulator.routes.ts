import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formatVnIso } from '../../domain/calendar/index.js';
import { verbatimText } from '../../domain/text.js';
import type { Database } from '../../db/database.js';
import { findDossier } from '../../db/dossier.repository.js';
import { findPaymentRequest } from '../../db/payment.repository.js';
import type { AppInstance } from '../app-instance.js';
import { ApiError, errorBodySchema, htmlPageResponse } from '../errors.js';
import {
  simulatorNotFoundPage,
  simulatorPayPage,
  simulatorResultPage,
} from '../pages/payment-simulator-page.js';
import {
  PAYMENT_SIGNATURE_HEADER,
  signPaymentCallback,
  type PaymentCallbackPayload,
} from '../payment-signature.js';
import {
  callbackAnswerSchema,
  PaymentErrorCode,
  paymentRequestView,
  referenceParams,
  type CallbackAnswer,
} from './payment.routes.js';

export interface PaymentSimulatorRoutesDeps {
  db: Database;
  /** HMAC key shared with the provider (`PAYMENT_CALLBACK_SECRET`): the simulator signs with it. */
  secret: string;
}

const simulateBodySchema = z
  .object({
    transactionId: verbatimText(200)
      .optional()
      .describe('Default: a new SIM-<uuid>; give one again to replay a duplicate'),
    amount: z.number().int().positive().optional().describe('Default: the amount requested'),
  })
  // No body at all arrives as null.
  .nullish();

/**
 * The simulated payment provider (development and tests only, never registered in production): its pay
 * page and button, and a JSON trigger, which all exercise the real signed-callback path.
 */
export function registerPaymentSimulatorRoutes(app: AppInstance, deps: PaymentSimulatorRoutesDeps): void {
  /** Plays the provider: signs a confirmation and delivers it to the real callback route. */
  async function simulate(
    reference: string,
    overrides: { transactionId?: string | undefined; amount?: number | undefined } = {},
  ): Promise<{ statusCode: number; body: CallbackAnswer | { code: string; message: string } }> {
    const requested = await findPaymentRequest(deps.db, reference);
    if (!requested)
      throw new ApiError(404, PaymentErrorCode.UNKNOWN_REFERENCE, 'Không tìm thấy yêu cầu thanh toán.');
    const payload: PaymentCallbackPayload = {
      reference,
      amount: overrides.amount ?? requested.amount,
      transactionId: overrides.transactionId ?? `SIM-${randomUUID()}`,
      paidAt: formatVnIso(Date.now()),
    };
    const res = await app.inject({
      method: 'POST',
      url: '/payments/callback',
      headers: { [PAYMENT_SIGNATURE_HEADER]: signPaymentCallback(payload, deps.secret) },
      payload,
    });
    return { statusCode: res.statusCode, body: res.json() };
  }

  app.get(
    '/payments/simulator/:reference',
    {
      schema: {
        operationId: 'getPaymentSimulatorPage',
        tags: ['payments (simulator)'],
        summary: 'Development only: the pay page of the simulated provider (HTML, "Thanh toán" button)',
        params: referenceParams,
        produces: ['text/html'],
        response: {
          200: htmlPageResponse('The pay page'),
          400: errorBodySchema,
          404: htmlPageResponse('No such payment request'),
        },
      },
    },
    async (request, reply) => {
      const requested = await findPaymentRequest(deps.db, request.params.reference);
      void reply.type('text/html; charset=utf-8');
      if (!requested) return reply.status(404).send(simulatorNotFoundPage());
      const dossier = await findDossier(deps.db, requested.dossier_code);
      const view = paymentRequestView(requested, dossier?.state.payment);
      return reply.send(
        simulatorPayPage({
          reference: view.reference,
          dossierCode: requested.dossier_code,
          description: view.description,
          amount: view.amount,
          status: view.status,
          method: view.method,
          transactionId: view.transactionId,
          cancelReason: view.cancelReason,
        }),
      );
    },
  );

  // Forms post application/x-www-form-urlencoded: parsed here only, not by the rest of the API.
  void app.register((child: AppInstance, _opts, done) => {
    child.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, text, parsed) => parsed(null, Object.fromEntries(new URLSearchParams(String(text)))),
    );

    child.post(
      '/payments/simulator/:reference/pay',
      {
        schema: {
          operationId: 'simulatePayment',
          tags: ['payments (simulator)'],
          summary:
            'Development only: the simulated provider pays the request and sends its signed callback; ' +
            'answers what the callback answered',
          params: referenceParams,
          body: simulateBodySchema,
          response: {
            200: callbackAnswerSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            404: errorBodySchema,
            409: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const answer = await simulate(request.params.reference, request.body ?? {});
        // The callback's own status and body, as the provider would have seen them.
        return reply.status(answer.statusCode as 200).send(answer.body as CallbackAnswer);
      },
    );

    child.post(
      '/payments/simulator/:reference',
      {
        schema: {
          operationId: 'submitPaymentSimulatorPage',
          tags: ['payments (simulator)'],
          summary: 'Development only: the "Thanh toán" button of the simulator page (HTML answer)',
          params: referenceParams,
          produces: ['text/html'],
          // The page tells what the signed callback answered, with its status.
          response: {
            200: htmlPageResponse('Paid'),
            400: errorBodySchema,
            401: htmlPageResponse('The callback was refused'),
            404: htmlPageResponse('No such payment request'),
            409: htmlPageResponse('Already paid, or the amount does not match'),
          },
        },
      },
      async (request, reply) => {
        const { reference } = request.params;
        const answer = await simulate(reference).catch((err: unknown) => {
          if (err instanceof ApiError)
            return { statusCode: err.statusCode, body: { code: err.code, message: err.message } };
          throw err;
        });
        const page =
          answer.statusCode === 200
            ? simulatorResultPage(reference, { ok: true, status: (answer.body as CallbackAnswer).status })
            : simulatorResultPage(reference, {
                ok: false,
                message: (answer.body as { message: string }).message,
              });
        return reply
          .status(answer.statusCode as 200)
          .type('text/html; charset=utf-8')
          .send(page);
      },
    );
    done();
  });
}
