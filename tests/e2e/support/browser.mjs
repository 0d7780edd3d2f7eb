// Launches Debian's Chromium through playwright-core and collects page and console errors, so
// that every end-to-end test can fail on them.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
/** The Shenzhen declaration's own address (the site's root shows the start page). */
export const FORM_URL = new URL('?form=sz-title-review', BASE_URL).href;
export const SCREENS = path.resolve('test-results/screens');

/** Debian's Chromium as root, headless, with nothing running in the background. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Opens a fresh page (own storage) and records every page error and console error on it. The
 * app's service worker is allowed, as in a person's browser, unless `serviceWorkers: 'block'`. */
export async function openPage(browser, { width = 1280, height = 900, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => d.accept());
  return { context, page, errors };
}

/** Saves a full-page screenshot under test-results/screens/. */
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** Plants `draft` where the first version of the app kept drafts (`zhicheng.draft.<its form id>`),
 * before the page's scripts run (once per tab): the app moves it into IndexedDB when its form
 * starts and, as the only draft, opens it. */
export async function plantDraft(page, draft) {
  await page.addInitScript((planted) => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem(`zhicheng.draft.${planted.form_id}`, JSON.stringify(planted));
      sessionStorage.setItem('planted', '1');
    }
  }, draft);
}
