// Benchmark (not a test): packaging throughput in the browser — 100 MB of attachments (ten 10 MB
// PDFs) chosen on 附件材料 until all ten are listed: each file's content checked, hashed with
// SHA-256 (WebCrypto) and stored once in IndexedDB. A package reuses these hashes, so this is the
// hashing a submission costs. Prints MB/s over a few runs.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, FORM_URL } from '../e2e/support/browser.mjs';
import { openOnPlantedDraft } from './support/draft.mjs';
import { pdf } from '../e2e/support/materials.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const FILES = 10;
const FILE_MB = 10;

const browser = await launch();
const rates = [];
for (let run = 0; run < RUNS; run++) {
  const { context, page, errors } = await openPage(browser);
  await openOnPlantedDraft(page, FORM_URL);
  await page.getByRole('navigation', { name: '申报步骤' }).getByRole('button', { name: /附件材料/ }).click();
  // Written to disk: the browser reads files this large from paths, as it would a user's.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-'));
  const files = Array.from({ length: FILES }, (_, i) => {
    const file = pdf(`扫描件-${run}-${i + 1}.pdf`, `扫描件 ${i + 1}`, 1);
    // Just under the 10 MB limit, and different content in every file and run.
    const bytes = Buffer.concat([file.buffer, Buffer.alloc(FILE_MB * 1024 * 1024 - file.buffer.length - 1024, 33 + i + run * FILES)]);
    const where = path.join(folder, file.name);
    fs.writeFileSync(where, bytes);
    return where;
  });
  const megabytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / (1024 * 1024);
  const card = page.locator('.material-card').filter({ has: page.getByRole('heading', { name: '学历、学位证明材料', exact: true }) });
  const start = Date.now();
  await card.locator('input[type=file]').setInputFiles(files);
  await card.locator('.file-row').nth(FILES - 1).waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - start) / 1000;
  rates.push(megabytes / seconds);
  if (errors.length) throw new Error(errors.join('\n'));
  fs.rmSync(folder, { recursive: true });
  await context.close();
}
await browser.close();
rates.sort((a, b) => a - b);
console.log(`attachments checked, hashed (SHA-256) and stored, ${FILES} × ${FILE_MB} MB per run, ${RUNS} runs:`);
console.log(`  median ${rates[Math.floor(rates.length / 2)].toFixed(1)} MB/s   slowest ${rates[0].toFixed(1)} MB/s`);
