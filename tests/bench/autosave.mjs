// Benchmark (not a test): main-thread time of one autosave on a declaration holding 200 rows in
// one repeat group. Counts the app's own work (the `zhicheng:autosave` User Timing measure: state
// copied and converted for the store) plus IndexedDB's synchronous part (the structured clone
// inside every put/add call, timed around those calls). Prints median and p95 over many saves.
import { launch, openPage, BASE_URL } from '../e2e/support/browser.mjs';
import { openOnPlantedDraft, ROWS } from './support/draft.mjs';

const SAVES = Number(process.env.SAVES ?? 40);

const browser = await launch();
const { page, errors } = await openPage(browser);
// Time IndexedDB's synchronous work on the main thread.
await page.addInitScript(() => {
  window.__idbMs = 0;
  for (const method of ['put', 'add']) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (...args) {
      const start = performance.now();
      try { return original.apply(this, args); } finally { window.__idbMs += performance.now() - start; }
    };
  }
});
await openOnPlantedDraft(page, BASE_URL);
const input = page.locator('#f-projects-1-summary');
await input.waitFor();

const timings = [];
for (let i = 0; i < SAVES; i++) {
  const before = await page.evaluate(() => ({ n: performance.getEntriesByName('zhicheng:autosave').length, idb: window.__idbMs }));
  await input.fill(`负责方案设计与测试（第 ${i} 次修改）。`);
  await page.waitForFunction((n) => performance.getEntriesByName('zhicheng:autosave').length > n, before.n);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  const after = await page.evaluate(() => ({ entries: performance.getEntriesByName('zhicheng:autosave'), idb: window.__idbMs }));
  const own = after.entries[after.entries.length - 1].duration;
  timings.push({ own, idb: after.idb - before.idb, total: own + after.idb - before.idb });
}

const pick = (key, q) => {
  const sorted = timings.map((t) => t[key]).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
};
console.log(`autosave main-thread time, ${ROWS} rows in one group, ${SAVES} saves:`);
console.log(`  total  median ${pick('total', 0.5)} ms   p95 ${pick('total', 0.95)} ms   (target: median < 4 ms)`);
console.log(`  app    median ${pick('own', 0.5)} ms   IndexedDB put/add median ${pick('idb', 0.5)} ms`);
console.log('  attachments: not stored yet (issue #3), so none are written by autosave.');
if (errors.length) console.log('page errors:', errors);
await browser.close();
