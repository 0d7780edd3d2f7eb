// End to end, as an applicant: attaching materials. Files refused by content, size and type with
// a message that says why; page counts and thumbnails; reorder and remove; everything back after
// a reload; a file reused from 我的资料库 in another draft without being stored twice; autosave
// never rewrites a stored file. Fails on any page or console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { acceptPledge, expectHeading, fill, goToStep, startDeclaration } from './support/form.mjs';
import { card, listed, pdf, photo, upload } from './support/materials.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const EDU = '学历、学位证明材料';

/** Counts IndexedDB writes to the file store, to prove autosave leaves files alone. */
function countFileWrites() {
  window.__fileWrites = 0;
  for (const method of ['put', 'add']) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (...args) {
      if (this.name === 'file_blobs') window.__fileWrites += 1;
      return original.apply(this, args);
    };
  }
}

async function toMaterials(page) {
  await startDeclaration(page);
  await goToStep(page, '附件材料');
}

const problems = (page, name) => card(page, name).locator('.upload-problems');

test('files are checked by content, counted, previewed, reordered, removed and kept across a reload', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.addInitScript(countFileWrites);
  await toMaterials(page);
  await page.locator('.materials-progress', { hasText: '必传材料未上传' }).waitFor();

  // Mistakes: a Word document renamed .pdf, a file over 10 MB, a PDF where a photo is asked for.
  const word = { name: '学历证明.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 1)]) };
  await card(page, EDU).locator('input[type=file]').setInputFiles([word]);
  await problems(page, EDU).waitFor();
  assert.match(await problems(page, EDU).innerText(), /「学历证明\.pdf」的内容是Word\/Excel 文档或压缩包.*另存为（或打印为）PDF/);
  const big = { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 32)]) };
  await card(page, EDU).locator('input[type=file]').setInputFiles([big]);
  await problems(page, EDU).filter({ hasText: '超过单个文件 10 MB' }).waitFor();
  await card(page, '照片').locator('input[type=file]').setInputFiles([pdf('照片.pdf', 'not a photo', 1)]);
  await problems(page, '照片').filter({ hasText: '此项只接受JPEG 或 PNG 图片' }).waitFor();
  assert.equal(await card(page, EDU).locator('.file-row').count(), 0, 'nothing refused is attached');
  await screenshot(page, 'attachments-01-拒绝的文件');

  // Good files: page counts for PDFs, a thumbnail for the photo.
  await upload(page, EDU, [pdf('毕业证.pdf', '毕业证', 2), pdf('学位证.pdf', '学位证', 1), pdf('学信网认证.pdf', '认证', 3)]);
  await card(page, EDU).locator('.file-row', { hasText: '毕业证.pdf' }).getByText('共 2 页').waitFor();
  await card(page, EDU).locator('.file-row', { hasText: '学信网认证.pdf' }).getByText('共 3 页').waitFor();
  await upload(page, '照片', [await photo(page, '证件照.png', '李明')]);
  const thumb = card(page, '照片').locator('.file-thumb img');
  await thumb.waitFor();
  await page.waitForFunction(() => document.querySelector('.file-thumb img')?.naturalWidth > 0);

  // The same content twice in one material is refused.
  await card(page, EDU).locator('input[type=file]').setInputFiles([pdf('毕业证-副本.pdf', '毕业证', 2)]);
  await problems(page, EDU).filter({ hasText: '内容相同' }).waitFor();

  // Reorder and remove, by keyboard-reachable buttons named after the file.
  await card(page, EDU).getByRole('button', { name: '上移「学信网认证.pdf」' }).click();
  assert.deepEqual(await listed(page, EDU), ['毕业证.pdf', '学信网认证.pdf', '学位证.pdf']);
  await card(page, EDU).getByRole('button', { name: '移除「毕业证.pdf」' }).click();
  assert.deepEqual(await listed(page, EDU), ['学信网认证.pdf', '学位证.pdf']);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await screenshot(page, 'attachments-02-已上传');

  // Typing elsewhere autosaves the draft but never writes a file again.
  const written = await page.evaluate(() => window.__fileWrites);
  assert.equal(written, 4, 'each accepted file was stored once');
  await page.getByRole('button', { name: /基本信息/ }).click();
  await fill(page, '姓名', '李明');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => window.__fileWrites), written, 'autosave wrote no file');

  // After a reload everything is back, previews included.
  await page.reload();
  await page.getByRole('navigation', { name: '申报步骤' }).getByRole('button', { name: /附件材料/ }).click();
  await expectHeading(page, '附件材料');
  assert.deepEqual(await listed(page, EDU), ['学信网认证.pdf', '学位证.pdf']);
  await page.waitForFunction(() => document.querySelector('.file-thumb img')?.naturalWidth > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file stored for one draft is reused from 我的资料库 in another without a second copy', async () => {
  const { context, page, errors } = await openPage(browser);
  await toMaterials(page);
  await upload(page, EDU, [pdf('毕业证.pdf', '毕业证', 2)]);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  await page.getByRole('button', { name: '我的事项' }).click();
  await expectHeading(page, '我的事项');
  await page.getByRole('button', { name: '新建申报' }).click();
  await expectHeading(page, '承诺');
  await acceptPledge(page);
  await goToStep(page, '附件材料');
  assert.equal(await card(page, EDU).locator('.file-row').count(), 0, 'the new draft starts with no files');
  await card(page, EDU).getByRole('button', { name: '从我的资料库选择' }).click();
  const library = card(page, EDU).getByRole('region', { name: '我的资料库' });
  await library.getByText('毕业证.pdf').waitFor();
  await screenshot(page, 'attachments-03-我的资料库');
  await library.getByRole('button', { name: '选用「毕业证.pdf」' }).click();
  assert.deepEqual(await listed(page, EDU), ['毕业证.pdf']);
  await card(page, EDU).getByText('共 2 页').waitFor();
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('zhicheng');
    open.onsuccess = () => {
      const count = open.result.transaction('file_blobs').objectStore('file_blobs').count();
      count.onsuccess = () => { resolve(count.result); open.result.close(); };
      count.onerror = () => reject(count.error);
    };
    open.onerror = () => reject(open.error);
  }));
  assert.equal(stored, 1, 'one stored copy serves both drafts');
  assert.deepEqual(errors, []);
  await context.close();
});
