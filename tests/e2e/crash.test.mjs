// End to end: a crash is never a frozen page. When the app's WebAssembly stops (a panic aborts the
// module in the release build and later calls throw WebAssembly.RuntimeError), the page says so
// in Chinese with 「重新加载」, and reloading brings back everything autosaved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { expectHeading, field, fill, startDeclaration } from './support/form.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a stopped module shows a message with 重新加载, and the reload keeps the draft', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await fill(page, '姓名', '崩溃测试');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  // What the module's abort looks like to the page: an uncaught WebAssembly.RuntimeError.
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  const notice = page.getByRole('alertdialog', { name: '页面出现错误，已停止运行' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /最后一次自动保存/);
  const reload = notice.getByRole('button', { name: '重新加载' });
  assert.ok(await reload.evaluate((b) => b === document.activeElement), 'the button has the focus');
  await screenshot(page, 'crash-01-已停止运行');

  await page.keyboard.press('Enter');
  await expectHeading(page, '基本信息');
  assert.equal(await field(page, '姓名').inputValue(), '崩溃测试');
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'the notice is gone after the reload');
  assert.deepEqual(errors.filter((e) => !e.includes('unreachable')), []);
  await context.close();
});
