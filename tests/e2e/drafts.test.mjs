// End to end, as an applicant: drafts are never lost. Type and reload; close the page 300 ms
// after the last keystroke and reopen; two tabs on one draft; the 草稿箱 (新建, 重命名, 复制, 删除
// with 撤销). Fails on any page or console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, FORM_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { expectHeading, field, fill, goToStep, startDeclaration } from './support/form.mjs';
import { listed, pdf, photo, upload } from './support/materials.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const saved = (page) => page.locator('.save-status', { hasText: '已保存' }).waitFor();

test('typed answers, the step and shown messages come back after a reload', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await fill(page, '姓名', '王小明');
  const id = field(page, '证件号码');
  await id.fill('440305199203040038'); // wrong check digit
  await id.blur();
  await page.locator('#f-idNumber-msg', { hasText: '校验位' }).waitFor();
  await saved(page);
  assert.match(page.url(), /[?&]draft=/, 'the URL names the draft');

  await page.reload();
  await expectHeading(page, '基本信息');
  assert.equal(await field(page, '姓名').inputValue(), '王小明');
  assert.equal(await field(page, '证件号码').inputValue(), '440305199203040038');
  await page.locator('#f-idNumber-msg', { hasText: '校验位' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload right after typing, before autosave runs, loses nothing', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await field(page, '姓名').pressSequentially('钱七');
  await page.reload();
  await expectHeading(page, '基本信息');
  assert.equal(await field(page, '姓名').inputValue(), '钱七');
  assert.deepEqual(errors, []);
  await context.close();
});

test('closing the page 300 ms after the last keystroke loses nothing', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await field(page, '姓名').pressSequentially('李四');
  await page.waitForTimeout(300);
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  again.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await again.goto(FORM_URL);
  await expectHeading(again, '基本信息');
  assert.equal(await field(again, '姓名').inputValue(), '李四', 'the last keystroke is there');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs on one draft never overwrite each other silently', async () => {
  const { context, page: first, errors } = await openPage(browser);
  await startDeclaration(first);
  await fill(first, '姓名', '赵一');
  await saved(first);

  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await second.goto(first.url());
  await expectHeading(second, '基本信息');
  assert.equal(await field(second, '姓名').inputValue(), '赵一');

  // The first tab saves a change; then the second tab, which has not seen it, types.
  await fill(first, '姓名', '赵一一');
  await first.locator('.save-status', { hasText: '已保存' }).waitFor();
  await first.waitForTimeout(400);
  await fill(second, '联系电话', '13800138000');
  const dialog = second.getByRole('alertdialog');
  await dialog.waitFor();
  await screenshot(second, 'drafts-01-两个标签页冲突');
  await dialog.getByRole('button', { name: /载入另一窗口的版本/ }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await field(second, '姓名').inputValue(), '赵一一', 'the other tab\'s version is loaded');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the 草稿箱 creates, renames, copies, deletes and undoes', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await fill(page, '姓名', '陈二');
  await saved(page);
  await page.getByRole('button', { name: '我的事项' }).click();
  await expectHeading(page, '我的事项');
  const rows = page.locator('table.drafts-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /陈二/);

  await page.getByRole('button', { name: '新建申报' }).click();
  await expectHeading(page, '承诺');
  await page.getByRole('button', { name: '我的事项' }).click();
  await expectHeading(page, '我的事项');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);

  // Rename the newest (blank) draft.
  const blank = rows.filter({ hasText: '未命名草稿' });
  await blank.getByRole('button', { name: '重命名' }).click();
  await page.getByLabel('新名称').fill('备用草稿');
  await page.getByLabel('新名称').press('Enter');
  await rows.filter({ hasText: '备用草稿' }).waitFor();

  // Copy the first one.
  await rows.filter({ hasText: '陈二' }).first().getByRole('button', { name: '复制' }).click();
  await rows.filter({ hasText: '（副本）' }).waitFor();
  assert.equal(await rows.count(), 3);
  await screenshot(page, 'drafts-02-草稿箱');

  // Delete (the confirm dialog is accepted), then undo.
  await rows.filter({ hasText: '备用草稿' }).getByRole('button', { name: '删除' }).click();
  await page.locator('.toast', { hasText: '已删除「备用草稿」' }).waitFor();
  await rows.filter({ hasText: '备用草稿' }).waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 2);
  await page.locator('.toast').getByRole('button', { name: '撤销' }).click();
  await rows.filter({ hasText: '备用草稿' }).waitFor();
  assert.equal(await rows.count(), 3);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'drafts-03-草稿箱-手机');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Opening a draft from the list goes to where it was left.
  await rows.filter({ hasText: '（副本）' }).getByRole('button', { name: /打开/ }).click();
  await expectHeading(page, '基本信息');
  assert.equal(await field(page, '姓名').inputValue(), '陈二');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an export with its files imports into another browser profile byte for byte; a damaged one is refused', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = path.resolve('test-results/exports');
  fs.mkdirSync(dir, { recursive: true });

  // Profile A: a draft with answers, exported from the 草稿箱.
  const a = await openPage(browser);
  await startDeclaration(a.page);
  await fill(a.page, '姓名', '周导出');
  await fill(a.page, '联系电话', '13800138000');
  await a.page.getByRole('navigation', { name: '申报步骤' }).getByRole('button', { name: /附件材料/ }).click();
  await upload(a.page, '照片', [await photo(a.page, '证件照.png', '周导出')]);
  await upload(a.page, '学历、学位证明材料', [pdf('毕业证.pdf', '毕业证 %%PDFTEXT%%', 2)]);
  await saved(a.page);
  await a.page.getByRole('button', { name: '我的事项' }).click();
  await expectHeading(a.page, '我的事项');
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.locator('table.drafts-table tbody tr', { hasText: '周导出' }).getByRole('button', { name: '导出', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^职称申报草稿-周导出\.zip$/);
  const exported = path.join(dir, 'a.zip');
  await download.saveAs(exported);
  const original = fs.readFileSync(exported);

  // Profile B: a damaged and a truncated copy are refused and change nothing; the real one imports.
  const b = await openPage(browser);
  await b.page.goto(FORM_URL);
  await expectHeading(b.page, '承诺');
  await b.page.getByRole('button', { name: '我的事项' }).click();
  await expectHeading(b.page, '我的事项');
  const rows = b.page.locator('table.drafts-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  const damaged = Buffer.from(original);
  const at = damaged.indexOf(Buffer.from('周导出', 'utf8'), damaged.indexOf('draft.json'));
  damaged[at] ^= 1;
  const damagedFile = Buffer.from(original);
  damagedFile[damagedFile.indexOf('%%PDFTEXT%%')] ^= 1;
  const cases = [['damaged.zip', damaged, /校验和不符|SHA-256 不符/], ['damaged-file.zip', damagedFile, /校验和不符|SHA-256 不符/],
    ['truncated.zip', original.subarray(0, original.length - 40), /不完整/]];
  for (const [name, bytes, reason] of cases) {
    await b.page.locator('#import-file').setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
    await b.page.locator('#drafts-message', { hasText: '导入失败' }).waitFor();
    assert.match(await b.page.locator('#drafts-message').innerText(), reason);
    assert.equal(await rows.count(), 1, `${name} stored nothing`);
  }
  await b.page.locator('#import-file').setInputFiles(exported);
  await b.page.locator('#drafts-message', { hasText: '已导入草稿「周导出」' }).waitFor();
  await rows.nth(1).waitFor();
  await screenshot(b.page, 'drafts-04-导入后');

  const [again] = await Promise.all([
    b.page.waitForEvent('download'),
    rows.filter({ hasText: '周导出' }).getByRole('button', { name: '导出', exact: true }).click(),
  ]);
  const reexported = path.join(dir, 'b.zip');
  await again.saveAs(reexported);
  assert.ok(fs.readFileSync(reexported).equals(original), 'the re-export is byte-identical');

  await rows.filter({ hasText: '周导出' }).getByRole('button', { name: /打开/ }).click();
  // The draft reopens where it was left, on 附件材料, with its files.
  await expectHeading(b.page, '附件材料');
  assert.deepEqual(await listed(b.page, '学历、学位证明材料'), ['毕业证.pdf']);
  await b.page.waitForFunction(() => document.querySelector('.file-thumb img')?.naturalWidth > 0);
  await b.page.getByRole('navigation', { name: '申报步骤' }).getByRole('button', { name: /基本信息/ }).click();
  assert.equal(await field(b.page, '联系电话').inputValue(), '13800138000');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.context.close();
  await b.context.close();
});

test('without IndexedDB (storage disabled) the form still works, says so and offers export', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await page.goto(FORM_URL);
  const notice = page.locator('.storage-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /无法使用本地数据库.*关闭或刷新页面会丢失.*导出备份/s);
  await page.getByLabel('本人已阅读并同意').check();
  await page.getByRole('button', { name: '同意并开始填写' }).click();
  await expectHeading(page, '基本信息');
  await fill(page, '姓名', '孙八');
  await page.locator('.save-status', { hasText: '仅暂存在本页' }).waitFor();
  // Files are kept in the page's memory too.
  await goToStep(page, '附件材料');
  await upload(page, '学历、学位证明材料', [pdf('毕业证.pdf', '毕业证', 1)]);
  assert.deepEqual(await listed(page, '学历、学位证明材料'), ['毕业证.pdf']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出备份' }).click()]);
  assert.match(download.suggestedFilename(), /孙八/);
  await screenshot(page, 'drafts-05-无法使用本地数据库');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tab still holding an older version of the database open is named, and the page goes on once it closes', async () => {
  const { context, page, errors } = await openPage(browser);
  // Another tab of this profile, as an older version of the app would leave it: the database
  // open at version 1 with no handler for upgrades.
  const old = await context.newPage();
  await old.goto(new URL('forms/sz-title-review.json', BASE_URL).href);
  await old.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('zhicheng', 1);
    open.onupgradeneeded = () => {
      // The stores of the database's first version.
      open.result.createObjectStore('draft_entries');
      open.result.createObjectStore('draft_bodies');
    };
    open.onsuccess = () => { window.heldOpen = open.result; resolve(); };
    open.onerror = () => reject(open.error);
  }));
  await page.goto(FORM_URL);
  const notice = page.locator('.notice', { hasText: '另一个标签页或窗口仍在使用旧版本' });
  await notice.waitFor();
  await screenshot(page, 'drafts-06-旧版本标签页');
  await old.evaluate(() => window.heldOpen.close());
  await expectHeading(page, '承诺');
  assert.equal(await notice.count(), 0, 'the notice goes once the page opens');
  assert.deepEqual(errors, []);
  await context.close();
});
