// Benchmark (not a test): time from a keystroke to the updated field message, on a declaration
// holding 200 rows in one repeat group. Prints the median and p95 over many keystrokes.
import { launch, openPage, FORM_URL } from '../e2e/support/browser.mjs';
import { openOnPlantedDraft, ROWS } from './support/draft.mjs';

const KEYSTROKES = Number(process.env.KEYSTROKES ?? 200);

const browser = await launch();
const { page, errors } = await openPage(browser);
await openOnPlantedDraft(page, FORM_URL);
const selector = '#f-projects-1-summary';
await page.locator(selector).waitFor();
// Over the 200-character limit the message changes with every keystroke (「已输入 N 字…」).
await page.locator(selector).fill('测'.repeat(205));
await page.locator(`${selector}-msg`).waitFor();

const timings = await page.evaluate(async ({ selector, count }) => {
  const input = document.querySelector(selector);
  const out = [];
  for (let i = 0; i < count; i++) {
    const message = document.querySelector(`${selector}-msg`);
    const before = message.textContent;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(`${selector}-msg`)?.textContent !== before) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(input.parentElement, { subtree: true, childList: true, characterData: true });
    });
    const start = performance.now();
    input.value += '测';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    out.push((await changed) - start);
  }
  return out;
}, { selector, count: KEYSTROKES });

timings.sort((a, b) => a - b);
const pick = (q) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
console.log(`keystroke → message, ${ROWS} rows in one group, ${KEYSTROKES} keystrokes:`);
console.log(`  median ${pick(0.5).toFixed(2)} ms   p95 ${pick(0.95).toFixed(2)} ms   (target: median ≤ 8 ms)`);
if (errors.length) console.log('page errors:', errors);
await browser.close();
