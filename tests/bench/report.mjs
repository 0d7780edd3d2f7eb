// Benchmark (not a test): time to build and render 表二 (《广东省职称评审表》) for a declaration
// with 200 achievement rows. Prints the engine's part (answers → document model → print-ready
// HTML, the `zhicheng:report-build` measure; target < 50 ms) and the whole preview, from the
// click on 预览 to the report in the page with style and layout done (the browser's part is
// mostly laying out some 200 tables). Median and p95 over many runs.
import { launch, openPage, FORM_URL } from '../e2e/support/browser.mjs';
import { openOnPlantedDraft, ROWS } from './support/draft.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const browser = await launch();
const { page, errors } = await openPage(browser);
await openOnPlantedDraft(page, FORM_URL);
await page.getByRole('button', { name: '报表打印' }).click();
const preview = page.getByRole('button', { name: '预览「职称评审表（表二）」' });
await preview.waitFor();

const timings = [];
for (let i = 0; i < RUNS; i++) {
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === '预览「职称评审表（表二）」');
    const start = performance.now();
    const observer = new MutationObserver(() => {
      const report = document.querySelector('article.report');
      if (!report) return;
      observer.disconnect();
      void report.offsetHeight; // forces style and layout
      resolve(performance.now() - start);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    button.click();
  }));
  timings.push(ms);
  await page.getByRole('button', { name: '返回报表列表' }).click();
  await preview.waitFor();
}
timings.sort((a, b) => a - b);
const at = (q) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))].toFixed(1);
const builds = (await page.evaluate(() => performance.getEntriesByName('zhicheng:report-build').map((e) => e.duration))).sort((a, b) => a - b);
const q = (list, f) => list[Math.min(list.length - 1, Math.floor(f * list.length))].toFixed(1);
console.log(`表二, ${ROWS} achievement rows, ${RUNS} runs:`);
console.log(`  build + render to HTML (engine)     median ${q(builds, 0.5)} ms   p95 ${q(builds, 0.95)} ms   (target: < 50 ms)`);
console.log(`  whole preview incl. browser layout  median ${at(0.5)} ms   p95 ${at(0.95)} ms`);
if (errors.length) console.log('page errors:', errors);
await browser.close();
