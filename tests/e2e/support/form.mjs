// Actions an applicant takes on the declaration form, addressed the way a person sees them:
// by visible labels and button names.
import assert from 'node:assert/strict';
import { FORM_URL } from './browser.mjs';

export const next = (page) => page.getByRole('button', { name: '下一步', exact: true }).click();

export async function expectHeading(page, text) {
  await page.locator('#page-heading', { hasText: text }).waitFor();
}

/** Accepts the pledge on screen (承诺) and waits for the first step after it. */
export async function acceptPledge(page) {
  await page.getByLabel('本人已阅读并同意').check();
  await page.getByRole('button', { name: '同意并开始填写' }).click();
  await expectHeading(page, '基本信息');
}

/** Opens the app on a new declaration and accepts its pledge. */
export async function startDeclaration(page) {
  await page.goto(FORM_URL);
  await expectHeading(page, '承诺');
  await acceptPledge(page);
}

/** Jumps to a step (or 附件材料, 核对信息) from the stepper. */
export async function goToStep(page, title) {
  await page.getByRole('navigation', { name: '申报步骤' }).getByRole('button', { name: new RegExp(title) }).click();
  await expectHeading(page, title);
}

export const field = (scope, label) => scope.getByLabel(label, { exact: true });

export async function fill(scope, label, value) {
  const input = field(scope, label);
  await input.fill(value);
  await input.blur();
}

export async function choose(scope, label, value) {
  await field(scope, label).selectOption(value);
}

/** Picks 是 or 否 in the yes/no group whose legend starts with `legend`. */
export async function yesNo(scope, legend, value) {
  await scope.getByRole('group', { name: legend }).getByLabel(value, { exact: true }).check();
}

/** The open repeat-row editor. */
export const editor = (page) => page.locator('.row-editor');

/** Adds a row to a repeat group with the given filler, then closes its editor. */
export async function addRow(page, noun, filler) {
  await page.getByRole('button', { name: `+ 新增${noun}` }).click();
  const scope = editor(page);
  await scope.waitFor();
  await filler(scope);
  await scope.getByRole('button', { name: '完成本条' }).click();
  await scope.waitFor({ state: 'detached' });
}

/** The texts of the error summary's links, or [] when there is no summary. */
export async function summaryItems(page) {
  const summary = page.locator('#error-summary');
  if (!(await summary.count())) return [];
  return summary.locator('a').allInnerTexts();
}

/** Asserts there is no error message anywhere on the page. */
export async function expectNoErrors(page) {
  assert.deepEqual(await summaryItems(page), []);
  assert.equal(await page.locator('.message.error').count(), 0, 'no field error is shown');
}

/** Locks the open draft with a passphrase through the top bar's 加锁 dialog. */
export async function lockWith(page, passphrase) {
  await page.getByRole('button', { name: '加锁' }).click();
  const dialog = page.getByRole('dialog', { name: '为这份草稿加锁' });
  await dialog.getByLabel('口令（至少 8 个字符）').fill(passphrase);
  await dialog.getByLabel('再次输入口令').fill(passphrase);
  await dialog.getByRole('button', { name: '加锁' }).click();
  await page.getByRole('button', { name: '已加锁 · 解除' }).waitFor();
}
