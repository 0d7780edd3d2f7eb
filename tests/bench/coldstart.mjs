// Benchmark (not a test): an applicant's first visit on a slow phone link, as served (brotli):
// CDP throttling of 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, and a 4× slower CPU, with
// an empty cache each run. Prints the median and p95 of the time from navigation to the pledge
// (承诺) being usable, and to the first step's first field when the pledge is accepted at once;
// and the bytes the page transferred. Then a repeat visit with no network at all, served by the
// service worker (public/sw.js) after one visit, with the same 4× slower CPU: the time to the
// pledge. Times are taken in the page (from its navigation start), so that the automation's own
// round trips do not count: the pledge when its checkbox is on screen and enabled, the first
// field as the pledge's time plus the time from the click on 「同意并开始填写」 to the field.
import { launch, FORM_URL } from '../e2e/support/browser.mjs';

const RUNS = Number(process.env.COLD_RUNS ?? 7);

/** Records in the page when the pledge can be ticked, the click on 「同意并开始填写」 and when the
 * first step's first field is there. */
function watchFirstScreens() {
  const times = (window.zcTimes = {});
  const fields = '.form-section input, .form-section select, .form-section textarea';
  new MutationObserver(() => {
    const box = document.querySelector('input[type=checkbox]');
    if (times.pledge === undefined && box && !box.disabled) times.pledge = performance.now();
    if (times.clicked !== undefined && times.field === undefined && document.querySelector(fields)) times.field = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
  addEventListener('click', (e) => {
    if (times.clicked === undefined && e.target.closest?.('button')?.textContent.includes('同意并开始填写')) times.clicked = performance.now();
  }, true);
}

/** Opens the form and waits until the pledge can be ticked; gives the page's times. */
async function openToThePledge(page) {
  await page.goto(FORM_URL, { waitUntil: 'commit' });
  await page.getByLabel('本人已阅读并同意').waitFor();
  return page.evaluate(() => window.zcTimes);
}

const browser = await launch();
const pledge = [];
const firstField = [];
let transferred = 0;
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript(watchFirstScreens);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await openToThePledge(page);
  await page.getByLabel('本人已阅读并同意').check();
  await page.getByRole('button', { name: '同意并开始填写' }).click();
  await page.locator('.form-section input, .form-section select, .form-section textarea').first().waitFor();
  const times = await page.evaluate(() => window.zcTimes);
  pledge.push(times.pledge);
  firstField.push(times.pledge + (times.field - times.clicked));
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
  await page.addInitScript(watchFirstScreens);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  repeat.push((await openToThePledge(page)).pledge);
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
