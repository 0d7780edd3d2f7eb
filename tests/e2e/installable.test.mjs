// End to end: Chromium finds nothing stopping the app from being installed (its web app manifest
// with real PNG icons, start URL and standalone display), and the manifest's icons are served.
// A profile on disk: Chromium never offers to install from an incognito context (a new Playwright
// context is one), so the test uses a persistent one, as a person's browser is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_URL, CHROMIUM_ARGS } from './support/browser.mjs';

test('Chromium reports no installability errors', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'zhicheng-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(BASE_URL);
  await page.getByRole('heading', { name: '职称申报' }).first().waitFor();
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], JSON.stringify(manifest.errors));
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.name, '职称申报');
  assert.equal(parsed.display, 'standalone');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
  for (const icon of parsed.icons) {
    const reply = await page.request.get(new URL(icon.src, BASE_URL).href);
    assert.equal(reply.headers()['content-type'], 'image/png', icon.src);
    const bytes = await reply.body();
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], `${icon.src} is a PNG`);
    assert.equal(bytes.readUInt32BE(16), Number(icon.sizes.split('x')[0]), `${icon.src} is ${icon.sizes}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});
