// End to end: every printable report of a complete 破格 declaration (long texts, 30 achievement
// rows) printed to PDF by headless Chromium with the CSS page size. Checks the paper (A4, A3
// landscape for 表三), that no page is blank, that the filled values are in the PDF text, that an
// answer holding HTML prints as text, the 「草稿」 watermark and the page numbers; saves PNGs of
// the pages (pdftoppm) under test-results/reports/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FORM_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { openOnExceptionalDraft, ROWS, SCRIPT } from './support/exceptional_draft.mjs';
import { pdf, upload } from './support/materials.mjs';

const OUT = path.resolve('test-results/reports');
let browser;
before(async () => { browser = await launch(); fs.mkdirSync(OUT, { recursive: true }); });
after(async () => { await browser?.close(); });

/** Page sizes in points, from pdfinfo. */
function pageSizes(file) {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file]).toString();
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

const text = (file, pageNo) => execFileSync('pdftotext', [...(pageNo ? ['-f', `${pageNo}`, '-l', `${pageNo}`] : []), file, '-']).toString();
// pdftotext may put spaces between CJK characters of one line; compare without white space.
const squeeze = (s) => s.replace(/\s+/g, '');

test('every report of a 破格 declaration prints to PDF with its values, paper and page numbers', async () => {
  const { context, page, errors } = await openPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  await openOnExceptionalDraft(page, FORM_URL);
  await page.getByRole('navigation', { name: '申报步骤' }).getByRole('button', { name: /附件材料/ }).click();
  await upload(page, '学历、学位证明材料', [pdf('毕业证.pdf', '毕业证', 2), pdf('学位证.pdf', '学位证', 3)]);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  await page.getByRole('button', { name: '报表打印' }).click();
  await page.locator('#page-heading', { hasText: '报表打印' }).waitFor();
  const names = await page.locator('.reports-page tbody tr td:first-child').allTextContents();
  await screenshot(page, 'reports-01-报表打印');
  assert.ok(names.includes('职称破格申报推荐表'), `the 破格 form is listed for 破格申报: ${names}`);
  assert.equal(names.length, 6);

  // What each report must show of the declaration (beyond the applicant's name).
  const common = ['林破格', '深圳市示例科技有限公司', '高级工程师'];
  const expected = {
    个人承诺书: [...common, '440305199203040039', '破格申报'],
    职称评审申报人情况登记表: [...common, '440305199203040039', '工程系列', '深圳大学', '通信工程', '本人确认以上信息真实、准确。'],
    职称破格申报推荐表: [...common, '符合职称评价标准破格申报', '轨道信号项目第1号'],
    '职称评审表（表二）': [...common, '440305199203040039', '符合职称评价标准破格申报', '深圳大学', `轨道信号项目第${ROWS}号`, '无'],
    '基本情况及评审登记表（表三）': [...common, '深圳大学', '2025'],
    '送评材料目录单（表一）': [...common, '学历、学位证明材料', '毕业证.pdf', '学位证.pdf'],
  };
  for (const name of names) {
    await page.getByRole('button', { name: `预览「${name}」` }).click();
    const report = page.locator('article.report');
    await report.waitFor();
    assert.equal(await report.locator('.watermark', { hasText: '草稿' }).count(), 1, 'draft watermark before 完成填写');
    const id = await report.getAttribute('aria-label');
    if (name.includes('表二')) await screenshot(page, 'reports-02-预览表二');
    const file = path.join(OUT, `${name}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const sizes = pageSizes(file);
    const landscapeA3 = id.includes('基本情况及评审登记表');
    for (const size of sizes) assert.deepEqual(size, landscapeA3 ? [1191, 842] : [595, 842], `${name}: paper ${size}`);
    const all = squeeze(text(file));
    for (let p = 1; p <= sizes.length; p++) {
      const pageText = squeeze(text(file, p));
      assert.ok(pageText.includes(`第${p}页共${sizes.length}页`), `${name} p${p} numbered: ${pageText.slice(-80)}`);
      assert.ok(pageText.replace(/第\d+页共\d+页|指纹[\w-]+|草稿/g, '').length > 20, `${name} p${p} is not blank`);
    }
    assert.match(all, /指纹[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}/, `${name}: fingerprint in the footer`);
    assert.ok(expected[name], `an expectation for ${name}`);
    for (const value of expected[name]) assert.ok(all.includes(squeeze(value)), `${name}: ${value} printed`);
    if (name.includes('表二')) assert.ok(all.includes(squeeze(SCRIPT)), 'HTML in an answer prints as text');
    execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(OUT, name)]);
    await page.getByRole('button', { name: '返回报表列表' }).click();
    await page.locator('#page-heading', { hasText: '报表打印' }).waitFor();
  }
  // Printing records the time, shown in the list as 已打印.
  await page.getByRole('button', { name: '预览「个人承诺书」' }).click();
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await page.getByRole('button', { name: '返回报表列表' }).click();
  await page.locator('.reports-page tbody tr', { hasText: '个人承诺书' }).getByText('已打印').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no answer ran as script');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
