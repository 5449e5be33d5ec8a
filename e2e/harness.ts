import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp, WEB_DIST } from '../src/app.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { DatabaseHandle } from '../src/kernel/db.ts';
import { Worker } from '../src/kernel/jobs.ts';
import { loggingAdapters, setChannelAdapters } from '../src/kernel/outbox.ts';
import { seedDemo } from '../src/modules/registry/seed/demo.ts';
import { freshDatabase } from '../test/helpers.ts';

/** The real server on a free port over an in-memory demo city, and the system Chromium driving it. */
export interface Harness {
  baseUrl: string;
  app: FastifyInstance;
  handle: DatabaseHandle;
  browser: Browser;
  /** A fresh browser profile (no cookies, no localStorage): one per test. */
  newPage(opts?: { mobile?: boolean }): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  // The server only serves the client if it is built when the app is built.
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
  }
  const handle = await freshDatabase();
  await seedDemo(handle.db);
  const app = await buildApp(handle, { ...loadConfig({ ANJU_ENV: 'test' }), databaseUrl: undefined });
  setChannelAdapters(loggingAdapters(app.log));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // Delivers queued SMS (the dev inbox shows them either way) and runs background jobs.
  const worker = new Worker(handle.db, app.log, 200);
  worker.start();

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  return {
    baseUrl: address,
    app,
    handle,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: address,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        ...(opts.mobile
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1440, height: 900 } }),
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      // A page error is a bug in the client: fail loudly instead of timing out on a blank page.
      page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
      page.on('console', (m) => {
        // A 401 is how the client learns it is signed out (and how a wrong password answers): expected.
        if (/status of 401/.test(m.text())) return;
        if (m.type() === 'error' || m.type() === 'warning') console.error(`[browser ${m.type()}] ${m.text()}`);
      });
      return { page, context };
    },
    async close() {
      // A test that failed may have left a dialog open: say what it showed, where CI keeps it.
      for (const page of browser.contexts().flatMap((c) => c.pages())) {
        const open = page.locator('.ant-modal-container');
        for (const text of await open.allTextContents().catch(() => []))
          console.error(`[left open on ${page.url()}] ${text.replace(/\s+/g, ' ')}`);
      }
      await browser.close();
      await worker.stop();
      await app.close();
      await handle.close();
    },
  };
}

/** Signs in on the password tab as a person would. */
export async function passwordLogin(page: Page, username: string, password = 'Anju@2026') {
  await page.goto('/login');
  await page.getByPlaceholder(/账号|Username/).fill(username);
  await page.getByPlaceholder(/^(密码|Password)$/).fill(password);
  await page.locator('form button[type=submit]:visible').click();
}

/** Signs in on the SMS tab, reading the one-time code from the development inbox as a tester would. */
export async function phoneLogin(page: Page, context: BrowserContext, phone = '13800000001') {
  await page.goto('/login');
  await page.getByRole('tab', { name: '手机验证码' }).click();
  await page.getByPlaceholder('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByRole('button', { name: /秒后重发/ }).waitFor();
  const inbox = await context.newPage();
  await inbox.goto('/dev/inbox');
  const code = ((await inbox.getByTestId('otp-code').first().textContent()) ?? '').trim();
  await inbox.close();
  await page.getByPlaceholder('6 位验证码').fill(code);
  await page.locator('form button[type=submit]:visible').click();
  await page.waitForURL(/\/h5$/);
}
