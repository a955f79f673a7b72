import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { devPassword } from '../../db/seed/organisation.seed.js';
import { startDossierHarness, type DossierHarness } from '../support/harness.js';
import type { DossierBody } from '../support/dossiers.js';
import { startConsole, type ConsoleDriver } from './console.js';

/**
 * The Content-Security-Policy of the API (api/http-headers.ts) in a real browser: the officer console
 * (Mantine injects its styles at run time), its printed forms (a `srcdoc` frame of its own origin) and
 * Swagger UI at /docs work under it, and not one directive is violated on the way.
 */
let h: DossierHarness;
let web: ConsoleDriver;
let context: BrowserContext;
const violations: string[] = [];

beforeAll(async () => {
  h = await startDossierHarness();
  web = await startConsole(h.app);
  context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'vi-VN' });
  context.setDefaultTimeout(15_000);
  // Every violation, in every page and frame of the context, whatever its source (script, style, frame).
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber);
    });`,
  });
  context.on('console', (msg) => {
    const text = msg.text();
    if (/CSP violation|Content Security Policy/i.test(text))
      violations.push(`${msg.location().url}: ${text}`);
  });
});
afterAll(async () => {
  await context?.close();
  await web?.close();
  await h?.stop();
});

async function login(page: Page, username: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(devPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/hop-viec');
  await page.getByTestId('officer-name').waitFor();
}

it('the console, its printed forms and Swagger UI run under the CSP without one violation', async () => {
  const page = await context.newPage();
  const res = await page.goto('/dang-nhap');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await login(page, 'receiver');
  // Mantine's run-time <style> elements were applied: the page is styled, not bare HTML.
  expect(await page.locator('style[data-mantine-styles]').count()).toBeGreaterThan(0);

  for (const path of ['/tiep-nhan', '/lich-lam-viec', '/bao-cao', '/hop-viec']) {
    await page.goto(path);
    await page.getByTestId('officer-name').waitFor();
  }

  // A dossier and its Mẫu 01, printed in the console's own frame.
  const received = await h.api.receive();
  expect(received.statusCode).toBe(201);
  const { code } = received.json<DossierBody>();
  await page.goto(`/ho-so/${encodeURIComponent(code)}`);
  await expect.poll(() => page.getByTestId('dossier-code').textContent()).toContain(code);
  await page.getByRole('button', { name: /Mẫu 01/ }).click();
  const frame = page.frameLocator('[data-testid="print-frame"]');
  await expect.poll(() => frame.locator('body').textContent()).toContain(code);
  // The form's own inline styles apply inside the frame (it inherits the console's policy).
  const tableBorder = await frame
    .locator('table')
    .first()
    .evaluate((table) => {
      // Runs in the page: its `window`, typed here for this one call (the tests have no DOM types).
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { borderCollapse: string } };
      return view.getComputedStyle(table).borderCollapse;
    });
  expect(tableBorder).toBe('collapse');

  // The public lookup, without login.
  const anonymous = await context.newPage();
  await anonymous.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
  await anonymous.getByRole('button').first().waitFor();

  // Swagger UI renders the API's operations.
  const docs = await context.newPage();
  await docs.goto('/docs');
  await docs.locator('.opblock').first().waitFor();
  expect(await docs.locator('.opblock').count()).toBeGreaterThan(10);

  expect(violations).toEqual([]);
});
