import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import { isLeadership } from '../../domain/roles.js';
import type { Database } from '../../db/database.js';
import { listNotifications } from '../../db/notification.repository.js';
import {
  notificationKinds,
  notificationStatuses,
  type NotificationRow,
} from '../../db/notification.table.js';
import { findOfficerById } from '../../db/organisation.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { errorBodySchema } from '../errors.js';

export interface NotificationRoutesDeps {
  db: Database;
  auth: AuthHooks;
}

const secured = { security: [{ bearerAuth: [] }] };

const itemSchema = z.object({
  key: z.string(),
  dossierCode: z.string().nullable(),
  kind: z.enum(notificationKinds),
  recipients: z.array(z.string()),
  subject: z.string(),
  status: z.enum(notificationStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});

const vnIso = (d: Date | null): string | null => (d === null ? null : formatVnIso(d.getTime()));

const toItem = (r: NotificationRow): z.infer<typeof itemSchema> => ({
  key: r.key,
  dossierCode: r.dossier_code,
  kind: r.kind,
  recipients: r.recipients,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  createdAt: formatVnIso(r.created_at.getTime()),
  sentAt: vnIso(r.sent_at),
  failedAt: vnIso(r.failed_at),
});

/** The notification ledger, so that refused and undelivered e-mails are visible. */
export function registerNotificationRoutes(app: AppInstance, deps: NotificationRoutesDeps): void {
  app.get(
    '/notifications',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: "The tenant's notification ledger, newest first, with filters",
        description:
          'Leadership, auditors and administrators see every notification of the tenant; other officers ' +
          'see the notifications sent to their own e-mail address.',
        ...secured,
        querystring: z.object({
          dossier: safeName(100).optional(),
          status: z.enum(notificationStatuses).optional(),
          kind: z.enum(notificationKinds).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(itemSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          400: errorBodySchema,
          401: errorBodySchema,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const principal = principalOf(request);
      const seesAll =
        isLeadership(principal.role) || principal.role === 'auditor' || principal.role === 'admin';
      let recipient: string | undefined;
      if (!seesAll) {
        const officer = await findOfficerById(deps.db, principal.officerId);
        if (!officer?.email) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        recipient = officer.email;
      }
      const { items, total } = await listNotifications(deps.db, {
        tenant: principal.tenant,
        dossierCode: q.dossier,
        status: q.status,
        kind: q.kind,
        recipient,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: items.map(toItem), total, page: q.page, pageSize: q.pageSize };
    },
  );
}
