import { ApplicationFailure, log } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { LIAISON_TOKEN_TTL_MS, signLiaisonToken } from '../common/liaison-token.js';
import { findDossier } from '../db/dossier.repository.js';
import {
  findPartnerAgency,
  insertLiaisonRequest,
  setLiaisonEmailSent,
  setLiaisonWebhookStatus,
} from '../db/liaison.repository.js';
import type { LiaisonRequestRow, PartnerAgencyRow } from '../db/liaison.table.js';
import { findProcedureVersion } from '../db/procedure.repository.js';
import type { DB } from '../db/schema.js';
import { formatVnIso } from '../domain/calendar/index.js';
import { escapeHtml } from '../domain/html.js';
import type { LiaisonWorkflowInput } from '../workflows/liaison/messages.js';
import { isPermanentSmtpError, type Mailer, type OutboundMail } from '../common/mailer.js';

/** What the liaison activities need. */
export interface LiaisonActivityDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  /** Public address of the API, where the answer links point (`PUBLIC_BASE_URL`). */
  publicBaseUrl: string;
  /** `fetch` for the webhooks (tests may replace it); default the global one. */
  fetch?: typeof fetch;
  /** How long a webhook call may take before it counts as failed (default 10 s). */
  webhookTimeoutMs?: number;
}

/** Codes of the non-retryable failures of the liaison activities. */
export const LiaisonActivityErrors = {
  /** The input cannot be a liaison request (a workflow bug): retrying cannot help. */
  invalidRequest: 'LIAISON.INVALID_REQUEST',
  /** No such partner agency for the tenant, or it is inactive: configure it, then complete the step by hand. */
  unknownPartner: 'LIAISON.UNKNOWN_PARTNER',
  /** Another request is already stored under this id (other dossier, step or partner). */
  requestConflict: 'LIAISON.REQUEST_CONFLICT',
  /** The SMTP server refused the message for good (5xx): the partner's address is wrong. */
  mailRejected: 'LIAISON.MAIL_REJECTED',
  /** The partner's webhook answered a 4xx other than 408/429: the same call would be refused again. */
  webhookRejected: 'LIAISON.WEBHOOK_REJECTED',
} as const;

/** What the webhook receives (JSON), besides the `Idempotency-Key: <requestId>` header. */
export interface LiaisonWebhookBody {
  requestId: string;
  dossierCode: string;
  procedureName: string;
  /** The answer is expected by then: ISO-8601 at +07:00. */
  deadline: string;
  /** The page where the agency's staff can answer. */
  answerUrl: string;
  /** The bearer token to answer with: `POST /liaison/answer`, `Authorization: Bearer <token>`. */
  token: string;
}

const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * A Message-ID derived from the request id (the same on every attempt), so that a message sent again after
 * a crash between the SMTP server's acceptance and our bookkeeping can be recognised by the receiver.
 */
export const liaisonMessageId = (requestId: string): string =>
  `<${requestId.replace(/[^A-Za-z0-9._-]/g, '_')}@mot-cua>`;

/** `2026-12-01T17:00:00+07:00` → `17:00 ngày 01/12/2026`. */
function vnDateTime(instant: number): string {
  const iso = formatVnIso(instant);
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The facts the e-mail states. */
interface RequestSummary {
  agencyName: string;
  partner: PartnerAgencyRow;
  input: LiaisonWorkflowInput;
  stepName: string;
  applicantName: string;
  receivedAt: number;
  expiresAt: number;
  answerUrl: string;
}

/** The request e-mail (Vietnamese, text and HTML). */
export function liaisonRequestMail(s: RequestSummary): OutboundMail {
  const { input } = s;
  const subject = `[Liên thông] Đề nghị phối hợp giải quyết hồ sơ ${input.dossierCode}`;
  const facts: [string, string][] = [
    ['Mã hồ sơ', input.dossierCode],
    ['Thủ tục hành chính', input.procedureName],
    ['Tổ chức, cá nhân nộp hồ sơ', s.applicantName],
    ['Ngày tiếp nhận', vnDateTime(s.receivedAt)],
    ['Bước xử lý', s.stepName],
    ['Thời hạn trả lời', vnDateTime(input.deadline)],
    ['Mã yêu cầu liên thông', input.requestId],
  ];
  const intro =
    `${s.agencyName} đề nghị Quý cơ quan phối hợp giải quyết hồ sơ thủ tục hành chính liên thông ` +
    'dưới đây và cho ý kiến trước thời hạn nêu trên.';
  const ask = 'Quý cơ quan vui lòng trả lời (Đồng ý / Không đồng ý / Yêu cầu bổ sung) tại đường liên kết:';
  const validity =
    `Đường liên kết chỉ dùng cho yêu cầu này, có hiệu lực đến ${vnDateTime(s.expiresAt)}; ` +
    'vui lòng không chuyển tiếp thư này ra ngoài cơ quan.';
  const footer = 'Thư được gửi tự động từ hệ thống Một cửa; vui lòng không trả lời thư này.';
  const text = [
    `Kính gửi: ${s.partner.name}`,
    '',
    intro,
    '',
    ...facts.map(([k, v]) => `- ${k}: ${v}`),
    '',
    ask,
    s.answerUrl,
    '',
    validity,
    '',
    footer,
    '',
  ].join('\n');
  const html =
    `<p>Kính gửi: ${escapeHtml(s.partner.name)}</p>\n<p>${escapeHtml(intro)}</p>\n<table>\n` +
    facts
      .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('\n') +
    `\n</table>\n<p>${escapeHtml(ask)}</p>\n` +
    `<p><a href="${escapeHtml(s.answerUrl)}">Trả lời yêu cầu liên thông hồ sơ ${escapeHtml(input.dossierCode)}</a></p>\n` +
    `<p>${escapeHtml(validity)}</p>\n<p><small>${escapeHtml(footer)}</small></p>\n`;
  return {
    to: s.partner.email,
    subject,
    text,
    html,
    headers: {
      'Message-ID': liaisonMessageId(input.requestId),
      'X-Mot-Cua-Dossier': input.dossierCode,
      'X-Mot-Cua-Liaison-Request': input.requestId,
    },
  };
}

/** A webhook answer that is worth trying again: server errors, 408 Request Timeout, 429 Too Many Requests. */
const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** Activities that reach the partner agencies of liaison steps (liên thông). */
export function createLiaisonActivities(deps: LiaisonActivityDeps) {
  const { db, mailer } = deps;
  const baseUrl = deps.publicBaseUrl.replace(/\/+$/, '');
  const doFetch = deps.fetch ?? fetch;
  const webhookTimeoutMs = deps.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;

  async function postWebhook(
    url: string,
    body: LiaisonWebhookBody,
    stored: LiaisonRequestRow,
    meta: Record<string, unknown>,
  ): Promise<void> {
    let status: number;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': body.requestId,
          'user-agent': 'mot-cua-liaison/1',
        },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(webhookTimeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
    } catch (err) {
      const reason = (err as Error | null)?.name === 'TimeoutError' ? 'timeout' : 'network_error';
      await setLiaisonWebhookStatus(db, stored.request_id, reason);
      log.warn('liaison webhook failed; will retry', { ...meta, reason, error: String(err) });
      throw new Error(`liaison webhook ${reason}: ${err instanceof Error ? err.message : String(err)}`);
    }
    await setLiaisonWebhookStatus(db, stored.request_id, String(status));
    if (status >= 200 && status < 300) {
      log.info('liaison webhook delivered', { ...meta, status });
      return;
    }
    if (retryableStatus(status) || status < 400) {
      // 5xx, 408, 429 and anything odd (a 1xx/3xx: redirects are not followed) are tried again.
      log.warn('liaison webhook answered an error; will retry', { ...meta, status });
      throw new Error(`liaison webhook answered HTTP ${status}`);
    }
    log.error('liaison webhook refused the request', { ...meta, status });
    throw ApplicationFailure.nonRetryable(
      `the partner's webhook refused liaison request ${stored.request_id} with HTTP ${status}`,
      LiaisonActivityErrors.webhookRejected,
    );
  }

  return {
    /**
     * Sends a liaison request to the partner agency: an e-mail with the dossier's summary and a signed,
     * expiring answer link and, when the agency has a webhook, a JSON POST. Idempotent on `requestId`:
     * the request is recorded first (its expiry fixes the token, so every attempt sends the same link),
     * the e-mail is skipped once the SMTP server has accepted it and the webhook once it answered 2xx.
     * Transient failures throw plain errors (retried with backoff by the workflow's policy).
     */
    async sendLiaisonRequest(input: LiaisonWorkflowInput): Promise<void> {
      const meta = {
        dossierCode: input.dossierCode,
        requestId: input.requestId,
        partnerCode: input.partnerCode,
      };
      if (!input.requestId || !input.dossierCode || !Number.isFinite(input.deadline)) {
        throw ApplicationFailure.nonRetryable(
          `liaison request ${input.requestId} of ${input.dossierCode} is not valid`,
          LiaisonActivityErrors.invalidRequest,
        );
      }
      const partner = await findPartnerAgency(db, input.tenant, input.partnerCode);
      if (!partner?.active) {
        log.error('liaison partner agency unknown or inactive', meta);
        throw ApplicationFailure.nonRetryable(
          `partner agency ${input.partnerCode} of ${input.tenant} is ${partner ? 'inactive' : 'unknown'}`,
          LiaisonActivityErrors.unknownPartner,
        );
      }
      // A missing dossier row is transient (the receipt commits it before starting the workflow).
      const dossier = await findDossier(db, input.dossierCode);
      if (!dossier) throw new Error(`dossier ${input.dossierCode} not found (yet)`);
      if (dossier.tenant !== input.tenant) {
        throw ApplicationFailure.nonRetryable(
          `dossier ${input.dossierCode} is not of tenant ${input.tenant}`,
          LiaisonActivityErrors.invalidRequest,
        );
      }

      const now = Date.now();
      const { row: stored, created } = await insertLiaisonRequest(db, {
        request_id: input.requestId,
        tenant: input.tenant,
        dossier_code: input.dossierCode,
        partner_code: input.partnerCode,
        step_id: input.stepId,
        sent_at: new Date(now),
        expires_at: new Date(now + LIAISON_TOKEN_TTL_MS),
      });
      if (
        stored.dossier_code !== input.dossierCode ||
        stored.partner_code !== input.partnerCode ||
        stored.step_id !== input.stepId
      ) {
        log.error('liaison request conflicts with the stored one', meta);
        throw ApplicationFailure.nonRetryable(
          `another liaison request ${input.requestId} is already stored`,
          LiaisonActivityErrors.requestConflict,
        );
      }
      const token = signLiaisonToken(
        {
          tenant: input.tenant,
          requestId: input.requestId,
          dossierCode: input.dossierCode,
          partnerCode: input.partnerCode,
          exp: stored.expires_at.getTime(),
        },
        partner.callback_secret,
      );
      const answerUrl = `${baseUrl}/liaison/answer?token=${encodeURIComponent(token)}`;
      log.info(created ? 'liaison request recorded' : 'liaison request already recorded', meta);

      if (stored.email_message_id === null) {
        const [tenant, procedure] = await Promise.all([
          db.selectFrom('tenant').select('name').where('code', '=', input.tenant).executeTakeFirst(),
          findProcedureVersion(db, dossier.tenant, dossier.procedure_code, dossier.procedure_version),
        ]);
        const step = procedure?.definition.steps.find((s) => s.id === input.stepId);
        const mail = liaisonRequestMail({
          agencyName: tenant?.name ?? input.tenant,
          partner,
          input,
          stepName: step?.name ?? input.stepId,
          applicantName: dossier.applicant_name,
          receivedAt: dossier.received_at.getTime(),
          expiresAt: stored.expires_at.getTime(),
          answerUrl,
        });
        let messageId: string;
        try {
          ({ messageId } = await mailer.send(mail));
        } catch (err) {
          if (isPermanentSmtpError(err)) {
            log.error('liaison e-mail refused by the SMTP server', { ...meta, error: String(err) });
            throw ApplicationFailure.nonRetryable(
              `the SMTP server refused the liaison e-mail to ${partner.email}: ${String(err)}`,
              LiaisonActivityErrors.mailRejected,
            );
          }
          throw err;
        }
        await setLiaisonEmailSent(db, input.requestId, messageId);
        log.info('liaison e-mail sent', { ...meta, messageId });
      } else {
        log.info('liaison e-mail already sent', { ...meta, messageId: stored.email_message_id });
      }

      if (partner.webhook_url !== null && !/^2\d\d$/.test(stored.webhook_status ?? '')) {
        await postWebhook(
          partner.webhook_url,
          {
            requestId: input.requestId,
            dossierCode: input.dossierCode,
            procedureName: input.procedureName,
            deadline: formatVnIso(input.deadline),
            answerUrl,
            token,
          },
          stored,
          meta,
        );
      }
    },
  };
}

export type LiaisonActivities = ReturnType<typeof createLiaisonActivities>;
