// End to end, as an applicant of 广东省职称管理系统 (the provincial system 清远 uses) would, one test
// per declaration (评审申请, 初次职称考核认定申请): chosen on the start page with its start choices
// (人事管理单位 showing its 主管单位, 申报系列, 级别, 专业 showing the 评委会), checked on the new draft
// they open; the bulk of a complete declaration is planted as a first-version draft
// (tests/e2e/fixtures/gd-*.json, written by engine/tests/e2e_fixtures.rs from the native
// builders) and opened from 我的草稿; on screen the applicant makes realistic mistakes and fixes
// them, reads the 资格自查 verdicts, uploads every required material, finishes on 核对信息, prints
// every report to PDF (titles, values and 「待补充」 checked with pdftotext, paper with pdfinfo) and
// submits it to the receiver for a 业务流水号. Fails on any page or console error. Screenshots:
// test-results/screens/gd-*; PDFs and their PNGs: test-results/provincial/<form>/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, plantDraft, screenshot } from './support/browser.mjs';
import { addRow, editor, expectHeading, field, fill, goToStep, next, summaryItems, yesNo } from './support/form.mjs';
import { card } from './support/materials.mjs';
import {
  A3_LANDSCAPE, chooseOnStartPage, finish, fixture, mistypeTheIdNumber, openFromMyDrafts, printEveryReport, submit,
  uploadMaterials, verdicts,
} from './support/journey.mjs';

const SYSTEM = '广东省职称管理系统（清远等）';
const ID = '440305199203040039';
// The same number with a wrong check digit (the last character).
const ID_WRONG_CHECK = '440305199203040038';
const HR_UNIT = '市直非公人事管理单位（环保专业）';
const SUPERVISOR = '清远市生态环境局';
const SERIES = '工程技术人员';
const SPECIALTY = '生态环境监测';
const COMMITTEE_MIDDLE = '清远市工程系列生态环境专业中级职称评审委员会';
const COMMITTEE_JUNIOR = '清远市工程系列生态环境专业初级职称评审委员会';
const PROJECT_PROOF = '业绩成果材料（代表作）';

// What 资格自查 shows for the planted declarations, as the engine's native verdicts on the same
// builders give them (dated 2026, the forms' evaluation year).
const VERDICTS_REVIEW = ['符合 学历资历条件（V-QUAL）', '符合 资历年限（V-YRS）', '符合 继续教育学时（V-CE）'];
const VERDICTS_RECOGNITION = ['符合 初次职称考核认定条件（V-REC）'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const message = (page, id) => page.locator(`#f-${id}-msg`);

/** The start choices of both declarations, checked again on the new draft's 申请信息 step. */
async function expectStartChoices(page, { levelLabel, level, committee }) {
  await goToStep(page, '申请信息');
  for (const [label, value] of [['申报专业系列', SERIES], [levelLabel, level], ['申报专业名称', SPECIALTY], ['评审委员会', committee]]) {
    assert.equal(await field(page, label).inputValue(), value, `the start page's ${label}`);
  }
  await goToStep(page, '个人信息');
  // Its section has the same title, so the list is found by its role.
  assert.equal(await page.getByRole('combobox', { name: '人事管理单位' }).inputValue(), HR_UNIT);
  assert.equal(await field(page, '主管单位').inputValue(), SUPERVISOR);
}

/** 考核信息: the row of `year` deleted by mistake; 下一步 is refused, naming the year as missing
 * (on the step and in the error summary); the row is added again and moved into its place. */
async function dropAndRestoreAnAppraisalYear(page, year, shot) {
  await goToStep(page, '考核信息');
  const rows = page.locator('#f-appraisals tbody tr');
  const index = (await rows.allTextContents()).findIndex((text) => text.includes(year));
  assert.ok(index >= 0, `a 考核信息 row of ${year}`);
  await page.getByRole('button', { name: `删除第 ${index + 1} 条年度考核` }).click();
  await next(page);
  await message(page, 'appraisals').locator('.message.error', { hasText: `考核信息缺少 ${year} 年` }).waitFor();
  assert.ok((await summaryItems(page)).some((item) => item.includes(`缺少 ${year} 年`)), 'named in the error summary');
  await expectHeading(page, '考核信息');
  await screenshot(page, `${shot}-05-考核信息缺少年度`);
  await addRow(page, '年度考核', async (row) => {
    await fill(row, '考核年度', year);
    await field(row, '考核结果').selectOption('称职（合格）');
    await fill(row, '出具单位', '清远市示例环境科技有限公司');
  });
  await message(page, 'appraisals').locator('.message.error').waitFor({ state: 'detached' });
  // Added last, the row is moved up into its place among the years.
  for (let number = await rows.count(); number > index + 1; number--) {
    await page.getByRole('button', { name: `上移第 ${number} 条`, exact: true }).click();
  }
  assert.equal((await rows.nth(index).textContent()).includes(year), true, `${year} back in its place`);
}

/** Opens the editor of the project named `name` and sets its 选定 to 是 or 否. */
async function chooseProject(page, name, choice) {
  await goToStep(page, '业绩成果');
  const rows = page.locator('#f-projects tbody tr');
  const index = (await rows.allTextContents()).findIndex((text) => text.includes(name));
  assert.ok(index >= 0, `a project named ${name}`);
  await page.getByRole('button', { name: `编辑第 ${index + 1} 条项目` }).click();
  const row = editor(page);
  await row.waitFor();
  await yesNo(row, '选定（纳入本次申报）', choice);
  await row.getByRole('button', { name: '完成本条' }).click();
  await row.waitFor({ state: 'detached' });
}

test('广东省系统 评审申请: start page, mistakes fixed, 取消选定, 资格自查, materials, every report on paper, submitted', async () => {
  const shot = 'gd-review';
  const name = '梁评审';
  const { context, page, errors } = await openPage(browser);
  const planted = fixture('gd-title-review');
  await plantDraft(page, { ...planted, answers: { ...planted.answers, name } });

  await chooseOnStartPage(page, {
    system: SYSTEM, business: '评审申请', shot,
    choices: [['人事管理单位', HR_UNIT], ['申报专业系列', SERIES], ['申报级别', '中级'], ['申报专业名称', SPECIALTY]],
    shows: [SUPERVISOR, COMMITTEE_MIDDLE],
  });
  assert.match(page.url(), /form=gd-title-review/);
  await expectStartChoices(page, { levelLabel: '申报级别', level: '中级', committee: COMMITTEE_MIDDLE });
  await screenshot(page, `${shot}-02-新草稿`);
  await openFromMyDrafts(page, name, { system: SYSTEM, business: '评审申请', shot });
  await goToStep(page, '个人信息');
  assert.equal(await field(page, '主管单位').inputValue(), SUPERVISOR);

  await mistypeTheIdNumber(page, { step: '个人信息', id: ID, wrong: ID_WRONG_CHECK, shot });
  await dropAndRestoreAnAppraisalYear(page, '2024', shot);

  // The representative project taken out of this declaration (取消选定): its proof is no longer
  // required (选传); chosen again (选定), it is (必传).
  await chooseProject(page, '清远市大气污染源解析', '否');
  await screenshot(page, `${shot}-06-取消选定`);
  await goToStep(page, '附件材料');
  await card(page, PROJECT_PROOF).locator('.badge', { hasText: '选传' }).waitFor();
  await chooseProject(page, '清远市大气污染源解析', '是');
  await goToStep(page, '附件材料');
  await card(page, PROJECT_PROOF).locator('.badge', { hasText: '必传' }).waitFor();

  assert.deepEqual(await verdicts(page), VERDICTS_REVIEW);
  await screenshot(page, `${shot}-07-资格自查`);

  await uploadMaterials(page, `${shot}-08`);
  await finish(page, `${shot}-09`);
  await printEveryReport(page, {
    '广东省职称评审表（生成评审表）': {
      title: '广东省职称评审表',
      values: [name, ID, HR_UNIT, SUPERVISOR, COMMITTEE_MIDDLE, '六、获现资格之前业绩', '北江支流水质监测网建设', '清远市大气污染源解析',
        // The e-mail left blank is 「待补充」; no papers or patents are 「无」.
        '电子邮箱待补充', /八、学术成果(?:(?!待补充).)*无(?:(?!待补充).)*无(?:(?!待补充).)*九、考核信息/],
    },
    '基本情况及评审登记表（空白模板）': { title: '职称申报人基本情况及评审登记表', paper: A3_LANDSCAPE, pages: 1, values: [name, '助理工程师', '广东工业大学', COMMITTEE_MIDDLE] },
    '年度考核登记表（空白模板，每年 1 份）': {
      // One sheet a year.
      title: '专业技术人员年度考核登记表', pages: 5, values: [name, '（2022 年度）', '（2023 年度）', '（2024 年度）', '（2025 年度）', '（2026 年度）'],
    },
    申报材料目录: { title: '职称申报材料目录', values: [name, '《广东省职称评审表》', `${PROJECT_PROOF}.pdf`] },
  }, { dir: 'provincial/gd-title-review', shot: `${shot}-10` });
  await submit(page, name, `${shot}-11`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('广东省系统 初次职称考核认定申请: start page, 已有职称 refused, 资格自查, materials, reports, submitted', async () => {
  const shot = 'gd-initial';
  const name = '何认定';
  const { context, page, errors } = await openPage(browser);
  const planted = fixture('gd-initial-recognition');
  await plantDraft(page, { ...planted, answers: { ...planted.answers, name } });

  await chooseOnStartPage(page, {
    system: SYSTEM, business: '初次职称考核认定申请', shot,
    choices: [['人事管理单位', HR_UNIT], ['申报专业系列', SERIES], ['认定级别', '助理级'], ['申报专业名称', SPECIALTY]],
    shows: [SUPERVISOR, COMMITTEE_JUNIOR],
  });
  assert.match(page.url(), /form=gd-initial-recognition/);
  await expectStartChoices(page, { levelLabel: '认定级别', level: '助理级', committee: COMMITTEE_JUNIOR });
  await screenshot(page, `${shot}-02-新草稿`);
  await openFromMyDrafts(page, name, { system: SYSTEM, business: '初次职称考核认定申请', shot });

  await mistypeTheIdNumber(page, { step: '个人信息', id: ID, wrong: ID_WRONG_CHECK, shot });

  // 是否已有职称 = 是 is refused (初次认定 is for those without a title) and asks for the title;
  // answered 否 again, the refusal and the title's questions go.
  await goToStep(page, '认定条件');
  await yesNo(page, '是否已有职称', '是');
  await message(page, 'holdsTitle').locator('.message.error', { hasText: '已取得职称的不能申请初次职称考核认定' }).waitFor();
  await field(page, '现职业资格名称').waitFor();
  await screenshot(page, `${shot}-05-已有职称不能认定`);
  await yesNo(page, '是否已有职称', '否');
  await message(page, 'holdsTitle').locator('.message.error').waitFor({ state: 'detached' });
  assert.equal(await field(page, '现职业资格名称').count(), 0, 'no title asked of one without a title');

  await dropAndRestoreAnAppraisalYear(page, '2025', shot);

  assert.deepEqual(await verdicts(page), VERDICTS_RECOGNITION);
  await screenshot(page, `${shot}-06-资格自查`);

  await uploadMaterials(page, `${shot}-07`);
  await finish(page, `${shot}-08`);
  await printEveryReport(page, {
    '初次职称考核认定申请表（生成申请表）': {
      title: '初次职称考核认定申请表',
      values: [name, ID, HR_UNIT, SUPERVISOR, COMMITTEE_JUNIOR, '全日制', '大学本科', '企业废水在线监测运维', '电子邮箱待补充'],
    },
    '年度考核登记表（空白模板，每年 1 份）': {
      title: '专业技术人员年度考核登记表', pages: 3, values: [name, '（2024 年度）', '（2025 年度）', '（2026 年度）'],
    },
    申报材料目录: { title: '职称申报材料目录', values: [name, '《初次职称考核认定申请表》'] },
  }, { dir: 'provincial/gd-initial-recognition', shot: `${shot}-09` });
  await submit(page, name, `${shot}-10`);
  assert.deepEqual(errors, []);
  await context.close();
});
