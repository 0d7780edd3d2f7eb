// End to end, typing in a repeat row's editor with the real keyboard: focus stays on the same
// field element and every character arrives, when a keystroke takes a text across its length
// limit in either direction (its message comes and goes) and when the field is one of the row
// list's columns (the list changes with every keystroke).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { editor, field, goToStep, startDeclaration } from './support/form.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Marks the focused element, so a later check can tell whether it is still the same node. */
const tagFocused = (page, tag) => page.evaluate((t) => { document.activeElement.dataset.typingProbe = t; }, tag);

/** The tag of the focused element, or what has focus instead when it is not a tagged field. */
const focusedTag = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el?.dataset?.typingProbe ?? `<${el?.tagName.toLowerCase()} id=${el?.id}>`;
});

async function expectStillTyping(page, control, tag, value, what) {
  assert.equal(await focusedTag(page), tag, `focus stays on the field ${what}`);
  assert.equal(await control.inputValue(), value, `every character arrived ${what}`);
}

test('typing across a row field\'s length limit keeps focus and every character', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await goToStep(page, '业绩成果');
  await page.getByRole('button', { name: '+ 新增项目' }).click();
  const row = editor(page);
  await row.waitFor();

  // A field of the row list's columns: each keystroke changes the list above the editor.
  const name = field(row, '项目名称');
  await name.focus();
  await tagFocused(page, 'name');
  await page.keyboard.type('主轴结构优化');
  await expectStillTyping(page, name, 'name', '主轴结构优化', 'while the row list changes');
  await page.getByRole('cell', { name: '主轴结构优化' }).waitFor();

  // 项目简介 allows 200 characters. Written once and left, so its limit message shows while typing.
  const summary = field(row, '项目简介');
  const counter = row.locator('.counter', { hasText: '/200' });
  const over = row.locator('.message.error', { hasText: '超出 200 字的上限' });
  const start = '字'.repeat(198);
  await summary.fill(start);
  await summary.blur();
  await summary.focus();
  await page.keyboard.press('Control+End');
  await tagFocused(page, 'summary');

  await page.keyboard.type('abc');
  await over.waitFor();
  await expectStillTyping(page, summary, 'summary', `${start}abc`, 'from 200 to 201 characters');
  assert.equal(await summary.getAttribute('aria-invalid'), 'true');
  assert.equal((await counter.innerText()).replace(/\s*字$/, ''), '201/200');
  await screenshot(page, 'row-editor-over-limit');

  await page.keyboard.press('Backspace');
  await over.waitFor({ state: 'detached' });
  await expectStillTyping(page, summary, 'summary', `${start}ab`, 'from 201 back to 200 characters');
  assert.equal(await summary.getAttribute('aria-invalid'), null);

  await page.keyboard.press('Backspace');
  await page.keyboard.type('de');
  await over.waitFor();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('f');
  await over.waitFor({ state: 'detached' });
  await expectStillTyping(page, summary, 'summary', `${start}af`, 'after crossing the limit again and back');
  assert.equal((await counter.innerText()).replace(/\s*字$/, ''), '200/200');

  assert.deepEqual(errors, []);
  await context.close();
});
