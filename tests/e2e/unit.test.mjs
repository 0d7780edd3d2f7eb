// End to end, the unit's side (单位经办人): a publicity batch filled in the unit's own form,
// applicants imported from the declarations in this browser and from a backup file (the same person
// is not added twice), the unit's 单位审核意见 for each (综合评价 of at least 150 字), a publicity
// period refused for having too few working days, the 公示意见 written from the name and the dates,
// the signed materials uploaded, and the unit's reports printed to PDF: one 承诺书 per applicant,
// the 公示名单 on A4 landscape with the unit's contact details, the 评前公示情况表; 评后 reports only
// once a 评后 period exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FORM_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { exceptionalDraft, openOnExceptionalDraft } from './support/exceptional_draft.mjs';
import { choose, editor, expectHeading, fill, next, yesNo } from './support/form.mjs';
import { uploadEveryRequired } from './support/materials.mjs';

const OUT = path.resolve('test-results/reports');
let browser;
before(async () => { browser = await launch(); fs.mkdirSync(OUT, { recursive: true }); });
after(async () => { await browser?.close(); });

const squeeze = (s) => s.replace(/\s+/g, '');
const pdfText = (file, pageNo) => squeeze(execFileSync('pdftotext', [...(pageNo ? ['-f', `${pageNo}`, '-l', `${pageNo}`] : []), file, '-']).toString());
const pageSizes = (file) => [...execFileSync('pdfinfo', ['-f', '1', '-l', '999', file]).toString().matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)]
  .map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);

/** 24 short lines, 500 characters at most (the field's limit). */
const LONG_OPINION = ['公示期间收到反映，经逐项核查如下：', ...Array.from({ length: 23 }, (_, i) => `第${i + 1}项：材料经核对无误。`)].join('\n');

/** A 综合评价 of 155 characters: the form asks for at least 150. */
const EVALUATION = '该同志长期从事电子信息系统研发工作，专业基础扎实，工作认真负责。近五年主持完成深圳市重点技术攻关项目两项，'
  + '解决了高速信号完整性等关键技术问题，成果已在公司三条产品线推广应用，取得良好经济效益。经核实，其申报的业绩成果、论文和专利真实有效，'
  + '专业技术水平和工作能力已达到所申报职称的要求，同意推荐其申报相应级别职称。';

/** Writes the unit's 单位审核意见 in the open row editor. */
async function review(page) {
  const row = editor(page);
  await fill(row, '所在单位对申报人完成继续教育情况的审核意见', '经审核，该同志已完成本年度继续教育任务，学时符合要求。');
  await fill(row, '单位对申报人负面情况的意见', '经核查，该同志无负面情况。');
  await fill(row, '考核年度（1）', '2025');
  await choose(row, '考核结果（1）', '称职（合格）');
  await fill(row, '单位的综合评价', EVALUATION.slice(0, 149));
  await row.locator('.message.error', { hasText: '请再补充 1 字' }).waitFor();
  await fill(row, '单位的综合评价', EVALUATION);
  await yesNo(row, '是否以考代评人员', '否');
}

/** A second applicant's declaration, planted the way the first version of the app kept drafts. */
function secondApplicant() {
  const draft = exceptionalDraft();
  Object.assign(draft.answers, { name: '王普通', idNumber: '11010519491231002X', declarationType: '普通申报', level: '中级', titleName: '工程师', specialty: '电子信息' });
  delete draft.answers.exceptionalType;
  return draft;
}

test('a unit fills a publicity batch from its applicants\' declarations and prints its reports', async () => {
  const { context, page, errors } = await openPage(browser);
  // Two declarations in this browser; the first one also exported as a backup file.
  await openOnExceptionalDraft(page, FORM_URL);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出备份' }).click()]);
  const backup = path.join(OUT, 'applicant-backup.zip');
  await download.saveAs(backup);
  await page.evaluate((d) => localStorage.setItem('zhicheng.draft.sz-title-review', JSON.stringify(d)), secondApplicant());
  await page.goto(FORM_URL);
  await page.waitForFunction(() => !localStorage.getItem('zhicheng.draft.sz-title-review'));

  // With two drafts the app opens on the 草稿箱, which leads to the unit's side.
  await expectHeading(page, '我的事项');
  await page.getByRole('link', { name: '单位经办人：审核与公示、单位报表' }).click();
  // A first visit starts a batch at once; the unit's 草稿箱 lists only that batch.
  await expectHeading(page, '单位信息');
  await page.getByRole('button', { name: '我的事项' }).click();
  await expectHeading(page, '我的事项');
  await page.getByRole('button', { name: '新建公示批次' }).waitFor();
  // The list is read from the store after the page shows: wait for its first row before counting.
  await page.locator('.drafts-table tbody tr').first().waitFor();
  assert.equal(await page.locator('.drafts-table tbody tr').count(), 1, 'the applicants\' drafts are not listed on the unit side');
  assert.equal(await page.locator('.drafts-table thead th').nth(1).textContent(), '公示年度');
  await page.getByRole('button', { name: /^打开/ }).click();
  await expectHeading(page, '单位信息');
  const stepper = page.getByRole('navigation', { name: '申报步骤' });
  assert.equal(await stepper.getByRole('button', { name: /附件材料/ }).count(), 1, 'the unit uploads its signed 承诺书 and 公示情况表');

  await fill(page, '单位名称', '深圳市示例科技有限公司');
  await fill(page, '统一社会信用代码', '91110000600037341L');
  await fill(page, '公示年度', '2026');
  await fill(page, '联系人', '陈经办');
  await fill(page, '联系电话', '0755-8888');
  await page.locator('#f-contactPhone-msg .message.error').waitFor();
  await fill(page, '联系电话', '0755-88886666');
  await fill(page, '邮政编码', '518057');
  await fill(page, '通讯地址', '深圳市南山区科技园科技南路 1 号');
  await screenshot(page, 'unit-01-单位信息');
  await next(page);
  await expectHeading(page, '申报人员');

  // Import from this browser's declarations, then the same person again from the backup file.
  await page.getByRole('button', { name: '从申报草稿导入申报人' }).click();
  const picker = page.getByRole('region', { name: '导入申报人' });
  await picker.getByRole('button', { name: '导入「林破格」' }).click();
  await picker.getByText('已导入「林破格」').waitFor();
  await picker.locator('input[type=file]').setInputFiles(backup);
  await picker.getByText('已在名单中（第 1 条）').waitFor();
  await picker.getByRole('button', { name: '导入「王普通」' }).click();
  await picker.getByText('已导入「王普通」').waitFor();
  const rows = page.locator('.group table.rows tbody tr:not(.empty)');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /林破格.*工程系列.*副高级.*通过/);
  await screenshot(page, 'unit-02-申报人员');
  // The first declaration has no 专业 yet: moving on is refused until the unit completes the row.
  await next(page);
  await page.locator('.error-summary', { hasText: '申报人员 第 1 条 · 申报专业：请填写申报专业。' }).waitFor();
  await page.getByRole('button', { name: '编辑第 1 条申报人' }).click();
  await fill(editor(page), '申报专业', '通信工程');
  await review(page);
  // A 公示 opinion of many short lines: this applicant's 公示情况表 fills two sheets. Written by
  // the unit, it is kept when the dates are entered.
  await fill(editor(page), '评前公示意见', LONG_OPINION);
  await editor(page).getByRole('button', { name: '完成本条' }).click();
  await editor(page).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '编辑第 2 条申报人' }).click();
  await review(page);
  await editor(page).getByRole('button', { name: '完成本条' }).click();
  await editor(page).waitFor({ state: 'detached' });
  await next(page);
  await expectHeading(page, '评前公示');
  // The calendar loaded from calendar/cn.json says which years it covers (without it, 10-12
  // below would be the estimate's earliest end instead of 10-13).
  await page.locator('.calendar-note', { hasText: '工作日按国务院办公厅放假安排计算（2020–2026 年）' }).waitFor();

  // 2026-10-01 to 10-09 spans the National Day holiday: two working days (10-08, 10-09); with
  // the make-up Saturday 10-10, the fifth is 10-13.
  await fill(page, '评前公示开始日期', '2026-10-01');
  await fill(page, '评前公示结束日期', '2026-10-09');
  await page.locator('.message.error', { hasText: '不足 5 个工作日' }).waitFor();
  assert.match(await page.locator('.message.error', { hasText: '不足 5 个工作日' }).textContent(), /结束日期最早应为 2026年10月13日/);
  await fill(page, '评前公示结束日期', '2026-10-13');
  await page.locator('.message.error', { hasText: '不足 5 个工作日' }).waitFor({ state: 'detached' });
  await page.getByLabel('在单位显著位置张贴').check();
  await page.getByLabel('在单位网站首页公布').check();
  await screenshot(page, 'unit-03-评前公示');
  await next(page);
  await expectHeading(page, '评后公示');
  await next(page);
  await expectHeading(page, '附件材料');
  await uploadEveryRequired(page);
  await page.locator('.materials-progress', { hasText: '必传材料已全部上传' }).waitFor();
  await next(page);
  await expectHeading(page, '核对信息');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.getByText('填写完成').waitFor();
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  // The unit's reports: 评后 ones are not listed before a 评后 period is entered.
  await page.getByRole('button', { name: '报表打印' }).click();
  await expectHeading(page, '报表打印');
  const names = await page.locator('.reports-page tbody tr td:first-child').allTextContents();
  assert.deepEqual(names, ['职称申报承诺书（单位）', '推荐申报职称评审人员公示名单', '资格评审评前公示情况表']);
  await screenshot(page, 'unit-04-报表打印');
  // `numbers`: the footer of each printed page. Every applicant's copy counts its own pages.
  const expected = {
    '职称申报承诺书（单位）': { paper: [595, 842], numbers: ['1/1', '1/1'], each: ['深圳市示例科技有限公司（盖章）'], values: ['林破格', '王普通', '440305199203040039', '11010519491231002X'] },
    推荐申报职称评审人员公示名单: { paper: [842, 595], numbers: ['1/1'], each: [], values: ['2026年度推荐申报职称评审人员公示名单', '林破格', '王普通', '女', '高级工程师/副高级', '公示时间：2026年10月01日至2026年10月13日', '联系人：陈经办', '0755-88886666', '邮政编码：518057', '深圳市南山区科技园科技南路1号'] },
    // The 公示意见 is checked in two pieces: pdftotext puts the neighbouring label's second line
    // (「举报、投诉主要」) inside the first line of a long answer.
    资格评审评前公示情况表: { paper: [595, 842], numbers: ['1/2', '2/2', '1/1'], each: ['广东省专业技术人员申报职称评前公示情况表'], values: ['林破格', '王普通', '2026年10月01日至2026年10月13日', '在单位显著位置张贴、在单位网站首页公布', '第23项：材料经核对无误。', '【王普通】同志申报材料已在单位显著位置公开张贴公示，公示期是【2026年10月', '01日至2026年10月13日】。公示期间，未收到举报投诉。'] },
  };
  for (const name of names) {
    await page.getByRole('button', { name: `预览「${name}」` }).click();
    const report = page.locator('article.report');
    await report.waitFor();
    assert.equal(await report.locator('.watermark').count(), 0, 'no 草稿 watermark once the batch is finished');
    if (name.includes('公示名单')) await screenshot(page, 'unit-05-预览公示名单');
    const want = expected[name];
    // A report printed per applicant counts each copy's sheets once it is on screen.
    const copies = want.numbers.filter((n) => n.startsWith('1/')).length;
    if (copies > 1) await page.locator(`.report-host[data-copy-sheets]`).waitFor();
    if (name.includes('情况表')) await screenshot(page, 'unit-06-预览公示情况表');
    const file = path.join(OUT, `单位-${name}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const sizes = pageSizes(file);
    assert.equal(sizes.length, want.numbers.length, `${name}: ${want.numbers.length} pages (${sizes.length})`);
    for (const size of sizes) assert.deepEqual(size, want.paper, `${name}: paper`);
    const all = pdfText(file);
    for (const value of want.values) assert.ok(all.includes(squeeze(value)), `${name}: ${value} printed`);
    for (let p = 1; p <= sizes.length; p++) {
      const text = pdfText(file, p);
      const [x, y] = want.numbers[p - 1].split('/');
      assert.deepEqual(text.match(/第\d+页共\d+页/g), [`第${x}页共${y}页`], `${name} p${p}: numbered within its copy`);
      if (x !== '1') continue;
      for (const value of want.each) assert.ok(text.includes(squeeze(value)), `${name} p${p}: ${value}`);
    }
    execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(OUT, `单位-${name}`)]);
    await page.getByRole('button', { name: '返回报表列表' }).click();
    await expectHeading(page, '报表打印');
  }

  // Once a 评后 period is entered, the 评后 reports appear.
  await page.getByRole('button', { name: '返回填写' }).click();
  await stepper.getByRole('button', { name: /评后公示/ }).click();
  await expectHeading(page, '评后公示');
  await fill(page, '评后公示开始日期', '2026-12-07');
  await fill(page, '评后公示结束日期', '2026-12-11');
  await page.getByRole('button', { name: '报表打印' }).click();
  await expectHeading(page, '报表打印');
  const later = await page.locator('.reports-page tbody tr td:first-child').allTextContents();
  assert.ok(later.includes('评后公示名单') && later.includes('资格评审评后公示情况表'), `${later}`);
  assert.deepEqual(errors, []);
  await context.close();
});
