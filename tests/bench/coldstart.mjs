// Benchmark (not a test): an applicant's first visit on a slow phone link, as served (brotli):
// CDP throttling of 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, and a 4× slower CPU, with
// an empty cache each run. Prints the median and p95 of the time from navigation to the pledge
// (承诺) being usable, and to the first step's first field after accepting it at once; and the
// bytes the page transferred. Then a repeat visit with no network at all, served by the service
// worker (public/sw.js) after one visit, with the same 4× slower CPU: the time to the pledge.
import { launch, FORM_URL } from '../e2e/support/browser.mjs';

const RUNS = Number(process.env.COLD_RUNS ?? 7);
const browser = await launch();
const pledge = [];
const firstField = [];
let transferred = 0;
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: process.env.SW ?? 'allow' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const started = Date.now();
  await page.goto(FORM_URL, { waitUntil: 'commit' });
  const agree = page.getByLabel('本人已阅读并同意');
  await agree.waitFor();
  await agree.check();
  pledge.push(Date.now() - started);
  await page.getByRole('button', { name: '同意并开始填写' }).click();
  await page.locator('.form-section input, .form-section select, .form-section textarea').first().waitFor();
  firstField.push(Date.now() - started);
  transferred = Math.max(transferred, bytes);
  await context.close();
}

// Repeat visits: one ordinary visit installs the worker; then the network is cut and the CPU
// slowed, and the page is opened again.
const repeat = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(FORM_URL);
  await page.getByLabel('本人已阅读并同意').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await context.setOffline(true);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const started = Date.now();
  await page.goto(FORM_URL, { waitUntil: 'commit' });
  await page.getByLabel('本人已阅读并同意').waitFor();
  repeat.push(Date.now() - started);
  await context.close();
}
await browser.close();

const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${(pick(0.5) / 1000).toFixed(2)} s   p95 ${(pick(0.95) / 1000).toFixed(2)} s`;
};
console.log(`cold start, 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, 4× CPU slowdown, empty cache, ${RUNS} runs:`);
console.log(`  to the pledge, usable        ${stats(pledge)}   (target: ≤ 2.5 s)`);
console.log(`  to the first step's field    ${stats(firstField)}   (target: ≤ 2.8 s)`);
console.log(`  transferred (as served)      ${(transferred / 1024).toFixed(1)} KB`);
console.log(`repeat visit, no network (service worker), 4× CPU slowdown, ${RUNS} runs:`);
console.log(`  to the pledge, usable        ${stats(repeat)}   (target: ≤ 0.7 s)`);
