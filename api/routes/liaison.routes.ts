import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { safeName, safeText, verbatimText } from '../../domain/text.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import type { LiaisonAnswer } from '../../domain/dossier/index.js';
import type { Database } from '../../db/database.js';
import { findDossier } from '../../db/dossier.repository.js';
import {
  findAppliedLiaisonCallback,
  findLiaisonRequest,
  findPartnerAgency,
  insertLiaisonCallback,
  isAppliedTwiceError,
  listLiaisonCallbacks,
  listLiaisonRequests,
  listPartnerAgencies,
} from '../../db/liaison.repository.js';
import type {
  LiaisonCallbackOutcome,
  LiaisonCallbackRow,
  LiaisonRequestRow,
  PartnerAgencyRow,
} from '../../db/liaison.table.js';
import {
  liaisonAnswerUpdate,
  liaisonWorkflowId,
  type LiaisonResult,
} from '../../workflows/liaison/messages.js';
import type { AppInstance } from '../app-instance.js';
import {
  liaisonAnswerFormPage,
  liaisonAnsweredPage,
  liaisonAnswerTakenPage,
  liaisonAnswers,
  liaisonErrorPage,
  type LiaisonRequestFacts,
} from '../pages/liaison-answer-page.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { isClosedWorkflowError, rejectionOf } from '../dossier-actions.js';
import { ApiError, errorBodySchema, errorOrPageResponse, htmlPageResponse, notFound } from '../errors.js';
import { withinDeadline } from '../outage.js';
import {
  LIAISON_TOKEN_MAX_LENGTH,
  readLiaisonToken,
  verifyLiaisonToken,
  type LiaisonTokenPayload,
} from '../../common/liaison-token.js';

export interface LiaisonRoutesDeps {
  db: Database;
  client: Client;
  auth: AuthHooks;
  /** How long the answer's Update may take (`ACTION_TIMEOUT_MS`); then 503, and the same answer again is the same Update. */
  actionTimeoutMs?: number | undefined;
}

/** Stable codes of the liaison routes. */
export const LiaisonErrorCode = {
  MISSING_TOKEN: 'LIAISON.MISSING_TOKEN',
  MALFORMED_TOKEN: 'LIAISON.MALFORMED_TOKEN',
  UNKNOWN_REQUEST: 'LIAISON.UNKNOWN_REQUEST',
  FORGED: 'LIAISON.FORGED',
  EXPIRED: 'LIAISON.EXPIRED',
  /** Also the type of the workflow's validator failure. */
  ALREADY_ANSWERED: 'LIAISON.ALREADY_ANSWERED',
  CLOSED: 'LIAISON.CLOSED',
} as const;

const NOTE_MAX = 2000;

const answerBodySchema = z.object({
  answer: z
    .enum(liaisonAnswers)
    .describe('approved (Đồng ý), refused (Không đồng ý), needs_supplement (Yêu cầu bổ sung)'),
  note: safeText({ max: NOTE_MAX, min: 0, multiline: true })
    .nullish()
    .describe('Ý kiến, lý do hoặc nội dung cần bổ sung (≤ 2000 ký tự)'),
  fileUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullish()
    .describe("Link to the agency's attached document (văn bản trả lời), if any; logged with the answer"),
  token: verbatimText(LIAISON_TOKEN_MAX_LENGTH, 0)
    .optional()
    .describe('The answer token, for the HTML form; API clients send `Authorization: Bearer <token>`'),
});

type AnswerBody = z.output<typeof answerBodySchema>;

const answerResultSchema = z.object({
  status: z.literal('applied'),
  requestId: z.string(),
  dossierCode: z.string(),
  answer: z.enum(liaisonAnswers),
  note: z.string().nullable(),
  answeredAt: z.string(),
});

type AnswerResult = z.output<typeof answerResultSchema>;

const tokenQuerySchema = z.object({
  token: verbatimText(LIAISON_TOKEN_MAX_LENGTH * 2, 0).optional(),
});

const liaisonRequestViewSchema = z.object({
  requestId: z.string(),
  stepId: z.string(),
  partnerCode: z.string(),
  partnerName: z.string().nullable(),
  sentAt: z.string(),
  expiresAt: z.string(),
  emailMessageId: z.string().nullable().describe('Null until the SMTP server accepted the e-mail'),
  webhookStatus: z
    .string()
    .nullable()
    .describe("Last webhook delivery: HTTP status, 'timeout', 'network_error'"),
  answer: z.enum(liaisonAnswers).nullable(),
  answeredAt: z.string().nullable(),
});

const liaisonCallbackViewSchema = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  requestId: z.string().nullable(),
  partnerCode: z.string().nullable(),
  outcome: z.enum([
    'applied',
    'duplicate',
    'forged',
    'expired',
    'unknown_request',
    'invalid',
    'closed',
    'error',
  ]),
  answer: z.string().nullable(),
  note: z.string().nullable(),
  fileUrl: z.string().nullable(),
  code: z.string().nullable().describe('The error code answered, if refused'),
});

const dossierLiaisonsSchema = z.object({
  dossierCode: z.string(),
  liaison: z
    .object({
      requestId: z.string(),
      stepId: z.string(),
      partnerCode: z.string(),
      partnerName: z.string(),
      requestedAt: z.string(),
      status: z.enum(['waiting', 'answered']),
      late: z.boolean(),
      answer: z.enum(liaisonAnswers).nullable(),
      note: z.string().nullable(),
      answeredAt: z.string().nullable(),
    })
    .nullable()
    .describe("The current or last liaison as the dossier's workflow sees it"),
  requests: z.array(liaisonRequestViewSchema),
  callbacks: z.array(liaisonCallbackViewSchema).describe('Every callback that named one of these requests'),
});

const partnerViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  email: z.string(),
  webhookUrl: z.string().nullable(),
  active: z.boolean(),
});

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

const updateIdOf = (token: string, answer: LiaisonAnswer): string =>
  `liaison-${createHash('sha256').update(`${token}${answer}`).digest('hex')}`;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const isFormPost = (request: FastifyRequest): boolean =>
  (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/** A token the partner presented, checked against its agency's key and our record of the request. */
interface VerifiedToken {
  payload: LiaisonTokenPayload;
  partner: PartnerAgencyRow;
  stored: LiaisonRequestRow;
}

/** Why a token is refused: the callback outcome and the API error. */
interface TokenRefusal {
  outcome: LiaisonCallbackOutcome;
  error: ApiError;
}

/**
 * Checks a token: well-formed, names a known partner agency (whose key must verify it), signed by that
 * key, not expired, and names a request we sent to that partner for that dossier.
 */
async function checkToken(
  db: Database,
  token: string | undefined,
): Promise<{ ok: VerifiedToken } | { refused: TokenRefusal; payload?: LiaisonTokenPayload }> {
  if (!token) {
    return {
      refused: {
        outcome: 'invalid',
        error: new ApiError(
          401,
          LiaisonErrorCode.MISSING_TOKEN,
          'Thiếu mã trả lời liên thông (Authorization: Bearer hoặc trường token).',
        ),
      },
    };
  }
  const payload = readLiaisonToken(token);
  if (!payload) {
    return {
      refused: {
        outcome: 'invalid',
        error: new ApiError(
          400,
          LiaisonErrorCode.MALFORMED_TOKEN,
          'Mã trả lời liên thông không đúng định dạng.',
          'token',
        ),
      },
    };
  }
  const unknown = (): TokenRefusal => ({
    outcome: 'unknown_request',
    error: new ApiError(404, LiaisonErrorCode.UNKNOWN_REQUEST, 'Không tìm thấy yêu cầu liên thông.'),
  });
  const partner = await findPartnerAgency(db, payload.tenant, payload.partnerCode);
  if (!partner) return { refused: unknown(), payload };
  const verdict = verifyLiaisonToken(token, partner.callback_secret, Date.now());
  if (verdict === 'forged') {
    return {
      refused: {
        outcome: 'forged',
        error: new ApiError(401, LiaisonErrorCode.FORGED, 'Mã trả lời liên thông không hợp lệ.'),
      },
      payload,
    };
  }
  if (verdict === 'expired') {
    return {
      refused: {
        outcome: 'expired',
        error: new ApiError(
          401,
          LiaisonErrorCode.EXPIRED,
          'Đường liên kết trả lời đã hết hạn. Vui lòng liên hệ cơ quan gửi yêu cầu.',
        ),
      },
      payload,
    };
  }
  const stored = await findLiaisonRequest(db, payload.requestId);
  if (
    !stored ||
    stored.tenant !== payload.tenant ||
    stored.dossier_code !== payload.dossierCode ||
    stored.partner_code !== payload.partnerCode
  ) {
    return { refused: unknown(), payload };
  }
  return { ok: { payload, partner, stored } };
}

// ---------------------------------------------------------------------------------------------------------
// HTML pages for the partner's staff (rendered by ../pages/liaison-answer-page.ts)

/** Sends a page: never cached, never framed, no script, and the token in the URL never leaks as a Referer. */
function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    .type('text/html; charset=utf-8')
    .send(html);
}

const errorPage = (reply: FastifyReply, err: ApiError): FastifyReply =>
  sendPage(reply, err.statusCode, liaisonErrorPage(err.message));

// ---------------------------------------------------------------------------------------------------------
// Views

function requestView(
  row: LiaisonRequestRow,
  partnerName: string | null,
  applied: LiaisonCallbackRow | undefined,
) {
  const answer = str(applied?.detail.answer) as LiaisonAnswer | null;
  return {
    requestId: row.request_id,
    stepId: row.step_id,
    partnerCode: row.partner_code,
    partnerName,
    sentAt: formatVnIso(row.sent_at.getTime()),
    expiresAt: formatVnIso(row.expires_at.getTime()),
    emailMessageId: row.email_message_id,
    webhookStatus: row.webhook_status,
    answer: answer && (liaisonAnswers as readonly string[]).includes(answer) ? answer : null,
    answeredAt: applied ? formatVnIso(applied.received_at.getTime()) : null,
  };
}

function callbackView(row: LiaisonCallbackRow) {
  return {
    id: row.id,
    receivedAt: formatVnIso(row.received_at.getTime()),
    requestId: row.request_id,
    partnerCode: row.partner_code,
    outcome: row.outcome,
    answer: str(row.detail.answer),
    note: str(row.detail.note),
    fileUrl: str(row.detail.fileUrl),
    code: str(row.detail.code),
  };
}

/**
 * Liaison routes: the partner agency's answer (a page for its staff and the callback, both authenticated
 * by the signed token of the request), and the officers' views of a dossier's liaisons and of the partner
 * agencies.
 */
export function registerLiaisonRoutes(app: AppInstance, deps: LiaisonRoutesDeps): void {
  const { db } = deps;

  app.get(
    '/liaison/answer',
    {
      schema: {
        operationId: 'getLiaisonAnswerForm',
        tags: ['liaison'],
        summary:
          "The partner agency's answer page (HTML, Vietnamese) behind the link of a liaison request e-mail; " +
          'authenticated by its signed token',
        querystring: tokenQuerySchema,
        produces: ['text/html'],
        response: {
          200: htmlPageResponse('The answer form, or the answer already given'),
          400: errorOrPageResponse('No token (JSON), or a malformed one (page)'),
          401: htmlPageResponse('A forged or expired token'),
          404: htmlPageResponse('No such liaison request'),
        },
      },
    },
    async (request, reply) => {
      const checked = await checkToken(db, request.query.token);
      if ('refused' in checked) {
        request.log.warn(
          { outcome: checked.refused.outcome, requestId: checked.payload?.requestId },
          'liaison answer page refused',
        );
        return errorPage(reply, checked.refused.error);
      }
      const { payload, partner, stored } = checked.ok;
      const [dossier, applied] = await Promise.all([
        findDossier(db, stored.dossier_code),
        findAppliedLiaisonCallback(db, stored.request_id),
      ]);
      const state = dossier?.state;
      const deadline =
        state?.liaison?.requestId === stored.request_id && state.currentStep?.stepId === stored.step_id
          ? state.currentStep.deadline
          : null;
      const facts: LiaisonRequestFacts = {
        partnerName: partner.name,
        dossierCode: stored.dossier_code,
        procedureName: dossier?.procedure_name ?? '',
        applicantName: dossier?.applicant_name ?? '',
        deadline,
        requestId: stored.request_id,
      };
      if (applied) {
        const answer = str(applied.detail.answer) as LiaisonAnswer | null;
        return sendPage(
          reply,
          200,
          liaisonAnsweredPage(facts, { answer, answeredAt: applied.received_at.getTime() }),
        );
      }
      return sendPage(
        reply,
        200,
        liaisonAnswerFormPage(facts, {
          token: request.query.token ?? '',
          expiresAt: payload.exp,
          noteMax: NOTE_MAX,
        }),
      );
    },
  );

  // The answer page posts application/x-www-form-urlencoded: parsed here only, not by the rest of the API.
  // Empty fields of the form (no note, no file) are dropped, as if absent.
  void app.register((child: AppInstance, _opts, done) => {
    child.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, text, parsed) =>
        parsed(
          null,
          Object.fromEntries(
            [...new URLSearchParams(String(text))].filter(([, value]) => value.trim() !== ''),
          ),
        ),
    );

    child.post(
      '/liaison/answer',
      {
        // Invalid bodies reach the handler, so that they are logged like every other callback.
        attachValidation: true,
        schema: {
          operationId: 'answerLiaison',
          tags: ['liaison'],
          summary:
            "The partner agency's answer to a liaison request, authenticated by the request's signed token " +
            '(Authorization: Bearer <token>, or the `token` field of the HTML form, which is answered in HTML). ' +
            'Taken once: a replayed, duplicate or second answer is refused (409) and changes nothing',
          consumes: ['application/json', 'application/x-www-form-urlencoded'],
          headers: z.object({
            authorization: verbatimText(LIAISON_TOKEN_MAX_LENGTH + 100, 0).optional(),
          }),
          body: answerBodySchema,
          // JSON for the partner's systems; a page for the HTML form's post.
          response: {
            200: {
              description: 'The answer taken',
              content: {
                'application/json': { schema: answerResultSchema },
                'text/html': { schema: z.string() },
              },
            },
            400: errorOrPageResponse('Invalid answer or token'),
            401: errorOrPageResponse('Forged or expired token'),
            404: errorOrPageResponse('No such liaison request'),
            409: errorOrPageResponse('Already answered, or the dossier no longer waits for it'),
          },
        },
      },
      async (request, reply) => {
        const form = isFormPost(request);
        try {
          const result = await takeAnswer(request);
          if (!form) return result;
          return sendPage(
            reply,
            200,
            liaisonAnswerTakenPage({
              dossierCode: result.dossierCode,
              answer: result.answer,
              answeredAt: Date.parse(result.answeredAt),
            }),
          );
        } catch (err) {
          if (!form) throw err;
          if (err instanceof ApiError) return errorPage(reply, err);
          if ((err as { validation?: unknown } | null)?.validation) {
            return errorPage(
              reply,
              new ApiError(
                400,
                'VALIDATION_FAILED',
                `Vui lòng chọn ý kiến; ghi chú tối đa ${NOTE_MAX} ký tự.`,
              ),
            );
          }
          throw err;
        }
      },
    );
    done();
  });

  /** Verifies the callback and hands the answer to the liaison workflow; logs it exactly once. */
  async function takeAnswer(request: FastifyRequest): Promise<AnswerResult> {
    const callbackId = randomUUID();
    const rawBody = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const header = request.headers.authorization;
    const bearer = header === undefined ? undefined : (BEARER.exec(header)?.[1] ?? '');
    // A malformed Authorization header is a malformed token (never falls back to the body's).
    const token = bearer ?? str(rawBody.token) ?? undefined;
    const claimed = token ? readLiaisonToken(token) : undefined;
    let requestId = claimed?.requestId ?? null;
    let partnerCode = claimed?.partnerCode ?? null;
    let sent: Record<string, unknown> = {};

    const logged = async (outcome: LiaisonCallbackOutcome, detail: Record<string, unknown> = {}) => {
      await insertLiaisonCallback(db, {
        request_id: requestId,
        partner_code: partnerCode,
        outcome,
        detail: JSON.stringify({ callbackId, httpRequestId: request.id, ip: request.ip, ...sent, ...detail }),
      });
      const level = outcome === 'applied' || outcome === 'duplicate' ? 'info' : 'warn';
      request.log[level]({ requestId, partnerCode, outcome, callbackId, ...detail }, 'liaison callback');
    };
    const refuse = async (outcome: LiaisonCallbackOutcome, error: ApiError, detail = {}) => {
      await logged(outcome, { code: error.code, ...detail });
      return error;
    };

    if (request.validationError) {
      const issues = (
        request.validationError.validation as { message?: string; instancePath?: string }[]
      ).map((v) => `${v.instancePath ?? ''} ${v.message ?? ''}`.trim());
      await logged('invalid', { code: 'VALIDATION_FAILED', issues });
      throw request.validationError;
    }
    const body = request.body as AnswerBody;
    const note = body.note?.trim() || null;
    sent = { answer: body.answer, note, fileUrl: body.fileUrl ?? null };

    const checked = await checkToken(db, token);
    if ('refused' in checked) throw await refuse(checked.refused.outcome, checked.refused.error);
    const { payload } = checked.ok;
    requestId = payload.requestId;
    partnerCode = payload.partnerCode;

    const alreadyAnswered = () =>
      new ApiError(
        409,
        LiaisonErrorCode.ALREADY_ANSWERED,
        'Yêu cầu liên thông này đã được trả lời; ý kiến mới không được ghi nhận.',
      );
    if (await findAppliedLiaisonCallback(db, payload.requestId))
      throw await refuse('duplicate', alreadyAnswered());

    const handle = deps.client.workflow.getHandle(liaisonWorkflowId(payload.dossierCode, payload.requestId));
    let result: LiaisonResult;
    try {
      result = await withinDeadline(
        deps.client,
        () =>
          handle.executeUpdate(liaisonAnswerUpdate, {
            args: [{ answer: body.answer, note, callbackId }],
            // Temporal deduplicates too: the same answer with the same token is one update, however often sent.
            updateId: updateIdOf(token!, body.answer),
          }),
        deps.actionTimeoutMs,
      );
    } catch (err) {
      if (rejectionOf(err)?.code === LiaisonErrorCode.ALREADY_ANSWERED) {
        throw await refuse('duplicate', alreadyAnswered());
      }
      if (err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)) {
        const status = await handle.describe().then(
          (d) => d.status.name,
          (e: unknown) => {
            if (e instanceof WorkflowNotFoundError) return 'NOT_FOUND' as const;
            throw e;
          },
        );
        if (status === 'NOT_FOUND') {
          throw await refuse(
            'unknown_request',
            new ApiError(404, LiaisonErrorCode.UNKNOWN_REQUEST, 'Không tìm thấy yêu cầu liên thông.'),
          );
        }
        // A liaison workflow completes only with an answer.
        if (status === 'COMPLETED') throw await refuse('duplicate', alreadyAnswered(), { workflow: status });
        throw await refuse(
          'closed',
          new ApiError(
            409,
            LiaisonErrorCode.CLOSED,
            'Yêu cầu liên thông không còn chờ trả lời (hồ sơ đã kết thúc hoặc yêu cầu đã bị hủy).',
          ),
          { workflow: status },
        );
      }
      await logged('error', { error: err instanceof Error ? err.message : String(err) }).catch(
        () => undefined,
      );
      throw err;
    }
    try {
      await logged('applied', { answeredAt: result.answeredAt });
    } catch (err) {
      // A concurrent delivery of the same callback was applied and logged first (one answer either way).
      if (isAppliedTwiceError(err)) throw await refuse('duplicate', alreadyAnswered());
      throw err;
    }
    return {
      status: 'applied',
      requestId: result.requestId,
      dossierCode: payload.dossierCode,
      answer: result.answer,
      note: result.note,
      answeredAt: formatVnIso(result.answeredAt),
    };
  }

  app.get(
    '/dossiers/:code/liaisons',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listDossierLiaisons',
        tags: ['dossiers'],
        summary:
          "The dossier's liaison requests to partner agencies and every answer callback received for them",
        security: [{ bearerAuth: [] }],
        params: z.object({ code: safeName(100) }),
        response: {
          200: dossierLiaisonsSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await findDossier(db, request.params.code);
      if (!row || row.tenant !== principal.tenant) throw notFound('Không tìm thấy hồ sơ.');
      const [requests, callbacks, partners] = await Promise.all([
        listLiaisonRequests(db, row.code),
        listLiaisonCallbacks(db, row.code),
        listPartnerAgencies(db, row.tenant),
      ]);
      const nameOf = new Map(partners.map((p) => [p.code, p.name]));
      const appliedOf = new Map(
        callbacks.filter((c) => c.outcome === 'applied').map((c) => [c.request_id ?? '', c]),
      );
      const l = row.state.liaison ?? null;
      return {
        dossierCode: row.code,
        liaison: l && {
          requestId: l.requestId,
          stepId: l.stepId,
          partnerCode: l.partnerCode,
          partnerName: l.partnerName,
          requestedAt: formatVnIso(l.requestedAt),
          status: l.status,
          late: l.late,
          answer: l.answer,
          note: l.note,
          answeredAt: l.answeredAt === null ? null : formatVnIso(l.answeredAt),
        },
        requests: requests.map((r) =>
          requestView(r, nameOf.get(r.partner_code) ?? null, appliedOf.get(r.request_id)),
        ),
        callbacks: callbacks.map(callbackView),
      };
    },
  );

  app.get(
    '/partners',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listPartnerAgencies',
        tags: ['liaison'],
        summary:
          "The tenant's partner agencies (cơ quan phối hợp) of liaison steps; their keys are never shown",
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ items: z.array(partnerViewSchema) }), 401: errorBodySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const partners = await listPartnerAgencies(db, principal.tenant);
      return {
        items: partners.map((p) => ({
          code: p.code,
          name: p.name,
          unitCode: p.unit_code,
          email: p.email,
          webhookUrl: p.webhook_url,
          active: p.active,
        })),
      };
    },
  );
}
