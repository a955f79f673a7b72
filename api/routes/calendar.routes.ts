import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import {
  addDays,
  computeDeadline,
  formatVnIso,
  MAX_LIST_DAYS,
  MAX_YEAR,
  MIN_YEAR,
  toVnDate,
  parseIsoDate,
  parseIsoInstant,
  validateCalendarDefinition,
  type CalendarDefinition,
} from '../../domain/calendar/index.js';
import { insertCalendarVersion } from '../../db/calendar.repository.js';
import type { Database } from '../../db/database.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import type { CalendarService } from '../calendar.service.js';
import { idempotencyHeaders, type IdempotencyHooks } from '../idempotency.js';
import { ApiError, badRequest, errorBodySchema, ErrorCode, invalidInput } from '../errors.js';

export interface CalendarRoutesDeps {
  db: Database;
  calendars: CalendarService;
  /**
   * Starts telling the tenant's open dossiers about a published version (the calendar rollout workflow).
   * Called inside the publication's transaction: when it fails, nothing is published.
   */
  startRollout?: (tenant: string, version: number) => Promise<void>;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
}

const DEFAULT_TENANT = 'default';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
const tenantParam = z.object({ tenant: safeName(64) });

const versionSchema = z.object({
  tenant: z.string(),
  version: z.number().int(),
  name: z.string(),
  effectiveFrom: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});

const daySchema = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: z.enum(['working', 'weekly_rest', 'holiday', 'compensatory', 'decision_day_off', 'make_up_working']),
  reasons: z.array(z.string()),
});

const deadlineBodySchema = z.object({
  from: safeName(64).describe('Receipt instant, ISO-8601 with an offset, e.g. 2026-02-11T10:00:00+07:00'),
  amount: z.number().min(0).describe('Legal time limit (ignored for same_day)'),
  unit: z.enum(['working_days', 'working_hours', 'calendar_days', 'same_day']),
  tenant: safeName(64).optional(),
});

const deadlineResponseSchema = z.object({
  deadline: z.string().describe('ISO-8601 with +07:00'),
  calendarVersion: z.number().int(),
  tenant: z.string(),
  explanation: z.array(z.object({ date: z.string(), reason: z.string() })),
});

const toVersion = (v: {
  tenant: string;
  version: number;
  name: string;
  effective_from: string;
  published_at: Date;
  published_by: string | null;
}): z.output<typeof versionSchema> => ({
  tenant: v.tenant,
  version: v.version,
  name: v.name,
  effectiveFrom: v.effective_from,
  publishedAt: v.published_at.toISOString(),
  publishedBy: v.published_by,
});

const unknownTenant = (field: string) =>
  badRequest(field, 'Không có lịch làm việc cho đơn vị này vào thời điểm đó.', 'CALENDAR.UNKNOWN_TENANT');

function parseInstant(value: string, field: string): number {
  const instant = parseIsoInstant(value);
  if (instant === undefined) {
    throw badRequest(field, 'Thời điểm phải theo ISO-8601 và có múi giờ, ví dụ 2026-02-11T10:00:00+07:00.');
  }
  const year = Number(toVnDate(instant).slice(0, 4));
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw badRequest(field, 'Thời điểm ngoài khoảng 1900–2100.');
  return instant;
}

function checkedDate(value: string, field: string): string {
  const ymd = parseIsoDate(value);
  if (!ymd || ymd.year < MIN_YEAR || ymd.year > MAX_YEAR) {
    throw badRequest(field, 'Ngày không hợp lệ hoặc ngoài khoảng 1900–2100.');
  }
  return value;
}

export function registerCalendarRoutes(app: AppInstance, deps: CalendarRoutesDeps): void {
  const secured = { security: [{ bearerAuth: [] }] };

  app.get(
    '/calendars',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listCalendars',
        tags: ['calendar'],
        summary: 'Published working-time calendar versions',
        ...secured,
        response: { 200: z.object({ items: z.array(versionSchema) }), 401: errorBodySchema },
      },
    },
    async () => ({ items: (await deps.calendars.list()).map(toVersion) }),
  );

  app.get(
    '/calendars/:tenant/days',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listCalendarDays',
        tags: ['calendar'],
        summary: 'Every day of a range: working or not, and why (Vietnamese reasons)',
        ...secured,
        params: tenantParam,
        querystring: z.object({
          from: isoDate,
          to: isoDate,
          version: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
        }),
        response: {
          200: z.object({ tenant: z.string(), version: z.number().int(), days: z.array(daySchema) }),
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { tenant } = request.params;
      const from = checkedDate(request.query.from, 'query.from');
      const to = checkedDate(request.query.to, 'query.to');
      if (to < from) throw badRequest('query.to', 'Ngày kết thúc phải không trước ngày bắt đầu.');
      if (addDays(from, MAX_LIST_DAYS - 1) < to) {
        throw badRequest('query.to', `Mỗi lần xem tối đa ${MAX_LIST_DAYS} ngày.`);
      }
      const calendar = request.query.version
        ? await deps.calendars.version(tenant, request.query.version)
        : await deps.calendars.inForce(tenant, parseInstant(`${from}T00:00:00+07:00`, 'query.from'));
      if (!calendar) throw new ApiError(404, 'CALENDAR.NOT_FOUND', 'Không tìm thấy lịch làm việc.');
      return {
        tenant,
        version: calendar.version,
        days: calendar.listDays(from, to).map((d) => ({ ...d, reasons: [...d.reasons] })),
      };
    },
  );

  app.post(
    '/calendars/:tenant/versions',
    {
      preHandler: [deps.auth.requireRole('admin'), deps.idempotency.guard()],
      schema: {
        operationId: 'publishCalendar',
        tags: ['calendar'],
        summary: 'Publish a new calendar version (admin); earlier versions never change',
        description:
          'The body is a whole calendar definition (office hours, weekly rest days, holiday rules, yearly decisions). ' +
          'The version number is assigned by the server. A definition with any problem is rejected whole.',
        ...secured,
        params: tenantParam,
        headers: idempotencyHeaders,
        body: z.record(z.string(), z.unknown()),
        response: {
          201: versionSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { tenant } = request.params;
      if (tenant !== principal.tenant) {
        throw new ApiError(
          403,
          ErrorCode.FORBIDDEN,
          'Chỉ được ban hành lịch của đơn vị mình.',
          'params.tenant',
        );
      }
      const checked = validateCalendarDefinition({ ...request.body, tenant, version: 1 });
      if (!checked.ok) {
        throw invalidInput(400, 'CALENDAR.INVALID_DEFINITION', 'Lịch làm việc không hợp lệ.', checked.issues);
      }
      const definition: CalendarDefinition = checked.value;
      const row = await deps.db.transaction().execute(async (trx) => {
        const inserted = await insertCalendarVersion(trx, definition, principal.username);
        await deps.startRollout?.(tenant, inserted.version);
        return inserted;
      });
      deps.calendars.invalidate(tenant);
      return reply.status(201).send(toVersion(row));
    },
  );

  app.post(
    '/deadlines',
    {
      schema: {
        operationId: 'computeDeadline',
        tags: ['calendar'],
        summary: 'Deadline (appointment) of a legal time limit counted from an instant, with an explanation',
        description: 'Public: needs no login. Uses the calendar version in force at `from`.',
        body: deadlineBodySchema,
        response: { 200: deadlineResponseSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const { amount, unit } = request.body;
      const tenant = request.body.tenant ?? DEFAULT_TENANT;
      const from = parseInstant(request.body.from, 'body.from');
      if (unit === 'calendar_days' && !Number.isInteger(amount)) {
        throw badRequest('body.amount', 'Số ngày theo lịch phải là số nguyên.');
      }
      const calendar = await deps.calendars.inForce(tenant, from);
      if (!calendar) throw unknownTenant(request.body.tenant ? 'body.tenant' : 'body.from');
      try {
        const result = computeDeadline(calendar, from, { amount, unit });
        return {
          deadline: formatVnIso(result.deadline),
          calendarVersion: result.calendarVersion,
          tenant: result.tenant,
          explanation: result.explanation.map((e) => ({ ...e })),
        };
      } catch (err) {
        if (err instanceof RangeError) {
          throw badRequest('body.amount', 'Thời hạn quá lớn: hạn xử lý vượt ra ngoài năm 2100.');
        }
        throw err;
      }
    },
  );
}
