import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import type { AppInstance } from '../../api/app.js';
import { toVnDate } from '../../domain/calendar/index.js';
import type { Database } from '../../db/database.js';
import { ensureSearchAttributes } from '../../worker/temporal-namespace.js';
import { buildTestApp, loginAs } from '../support/app.js';
import { CORRECTION } from '../support/dossiers.js';
import { connectTestDatabase } from '../support/db.js';
import { createDiscardMailer } from '../support/discard-mailer.js';
import { testLogger } from '../support/logger.js';
import { testStorage } from '../support/storage.js';
import { screenshot, startConsole, type ConsoleDriver } from './console.js';

/**
 * A leader sees an overdue dossier in the leader view and signs the apology with a new appointment
 * (Mẫu 04). The dossier runs on time-skipping Temporal (real worker and activities), so its 5 working
 * days pass in a moment; the console is the real app serving the real build in Chromium.
 */
let env: TestWorkflowEnvironment;
let db: Database;
let worker: Worker;
let running: Promise<void>;
let app: AppInstance;
let web: ConsoleDriver;
const taskQueue = `console-leader-${randomUUID()}`;
const DAY = 86_400_000;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  db = connectTestDatabase();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code: inject('workflowBundleCode') },
    activities: createActivities({ ...testStorage(), db, log: testLogger, mailer: createDiscardMailer() }),
  });
  running = worker.run();
  app = await buildTestApp(db, {
    temporal: {
      client: env.client,
      taskQueue,
      namespace: env.namespace ?? 'default',
      uiUrl: 'http://localhost:8233',
    },
  });
  web = await startConsole(app);
});
afterAll(async () => {
  await web?.close();
  await app?.close();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
});

interface LateList {
  items: { code: string; overdue: boolean; apologyRequired: boolean }[];
}

async function lateItem(code: string, username = 'director') {
  const res = await app.inject({
    method: 'GET',
    url: '/dossiers/late',
    headers: await loginAs(app, username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LateList>().items.find((i) => i.code === code);
}

/** The first working day strictly after `date` (YYYY-MM-DD), from the calendar API. */
async function workingDayAfter(date: string): Promise<string> {
  const to = toVnDate(Date.parse(`${date}T12:00:00+07:00`) + 20 * DAY);
  const res = await app.inject({
    method: 'GET',
    url: `/calendars/default/days?from=${date}&to=${to}`,
    headers: await loginAs(app, 'director'),
  });
  const day = res
    .json<{ days: { date: string; working: boolean }[] }>()
    .days.find((d) => d.date > date && d.working);
  return day!.date;
}

describe('leader view', () => {
  it(
    'a leader sees an overdue dossier and signs the apology with a new appointment',
    { timeout: 120_000 },
    async () => {
      const received = await app.inject({
        method: 'POST',
        url: '/dossiers',
        headers: await loginAs(app, 'receiver'),
        payload: {
          procedureCode: CORRECTION.code,
          applicant: {
            fullName: 'Trịnh Văn Muộn',
            idNumber: '036090007777',
            address: 'Xã Hải Hậu, tỉnh Ninh Bình',
          },
          components: CORRECTION.components,
        },
      });
      expect(received.statusCode, received.body).toBe(201);
      const { code, appointmentAt } = received.json<{ code: string; appointmentAt: string }>();

      // Nobody acts: skip past the appointment (5 working days) until the legal clock flags it overdue.
      await env.sleep(Date.parse(appointmentAt) + DAY - (await env.currentTimeMs()));
      for (let i = 0; i < 100 && !(await lateItem(code))?.overdue; i++) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await lateItem(code)).toMatchObject({ overdue: true, apologyRequired: true });

      const page = await web.loginAs('director');
      await page.getByRole('link', { name: 'Hồ sơ trễ hạn' }).click();
      const row = page.getByTestId('late-dossiers').locator(`tr[data-code="${code}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('Quá hạn');
      expect(await page.getByTestId('by-division').textContent()).toMatch(/Bộ phận Một cửa|BPMC/);
      expect(await page.getByTestId('by-procedure').textContent()).toContain('Chỉnh sửa nội dung văn bằng');
      await screenshot(page, 'leader');

      await page
        .getByTestId('apologies-to-sign')
        .locator(`tr[data-code="${code}"]`)
        .getByRole('button')
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Lý do chậm trễ').fill('Phòng chuyên môn chưa xác minh xong hồ sơ gốc');
      // A new appointment that is not later than the old one is refused, next to the date field.
      const now = await env.currentTimeMs();
      await dialog.getByLabel('Ngày hẹn trả mới').fill(toVnDate(Date.parse(appointmentAt)));
      await dialog.getByRole('button', { name: 'Ký phiếu xin lỗi' }).click();
      await expect.poll(() => dialog.locator('.mantine-TextInput-error').textContent()).toMatch(/ngày|hẹn/i);

      const newDate = await workingDayAfter(toVnDate(now + 2 * DAY));
      await dialog.getByLabel('Ngày hẹn trả mới').fill(newDate);
      await dialog.getByRole('button', { name: 'Ký phiếu xin lỗi' }).dblclick();
      await page.getByTestId('apology-done').waitFor();

      const dossier = await app.inject({
        method: 'GET',
        url: `/dossiers/${encodeURIComponent(code)}`,
        headers: await loginAs(app, 'auditor'),
      });
      const view = dossier.json<{
        appointmentAt: string;
        apology: { signerName: string; late: boolean } | null;
      }>();
      // Signed once the appointment had passed: after its legal limit, recorded late.
      expect(view.apology).toMatchObject({ signerName: 'Đỗ Quang Huy', late: true });
      expect(view.appointmentAt.slice(0, 10)).toBe(newDate);
      await expect.poll(async () => (await lateItem(code))?.apologyRequired ?? false).toBe(false);
      // The late list marks the late apology.
      await expect.poll(() => row.textContent()).toContain('Xin lỗi muộn');

      // The dossier page shows the apology, and Mẫu 04 is among its forms.
      await page.goto(`/ho-so/${encodeURIComponent(code)}`);
      await page.getByText('Đã ký phiếu xin lỗi và hẹn lại').waitFor();
      expect(await page.getByTestId('apology-late').textContent()).toBe('Xin lỗi muộn');
      await page.getByRole('button', { name: /Mẫu 04/ }).click();
      const frame = page.frameLocator('[data-testid="print-frame"]');
      await expect.poll(() => frame.locator('body').textContent()).toMatch(/xin lỗi/i);
    },
  );
});
