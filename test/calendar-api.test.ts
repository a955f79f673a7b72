import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import type { AppInstance } from '../api/app.js';
import { defaultVietnamCalendar } from '../domain/calendar/index.js';
import { insertCalendarVersion, listCalendarVersions } from '../db/calendar.repository.js';
import { upsertOfficer, upsertTenant } from '../db/organisation.repository.js';
import { buildTestApp, loginAs } from './support/app.js';
import { connectTestDatabase } from './support/db.js';

const db = connectTestDatabase();
let app: AppInstance;

beforeAll(async () => {
  app = await buildTestApp(db);
});
afterAll(async () => {
  await app.close();
  await db.destroy();
});

const deadline = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/deadlines', payload: payload as object });

describe('computeDeadline (public, no login)', () => {
  it('counts 25 working days received just before Tết 2026 past the whole break, and explains it', async () => {
    const res = await deadline({ from: '2026-02-11T10:00:00+07:00', amount: 25, unit: 'working_days' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      deadline: string;
      calendarVersion: number;
      explanation: { date: string; reason: string }[];
    }>();
    // The 25th working day after Wed 11/02: 12, 13/02, then (Tết 14–22/02 skipped) 23–27/02, 2–6/03,
    // 9–13/03, 16–20/03, 23, 24, 25/03 → Wed 25/03 at 10:00.
    expect(body.deadline).toBe('2026-03-25T10:00:00+07:00');
    expect(body.calendarVersion).toBe(1);
    expect(body.explanation).toContainEqual({ date: '2026-02-16', reason: 'Nghỉ Tết Nguyên đán' });
  });

  it('gives a same-day procedure received after 15:00 the next working day', async () => {
    const res = await deadline({ from: '2026-02-13T15:01:00+07:00', amount: 0, unit: 'same_day' });
    expect(res.json()).toMatchObject({ deadline: '2026-02-23T17:00:00+07:00' });
  });

  it('accepts any offset and answers in +07:00', async () => {
    const res = await deadline({ from: '2026-03-02T02:00:00Z', amount: 1, unit: 'working_days' });
    expect(res.json()).toMatchObject({ deadline: '2026-03-03T09:00:00+07:00' });
  });

  it.each([
    [{ from: '2026-03-02T09:00:00+07:00', amount: 1, unit: 'weeks' }, 'body.unit'],
    [{ from: '2026-03-02T09:00:00+07:00', amount: -1, unit: 'working_days' }, 'body.amount'],
    [{ from: '2026-03-02T09:00:00+07:00', amount: '5', unit: 'working_days' }, 'body.amount'],
    [{ from: '2026-03-02T09:00:00+07:00', amount: 1e9, unit: 'working_days' }, 'body.amount'],
    [{ from: '2026-03-02T09:00:00+07:00', amount: 1.5, unit: 'calendar_days' }, 'body.amount'],
    [{ from: '2026-03-02T09:00:00', amount: 1, unit: 'working_days' }, 'body.from'],
    [{ from: 'yesterday', amount: 1, unit: 'working_days' }, 'body.from'],
    [{ from: '2026-02-30T09:00:00+07:00', amount: 1, unit: 'working_days' }, 'body.from'],
    [{ from: '3026-03-02T09:00:00+07:00', amount: 1, unit: 'working_days' }, 'body.from'],
    [{ amount: 1, unit: 'working_days' }, 'body.from'],
    [
      { from: '2026-03-02T09:00:00+07:00', amount: 1, unit: 'working_days', tenant: 'nowhere' },
      'body.tenant',
    ],
  ])('rejects %o with 400 naming %s', async (payload, field) => {
    const res = await deadline(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
  });

  it('rejects a body that is not JSON with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/deadlines',
      headers: { 'content-type': 'application/json' },
      payload: '{"from":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('reading calendars', () => {
  it('requires a login to list calendars', async () => {
    expect((await app.inject({ url: '/calendars' })).statusCode).toBe(401);
  });

  it('lists the seeded version of the default tenant', async () => {
    const res = await app.inject({ url: '/calendars', headers: await loginAs(app, 'auditor') });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({ tenant: 'default', version: 1, effectiveFrom: '2024-01-01' }),
    );
  });

  it('lists the days of Tết 2026 as non-working with their reasons', async () => {
    const res = await app.inject({
      url: '/calendars/default/days?from=2026-02-13&to=2026-02-23',
      headers: await loginAs(app, 'receiver'),
    });
    expect(res.statusCode).toBe(200);
    const days = res.json<{ days: { date: string; working: boolean; reasons: string[] }[] }>().days;
    expect(days).toHaveLength(11);
    expect(days[0]).toMatchObject({ date: '2026-02-13', working: true });
    expect(days.slice(1, 10).every((d) => !d.working)).toBe(true);
    expect(days.find((d) => d.date === '2026-02-17')?.reasons).toContain('Nghỉ Tết Nguyên đán');
    expect(days[10]).toMatchObject({ date: '2026-02-23', working: true });
  });

  it.each([
    ['from=2026-02-30&to=2026-03-01', 'query.from'],
    ['from=2026-03-01&to=2026-02-01', 'query.to'],
    ['from=2020-01-01&to=2026-01-01', 'query.to'],
    ['from=01%2F02%2F2026&to=2026-03-01', 'query.from'],
  ])('rejects days?%s with 400 naming %s', async (query, field) => {
    const res = await app.inject({
      url: `/calendars/default/days?${query}`,
      headers: await loginAs(app, 'receiver'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
  });
});

describe('publishing a calendar version', () => {
  const tenant = 'calendar-test';
  let admin: { authorization: string };

  beforeAll(async () => {
    await upsertTenant(db, { code: tenant, name: 'Đơn vị thử lịch', unit_code: '000.00.99.T99' });
    await upsertOfficer(db, {
      tenant,
      username: 'calendar-admin',
      full_name: 'Quản trị lịch',
      email: 'calendar-admin@motcua.local',
      role: 'admin',
      division_code: null,
      password_hash: await bcrypt.hash('motcua', 4),
    });
    await db
      .transaction()
      .execute((trx) => insertCalendarVersion(trx, defaultVietnamCalendar(tenant), 'test'));
    admin = await loginAs(app, 'calendar-admin');
  });

  const base = () => {
    const { tenant: _t, version: _v, ...rest } = defaultVietnamCalendar(tenant);
    return rest;
  };
  const publish = async (body: object, headers: { authorization: string }) =>
    app.inject({ method: 'POST', url: `/calendars/${tenant}/versions`, headers, payload: body });

  it('is for admins only', async () => {
    const res = await publish(base(), await loginAs(app, 'director'));
    expect(res.statusCode).toBe(403);
  });

  it('rejects a contradictory definition whole, naming the entry at fault, and stores nothing', async () => {
    const body = base();
    body.decisions = [
      ...body.decisions,
      {
        year: 2026,
        reference: 'Thử nghiệm',
        entries: [
          { date: '2026-12-01', kind: 'day_off', reason: 'Nghỉ' },
          { date: '2026-12-01', kind: 'working_day', reason: 'Làm' },
        ],
      },
    ];
    const res = await publish(body, admin);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CALENDAR.INVALID_DEFINITION' });
    expect(res.json<{ field: string }>().field).toMatch(/^body\.decisions\.\d+\.entries\.\d+/);
    expect(await listCalendarVersions(db, tenant)).toHaveLength(1);
  });

  it('publishes a new version with a day off that moves later deadlines, leaving version 1 unchanged', async () => {
    const from = { from: '2026-11-30T09:00:00+07:00', amount: 1, unit: 'working_days', tenant };
    const before = (await deadline(from)).json<{ deadline: string }>().deadline;
    expect(before).toBe('2026-12-01T09:00:00+07:00');

    const body = base();
    body.name = 'Lịch 2026 – bổ sung ngày nghỉ 01/12';
    body.decisions = [
      ...body.decisions,
      {
        year: 2026,
        reference: 'Quyết định thử nghiệm',
        entries: [{ date: '2026-12-01', kind: 'day_off', reason: 'Nghỉ đột xuất' }],
      },
    ];
    const res = await publish(body, admin);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ tenant, version: 2, publishedBy: 'calendar-admin' });

    const after = (await deadline(from)).json<{
      deadline: string;
      calendarVersion: number;
      explanation: unknown[];
    }>();
    expect(after.calendarVersion).toBe(2);
    expect(after.deadline).toBe('2026-12-02T09:00:00+07:00');
    expect(after.explanation).toContainEqual({ date: '2026-12-01', reason: 'Nghỉ đột xuất' });

    const v1 = await app.inject({
      url: `/calendars/${tenant}/days?from=2026-12-01&to=2026-12-01&version=1`,
      headers: admin,
    });
    expect(v1.json()).toMatchObject({ version: 1, days: [{ date: '2026-12-01', working: true }] });
  });

  it('refuses a change to a published version at the database', async () => {
    await expect(
      db.updateTable('calendar_version').set({ name: 'x' }).where('tenant', '=', tenant).execute(),
    ).rejects.toThrow(/immutable/);
  });
});
