// End to end, as an applicant of 东莞市专业技术人才服务系统 would, one test per declaration (评审,
// 人工智能 认定, 考核认定): chosen on the start page with its start choices (checked on the new
// draft they open); the bulk of a complete declaration is planted as a first-version draft
// (tests/e2e/fixtures/, written by engine/tests/e2e_fixtures.rs from the native
// builders), which the app moves in when the form starts, and opened from 我的草稿; on screen the
// applicant makes realistic mistakes and fixes them, reads the 资格自查 verdicts, uploads every
// required material, finishes on 核对信息, prints every report to PDF (titles and values checked
// with pdftotext, paper size with pdfinfo) and submits it to the receiver for a 业务流水号. Fails
// on any page or console error. Screenshots: test-results/screens/dg-*; PDFs and their PNGs:
// test-results/dongguan/<form>/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, plantDraft, screenshot } from './support/browser.mjs';
import { addRow, expectHeading, field, fill, goToStep } from './support/form.mjs';
import { card } from './support/materials.mjs';
import {
  A3_LANDSCAPE, chooseOnStartPage, finish, fixture, mistypeTheIdNumber, openFromMyDrafts, printEveryReport, submit, uploadMaterials,
  verdicts,
} from './support/journey.mjs';

const SYSTEM = '东莞市';
const ID = '440305199203040039';
// The same number with a wrong check digit (the last character).
const ID_WRONG_CHECK = '440305199203040038';
const UNIT = '东莞市示例智能科技有限公司';
const LABOUR_CONTRACT = '劳动合同、单位在职证明';

// What 资格自查 shows for the planted declarations, as the engine's native verdicts on the same
// builders give them (dated 2026, the forms' evaluation year).
const VERDICTS_REVIEW = ['符合 学历资历条件（V-QUAL）', '符合 资历年限（V-YRS）', '不符合 继续教育学时（V-CE）'];
const VERDICTS_AI = ['不符合 学历资历条件（V-QUAL）'];
const VERDICTS_ASSESSMENT = ['符合 初次职称考核认定条件（V-REC）'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SENTENCE = '本人长期从事机器视觉与嵌入式系统研发，主持产线视觉检测系统的设计、调试与推广应用。';

/** A text of exactly `n` characters, written as an applicant writes: sentences, punctuation. */
function prose(n) {
  return SENTENCE.repeat(Math.ceil(n / SENTENCE.length)).slice(0, n);
}

/** Every whole sentence of `prose(n)` in a PDF's text (pdftotext may put a table's label inside
 * the first line of its long answer, so the text is not compared in one piece). */
const printedProse = (n) => new RegExp(`(?:${SENTENCE.slice(0, 6)}[\\s\\S]*?){${Math.floor(n / SENTENCE.length)}}`);

const message = (page, id) => page.locator(`#f-${id}-msg`);
const counter = (page, id) => page.locator(`#f-${id}-count`);

/** 个人专业技术工作小结: the counter shows both bounds; too short and too long are refused. */
async function workReportOutOfBounds(page, shot) {
  await goToStep(page, '工作经历');
  // Its section has the same title, so the text box is found by its role.
  const report = page.getByRole('textbox', { name: '个人专业技术工作小结' });
  const write = async (text) => { await report.fill(text); await report.blur(); };
  await write(prose(1200));
  assert.equal(await counter(page, 'workReport').textContent(), '已输入 1200 字（要求 1500–2000 字）');
  await message(page, 'workReport').filter({ hasText: '已输入 1200 字，要求 1500–2000 字，请再补充 300 字。' }).waitFor();
  await screenshot(page, `${shot}-05-工作小结太短`);
  await write(prose(2050));
  await message(page, 'workReport').filter({ hasText: '超出 2000 字的上限，请删减 50 字' }).waitFor();
  await write(prose(1680));
  assert.equal(await counter(page, 'workReport').textContent(), '已输入 1680 字（要求 1500–2000 字）');
  await message(page, 'workReport').waitFor({ state: 'detached' });
}

test('东莞 评审: start page, mistakes fixed, 资格自查, materials, every report on paper, submitted', async () => {
  const shot = 'dg-review';
  const name = '陈评审';
  const { context, page, errors } = await openPage(browser);
  const planted = fixture('dg-title-review');
  await plantDraft(page, { ...planted, answers: { ...planted.answers, name } });

  await chooseOnStartPage(page, {
    system: SYSTEM, business: '评审', shot,
    choices: [['申报评审职称级别', '中级'], ['申报系列', '工程系列'], ['申报资格名称', '工程师'], ['申报专业', '电子信息']],
  });
  await expectHeading(page, '申报级别');
  assert.match(page.url(), /form=dg-title-review/);
  for (const [label, value] of [['申报评审职称级别', '中级'], ['申报资格名称', '工程师'], ['申报专业', '电子信息'], ['申请方式', '评审']]) {
    assert.equal(await field(page, label).inputValue(), value, `the start page's ${label}`);
  }
  await screenshot(page, `${shot}-02-新草稿`);
  await openFromMyDrafts(page, name, { system: SYSTEM, business: '评审', shot });
  await expectHeading(page, '申报级别');
  assert.equal(await field(page, '职称申报点（人才联络点）').inputValue(), '东莞市电力行业协会');

  await mistypeTheIdNumber(page, { step: '基本资料', id: ID, wrong: ID_WRONG_CHECK, shot });
  // A typo in 申报单位 makes it differ from 现参保单位: the 劳动合同 becomes a required material.
  await fill(page, '申报单位', '东莞市示例智能科技公司');
  await goToStep(page, '附件材料');
  await card(page, LABOUR_CONTRACT).locator('.badge', { hasText: '必传' }).waitFor();
  await screenshot(page, `${shot}-05-劳动合同必传`);
  await goToStep(page, '基本资料');
  await fill(page, '申报单位', UNIT);
  await goToStep(page, '附件材料');
  assert.equal(await card(page, LABOUR_CONTRACT).count(), 0, 'no 劳动合同 once the units agree');

  // 工作经历简述 over 500 字, then cut down.
  await goToStep(page, '工作及进修情况');
  await fill(page, '工作经历简述', prose(520));
  await message(page, 'workSummary').filter({ hasText: '已输入 520 字，超出 500 字的上限，请删减 20 字。' }).waitFor();
  assert.equal(await counter(page, 'workSummary').textContent(), '520/500 字');
  assert.equal(await counter(page, 'workSummary').getAttribute('class'), 'counter over');
  await screenshot(page, `${shot}-06-工作经历简述超长`);
  await fill(page, '工作经历简述', prose(480));
  await message(page, 'workSummary').waitFor({ state: 'detached' });

  // 资格自查 finds no 继续教育 for 2019–2022 (the years since the current title's 评审年度); the
  // applicant adds them and every verdict is met.
  assert.deepEqual(await verdicts(page), VERDICTS_REVIEW);
  await page.locator('#eligibility .verdicts li', { hasText: '2019、2020、2021、2022 年度没有继续教育记录' }).waitFor();
  await screenshot(page, `${shot}-07-资格自查-继续教育不符合`);
  for (const year of ['2019', '2020', '2021', '2022']) {
    await addRow(page, '年度学时', async (row) => {
      await fill(row, '年度', year);
      await fill(row, '公需科目学时', '30');
      await fill(row, '专业科目学时', '42');
      await fill(row, '选修科目学时', '18');
    });
  }
  assert.deepEqual(await verdicts(page), VERDICTS_REVIEW.map((v) => v.replace('不符合', '符合')));
  await screenshot(page, `${shot}-07-资格自查-符合`);

  await uploadMaterials(page, `${shot}-08`);
  await finish(page, `${shot}-09`);
  await printEveryReport(page, {
    '送评材料目录单（表一）': { title: '中级职称送评材料目录单', values: [name, '东莞市电力行业协会', '身份证复印件（正反面）.pdf'] },
    '广东省职称评审表（表二）': { title: '广东省职称评审表', values: [name, ID, UNIT, '产线视觉检测系统', '称职（合格）', printedProse(480)] },
    '申报人基本情况及评审登记表（表三）': { title: '中级职称申报人基本情况及评审登记表', paper: A3_LANDSCAPE, pages: 1, values: [name, '助理工程师', '东莞理工学院', '产线视觉检测系统'] },
    '证书、证明材料（表四）': { title: '证书、证明材料', values: [name, '105901201405000123'] },
    '业绩、成果材料（表五）': { title: '业绩、成果材料', values: [name, '产线视觉检测系统', '2021-03-01至2022-12-31'] },
    '贴职称证相片、身份证复印件页（表六）': { title: '贴职称证相片、身份证复印件页', values: [name, ID] },
    '评前公示情况表（表七）': { title: '广东省专业技术人员申报职称评前公示情况表', values: [name, '单位网站首页公示'] },
    '年度（聘任期满）考核登记表（表八）': { title: '专业技术人员年度（聘任期满）考核登记表', values: [name, '考核年度：2023', '考核年度：2024', '考核年度：2025'] },
    纸质申报材料参考目录: { title: '职称评审申报材料参考目录', values: ['《中级职称送评材料目录单（表一）》', '《中级职称申报人基本情况及评审登记表（表三）》', LABOUR_CONTRACT] },
  }, { dir: 'dongguan/dg-title-review', shot: `${shot}-10` });
  await submit(page, name, `${shot}-11`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('东莞 人工智能 认定: committee on the start page, 工作小结 within 1500–2000 字, reports, submitted', async () => {
  const shot = 'dg-ai';
  const name = '林智能';
  const committee = '东莞市工程系列人工智能专业副高级职称评审委员会';
  const { context, page, errors } = await openPage(browser);
  const planted = fixture('dg-ai-recognition');
  await plantDraft(page, { ...planted, answers: { ...planted.answers, name } });

  // The committee brings its series, specialty, level and title with it.
  await chooseOnStartPage(page, {
    system: SYSTEM, business: '认定（人工智能）', shot,
    choices: [['评审委员会', committee]], shows: ['工程系列', '人工智能', '副高级', '高级工程师'],
  });
  await expectHeading(page, '评审委员会选择');
  assert.match(page.url(), /form=dg-ai-recognition/);
  assert.equal(await field(page, '评审委员会').inputValue(), committee);
  await screenshot(page, `${shot}-02-新草稿`);
  await openFromMyDrafts(page, name, { system: SYSTEM, business: '认定（人工智能）', shot });
  await expectHeading(page, '评审委员会选择');

  await mistypeTheIdNumber(page, { step: '基本资料', id: ID, wrong: ID_WRONG_CHECK, shot });
  await workReportOutOfBounds(page, shot);

  assert.deepEqual(await verdicts(page), VERDICTS_AI);
  await screenshot(page, `${shot}-06-资格自查`);

  await uploadMaterials(page, `${shot}-07`);
  await finish(page, `${shot}-08`);
  await printEveryReport(page, {
    人工智能职称认定申报表: { title: '人工智能职称认定申报表', values: [name, ID, committee, '高级工程师', '个人专业技术工作小结', printedProse(1680)] },
    送评材料目录单: { title: '副高级职称送评材料目录单', values: [name, '身份证（正反面）.pdf'] },
    身份证复印件页: { title: '身份证复印件页', values: [name, '身份证复印件（反面）'] },
  }, { dir: 'dongguan/dg-ai-recognition', shot: `${shot}-09` });
  await submit(page, name, `${shot}-10`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('东莞 考核认定: 人才联络点 on the start page, a 劳动合同 for another 申报单位, reports, submitted', async () => {
  const shot = 'dg-assessment';
  const name = '黄认定';
  const { context, page, errors } = await openPage(browser);
  const planted = fixture('dg-assessment');
  await plantDraft(page, { ...planted, answers: { ...planted.answers, name } });

  await chooseOnStartPage(page, {
    system: SYSTEM, business: '考核认定', shot,
    choices: [['系列', '工程系列'], ['申报级别', '助理级'], ['资格', '助理工程师'], ['专业', '电子信息'], ['人才联络点', '东莞市电力行业协会']],
  });
  await expectHeading(page, '申报资格');
  assert.match(page.url(), /form=dg-assessment/);
  for (const [label, value] of [['申报级别', '助理级'], ['资格', '助理工程师'], ['人才联络点', '东莞市电力行业协会'], ['申请方式', '考核认定']]) {
    assert.equal(await field(page, label).inputValue(), value, `the start page's ${label}`);
  }
  await screenshot(page, `${shot}-02-新草稿`);
  await openFromMyDrafts(page, name, { system: SYSTEM, business: '考核认定', shot });
  await expectHeading(page, '申报资格');

  // A mobile number one digit short, then fixed.
  await goToStep(page, '基本资料');
  await fill(page, '联系电话', '1380013800');
  await message(page, 'phone').waitFor();
  await screenshot(page, `${shot}-04-联系电话错误`);
  await fill(page, '联系电话', '13800138000');
  await message(page, 'phone').waitFor({ state: 'detached' });
  // The applicant is declared by the company's branch while insured by the company: the 劳动合同
  // is required, listed as missing on 核对信息 until it is uploaded.
  const branch = '东莞市示例智能科技有限公司松山湖分公司';
  await fill(page, '申报单位', branch);
  await workReportOutOfBounds(page, shot);

  assert.deepEqual(await verdicts(page), VERDICTS_ASSESSMENT);
  await screenshot(page, `${shot}-06-资格自查`);

  await goToStep(page, '核对信息');
  await page.locator('#missing-materials a', { hasText: `${LABOUR_CONTRACT}：暂未上传` }).waitFor();
  await uploadMaterials(page, `${shot}-07`);
  assert.equal(await card(page, LABOUR_CONTRACT).locator('.file-row').count(), 1, 'the 劳动合同 is uploaded');
  await finish(page, `${shot}-08`);
  await printEveryReport(page, {
    考核认定申报表: { title: '职称考核认定申报表', values: [name, ID, '助理工程师', '东莞市电力行业协会', branch, printedProse(1680)] },
    送评材料目录单: { title: '助理级职称送评材料目录单', values: [name, `${LABOUR_CONTRACT}.pdf`] },
    身份证复印件页: { title: '身份证复印件页', values: [name, '身份证复印件（反面）'] },
  }, { dir: 'dongguan/dg-assessment', shot: `${shot}-09` });
  await submit(page, name, `${shot}-10`);
  assert.deepEqual(errors, []);
  await context.close();
});
