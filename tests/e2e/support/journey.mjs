// A declaration's whole journey as an applicant of one of the catalogue's systems makes it, for
// the end-to-end tests: chosen on the start page, opened from 我的草稿, read on 资格自查, its
// materials uploaded, finished on 核对信息, every report of 报表打印 printed to PDF and checked
// (pdftotext for the words, pdfinfo for the paper, pdftoppm for PNGs to look at), submitted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, FORM_URL, plantDraft, screenshot } from './browser.mjs';
import { expectHeading, field, fill, goToStep } from './form.mjs';
import { uploadEveryRequired } from './materials.mjs';

const ORDINARY = JSON.parse(fs.readFileSync(new URL('./ordinary_declaration.json', import.meta.url)));

/** A complete 普通申报 in `name`'s name (answers planted, materials uploaded on screen), finished on
 * 核对信息, opened at `url` (the form's address, on whichever server and with whichever `?submit=`). */
export async function finishedDeclaration(page, name, url = FORM_URL) {
  await plantDraft(page, { ...ORDINARY, answers: { ...ORDINARY.answers, name } });
  await page.goto(url);
  await expectHeading(page, '核对信息');
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  await goToStep(page, '核对信息');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.locator('.all-clear.done', { hasText: '填写完成' }).waitFor();
}

/** A complete declaration written by the native builders (engine/tests/e2e_fixtures.rs). */
export const fixture = (form) => JSON.parse(fs.readFileSync(new URL(`../fixtures/${form}.json`, import.meta.url)));

const literally = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** On the start page: the system, the business, then each start choice `[label, value]` in order;
 * `shows` are the values the chosen ones lead to (a committee, a computed level). 开始填写 last. */
export async function chooseOnStartPage(page, { system, business, choices = [], shows = [], shot }) {
  await page.goto(BASE_URL);
  await page.getByRole('heading', { name: '职称申报', level: 1 }).waitFor();
  await page.getByRole('group', { name: '1. 选择申报系统' }).getByRole('radio', { name: new RegExp(`^${literally(system)}`) }).check();
  await page.getByRole('group', { name: '2. 选择业务' }).getByRole('radio', { name: new RegExp(`^${literally(business)}`) }).check();
  for (const [label, value] of choices) await page.getByLabel(label, { exact: true }).selectOption(value);
  for (const value of shows) await page.locator('.start-choices output', { hasText: value }).waitFor();
  await screenshot(page, `${shot}-01-选择申报`);
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.locator('#page-heading').waitFor();
}

/** 首页 → 我的草稿: the draft named `name` is listed under its system and business; opens it. */
export async function openFromMyDrafts(page, name, { system, business, shot }) {
  await page.getByRole('button', { name: '首页' }).click();
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  const row = page.locator('.all-drafts tbody tr', { hasText: name });
  await row.waitFor();
  assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 2), [system, business]);
  await screenshot(page, `${shot}-03-我的草稿`);
  await row.getByRole('button', { name: /^打开/ }).click();
  await page.locator('#page-heading').waitFor();
}

/** On `step`, 证件号码 typed with a wrong check digit (`wrong`) is refused when left (「校验位」,
 * aria-invalid), then typed right (`id`) and the message goes. */
export async function mistypeTheIdNumber(page, { step, id, wrong, shot }) {
  const message = page.locator('#f-idNumber-msg');
  await goToStep(page, step);
  await fill(page, '证件号码', wrong);
  await message.filter({ hasText: '校验位' }).waitFor();
  assert.equal(await field(page, '证件号码').getAttribute('aria-invalid'), 'true');
  await screenshot(page, `${shot}-04-证件号码校验位错误`);
  await fill(page, '证件号码', id);
  await message.waitFor({ state: 'detached' });
}

/** Opens 资格自查 from the top bar and gives each verdict as 「符合 学历资历条件（V-QUAL）」. */
export async function verdicts(page) {
  const panel = page.locator('#eligibility');
  if (!(await panel.count())) await page.getByRole('button', { name: '资格自查', exact: true }).click();
  await panel.locator('.verdicts li').first().waitFor();
  return panel.locator('.verdicts li .verdict-head').evaluateAll((heads) => heads.map((h) =>
    `${h.querySelector('.verdict-standing').textContent} ${h.querySelector('.verdict-rule').textContent}`));
}

/** 附件材料: a fitting file on every required material; nothing required is left. */
export async function uploadMaterials(page, shot) {
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await screenshot(page, `${shot}-附件材料`);
}

/** 核对信息 → 确认无误，完成填写. */
export async function finish(page, shot) {
  await goToStep(page, '核对信息');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.locator('.all-clear.done', { hasText: '填写完成' }).waitFor();
  await screenshot(page, `${shot}-核对信息-填写完成`);
}

/** Page sizes in points, from pdfinfo. */
function pageSizes(file) {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file]).toString();
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

export const pdfText = (file, pageNo) => execFileSync('pdftotext', [...(pageNo ? ['-f', `${pageNo}`, '-l', `${pageNo}`] : []), file, '-']).toString();
// pdftotext may put spaces between CJK characters of one line; compare without white space.
export const squeeze = (s) => s.replace(/\s+/g, '');

export const A4 = [595, 842];
export const A3_LANDSCAPE = [1191, 842];

/** 报表打印: the list holds exactly the reports of `expected` (by 报表名称, in order); each is
 * previewed and printed to PDF by Chromium with the CSS page size, then checked: its paper on every
 * page (and their number, when `pages` is given), its title and `values` in the text (a RegExp is matched against the text without white space), page numbers and the fingerprint, no blank page, no
 * 「草稿」 watermark (the declaration is finished). PDFs and PNGs go to test-results/<dir>/. */
export async function printEveryReport(page, expected, { dir, shot }) {
  const out = path.resolve('test-results', dir);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await page.getByRole('button', { name: '报表打印' }).click();
  await expectHeading(page, '报表打印');
  await screenshot(page, `${shot}-报表打印`);
  const names = await page.locator('.reports-page tbody tr td:first-child').allTextContents();
  assert.deepEqual(names, Object.keys(expected), 'the reports listed');
  for (const [name, { title, paper = A4, pages, values = [] }] of Object.entries(expected)) {
    await page.getByRole('button', { name: `预览「${name}」` }).click();
    const report = page.locator('article.report');
    await report.waitFor();
    assert.equal(await report.locator('.watermark').count(), 0, `${name}: no 草稿 watermark once finished`);
    const file = path.join(out, `${name}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const sizes = pageSizes(file);
    assert.ok(sizes.length > 0, `${name}: printed`);
    if (pages) assert.equal(sizes.length, pages, `${name}: on ${pages} sheet(s)`);
    for (const size of sizes) assert.deepEqual(size, paper, `${name}: paper ${size}`);
    for (let p = 1; p <= sizes.length; p++) {
      const pageText = squeeze(pdfText(file, p));
      assert.match(pageText, /第\d+页共\d+页/, `${name} p${p} numbered`);
      // More than the footer (a last page may hold one short section, e.g. 职称主管部门意见).
      assert.ok(pageText.replace(/第\d+页共\d+页|指纹[\w-]+/g, '').length >= 4, `${name} p${p} is not blank`);
    }
    const all = squeeze(pdfText(file));
    assert.match(all, /指纹[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}/, `${name}: fingerprint in the footer`);
    for (const value of [title, ...values]) {
      if (value instanceof RegExp) assert.match(all, value, `${name}: ${value} printed`);
      else assert.ok(all.includes(squeeze(value)), `${name}: 「${value}」 printed`);
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(out, name)]);
    await page.getByRole('button', { name: '返回报表列表' }).click();
    await expectHeading(page, '报表打印');
  }
  await page.getByRole('button', { name: '返回填写' }).click();
}

/** 报表打印: previews the first report listed and prints it to test-results/<name>.pdf as Chromium
 * does, with the report's CSS page size; gives the file. */
export async function printFirstReport(page, name) {
  await page.getByRole('button', { name: '报表打印' }).click();
  await expectHeading(page, '报表打印');
  await page.locator('.reports-page tbody tr').first().getByRole('button', { name: /^预览/ }).click();
  await page.locator('article.report').waitFor();
  const file = path.resolve('test-results', `${name}.pdf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

const RECEIVER_DATA = process.env.RECEIVER_DATA ?? 'receiver-data';
const RECEIVER_BIN = path.resolve(process.env.CARGO_TARGET_DIR ?? 'target', 'debug/zhicheng-receiver');

/** 提交申报 on 核对信息; waits for the receipt, finds it in the receiver's own list (its operator
 * command) with the applicant's name, and gives its 业务流水号. */
export async function submit(page, applicant, shot) {
  await goToStep(page, '核对信息');
  await page.getByRole('button', { name: '提交申报' }).click();
  const receipt = page.locator('.submit-status.sent');
  await receipt.waitFor({ timeout: 60_000 }).catch(async (e) => {
    await screenshot(page, `${shot}-未能提交`);
    throw e;
  });
  const number = (await receipt.textContent()).match(/业务流水号 (ZC\d{14})/)?.[1];
  assert.ok(number, `a 业务流水号 in 「${await receipt.textContent()}」`);
  await screenshot(page, `${shot}-已提交`);
  const stored = execFileSync(RECEIVER_BIN, ['list', '--data', RECEIVER_DATA]).toString().split('\n');
  assert.ok(stored.some((line) => line.startsWith(number) && line.includes(applicant)), `the receiver holds ${number} of ${applicant}`);
  return number;
}
