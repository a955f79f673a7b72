import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AppInstance } from '../../api/app.js';
import { devPassword } from '../../db/seed/organisation.seed.js';

/** Debian's Chromium (package `chromium`, installed by `make install`): no browser is downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Where screenshots go: the README's folder when UPDATE_SCREENSHOTS=1 (then commit them), else a scratch
 * folder, so that a test run leaves the work tree clean.
 */
export const screenshotsDir =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : join(tmpdir(), 'mot-cua-screenshots');
const webDist = resolve(import.meta.dirname, '../../web/dist');

/** The app listening on a free port, and a headless Chromium to drive the console it serves. */
export interface ConsoleDriver {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser session (own storage) logged in as a seeded dev user, on the inbox. */
  loginAs(username: string): Promise<Page>;
  /** A fresh browser session without login (the public lookup). */
  anonymous(): Promise<Page>;
  close(): Promise<void>;
}

export async function startConsole(app: AppInstance): Promise<ConsoleDriver> {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(
      'web/dist is missing: `make test` builds the console (or run `npm --prefix web run build`)',
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: \`make install\` installs Debian's chromium package`);
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in a container: Chromium's sandbox needs user namespaces it may not have.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    // The browser's zone is UTC on purpose: the console must show Việt Nam times whatever the machine's.
    const context = await browser.newContext({
      baseURL: address,
      locale: 'vi-VN',
      timezoneId: 'UTC',
      viewport: { width: 1440, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    // An error thrown in the console shows in the test's output, not only as a page that never renders.
    page.on('pageerror', (err) => process.stderr.write(`[browser] ${err.stack ?? err.message}\n`));
    return page;
  };
  return {
    baseUrl: address,
    browser,
    async loginAs(username) {
      const page = await newPage();
      await page.goto('/dang-nhap');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(devPassword);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL('**/hop-viec');
      await page.getByTestId('officer-name').waitFor();
      return page;
    },
    anonymous: newPage,
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Saves a screenshot for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: false });
}

/** Whether the running app's OpenAPI document has an operation (APIs other engineers are building). */
export async function hasOperation(app: AppInstance, operationId: string): Promise<boolean> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  return res.body.includes(`"operationId":"${operationId}"`);
}

/** Opens a dossier's page and waits until it shows that dossier. */
export async function openDossier(page: Page, code: string): Promise<void> {
  await page.goto(`/ho-so/${encodeURIComponent(code)}`);
  await expect.poll(() => page.getByTestId('dossier-code').textContent()).toContain(code);
}
