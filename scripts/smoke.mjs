// Opens the app once in headless Chromium and checks that it starts: the pledge (承诺) or the top
// bar within 15 s, and no page or console error. Used by scripts/measure-release-flags.sh on each
// bundle it measures, and by hand: `node scripts/smoke.mjs http://127.0.0.1:8080/`.
import { launch, openPage } from '../tests/e2e/support/browser.mjs';

const url = process.argv[2] ?? process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
const browser = await launch();
let failure = null;
try {
  const { page, errors } = await openPage(browser);
  await page.goto(url);
  const first = page.locator('#page-heading, .topbar').first();
  await first.waitFor({ timeout: 15000 });
  const heading = (await page.locator('#page-heading').first().textContent({ timeout: 2000 }).catch(() => null)) ?? '';
  await page.waitForTimeout(500);
  if (errors.length) failure = `errors on the page:\n  ${errors.join('\n  ')}`;
  else console.log(`started: ${url} (heading: ${heading.trim() || '—'})`);
} catch (e) {
  failure = `did not start within 15 s: ${e.message.split('\n')[0]}`;
} finally {
  await browser.close();
}
if (failure) {
  console.error(`SMOKE CHECK FAILED (${url}): ${failure}`);
  process.exit(1);
}
