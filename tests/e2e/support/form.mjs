// Actions an applicant takes on the declaration form, addressed the way a person sees them:
// by visible labels and button names.
import assert from 'node:assert/strict';

export const next = (page) => page.getByRole('button', { name: '下一步', exact: true }).click();

export async function expectHeading(page, text) {
  await page.locator('#page-heading', { hasText: text }).waitFor();
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
