// End to end, as an applicant: fills the whole Shenzhen declaration for 普通申报 (desktop) and for
// 考核认定 (phone width), makes mistakes, reads the error summary, fixes them and reaches 核对信息
// with no errors. Fails on any page or console error; saves a screenshot of every step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FORM_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { addRow, choose, editor, expectHeading, expectNoErrors, field, fill, next, summaryItems, yesNo } from './support/form.mjs';
import { card, uploadEveryRequired } from './support/materials.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function passPledge(page, shot) {
  await page.goto(FORM_URL);
  await expectHeading(page, '承诺');
  await screenshot(page, `${shot}-01-承诺`);
  // Mistake: trying to go on without accepting the pledge.
  await page.getByRole('button', { name: '同意并开始填写' }).click();
  const items = await summaryItems(page);
  assert.equal(items.length, 1);
  assert.match(items[0], /本人已阅读并同意/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'focus moves to the summary');
  await page.getByLabel('本人已阅读并同意').check();
  await page.getByRole('button', { name: '同意并开始填写' }).click();
  await expectHeading(page, '基本信息');
}

async function basicInfo(page, shot, person) {
  // Mistake: 下一步 with nothing filled shows a summary whose links move focus to the fields.
  await next(page);
  const items = await summaryItems(page);
  assert.ok(items.some((t) => t.startsWith('姓名：')), `summary lists 姓名: ${items}`);
  await page.locator('#error-summary a', { hasText: '姓名：' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-name');

  await fill(page, '姓名', person.name);
  // While typing the first characters nothing is reported; leaving the field reports the error.
  const id = field(page, '证件号码');
  await id.fill(person.badId.slice(0, 6));
  assert.equal(await page.locator('#f-idNumber-msg').count(), 0, 'no message while typing');
  await id.fill(person.badId);
  await id.blur();
  await page.locator('#f-idNumber-msg', { hasText: '校验位' }).waitFor();
  assert.equal(await id.getAttribute('aria-invalid'), 'true');
  assert.match(await id.getAttribute('aria-describedby'), /f-idNumber-msg/);
  await screenshot(page, `${shot}-02a-基本信息-错误`);
  await id.fill(person.id);
  await page.locator('#f-idNumber-msg').waitFor({ state: 'detached' });
  assert.equal(await field(page, '性别').inputValue(), person.gender, 'gender comes from the ID');
  assert.equal(await field(page, '出生日期').inputValue(), person.birth, 'birth date comes from the ID');

  await fill(page, '联系电话', '13800138000');
  await fill(page, '电子邮箱', 'applicant@example.com');
  await fill(page, '户籍', '广东省深圳市');
  await choose(page, '民族', '汉族');
  await choose(page, '政治面貌', '群众');
  await fill(page, '参加工作时间', person.workStart);
  await fill(page, '现参保单位', person.employer);
  await fill(page, '现参保单位组织机构代码', '91440300568520498A');
  await fill(page, '现工作单位', person.employer);
  await expectNoErrors(page);
  await screenshot(page, `${shot}-02-基本信息`);
  await next(page);
  await expectHeading(page, '教育经历');
}

async function education(page, shot, { studyMode }) {
  await addRow(page, '教育经历', async (row) => {
    await fill(row, '学历证书编号', '105901201805000123');
    await fill(row, '毕业学校', '深圳大学');
    await fill(row, '入学时间', '2014-09-01');
    // Mistake: graduation before enrolment.
    await fill(row, '毕业时间', '2013-06-30');
    await row.locator('.message.error', { hasText: '毕业时间应晚于入学时间' }).waitFor();
    await fill(row, '毕业时间', '2018-06-30');
    await choose(row, '学历层次', '大学本科');
    await fill(row, '专业名称', '机械工程');
    await choose(row, '学习形式', studyMode);
    await choose(row, '学位名称', '学士');
    await yesNo(row, '是否以该学历申请职称评审', '是');
  });
  await page.getByRole('cell', { name: '深圳大学' }).waitFor();
  await screenshot(page, `${shot}-03-教育经历`);
  await next(page);
  await expectHeading(page, '工作经历');
}

async function work(page, shot, person) {
  await addRow(page, '工作经历', async (row) => {
    await fill(row, '开始时间', `${person.workStart}-01`);
    await fill(row, '工作单位', person.employer);
    await fill(row, '工作地点', '深圳');
    await fill(row, '行政职务', '无');
    await fill(row, '主要专业技术工作内容', '负责数控机床结构设计、工艺改进与质量分析。');
    await fill(row, '证明人', '王工');
  });
  await screenshot(page, `${shot}-04-工作经历`);
  await next(page);
  await expectHeading(page, '现职称');
}

async function currentTitle(page, shot, { hasTitle }) {
  if (hasTitle) {
    await choose(page, '现资格类型', '职称');
    await fill(page, '取得时间', '2019-03-15');
    await fill(page, '现职业资格名称', '工程师');
    await choose(page, '现资格取得方式', '评审');
    await fill(page, '评审年度', '2018');
    await choose(page, '现职业资格对应的职称系列', '工程系列');
    await choose(page, '现职业资格对应的职称级别', '中级');
    await fill(page, '现资格证书发证单位', '深圳市人力资源和社会保障局');
    await fill(page, '现任专业技术职务', '工程师');
    await fill(page, '聘任专业技术职务时间', '2019-04-01');
    await yesNo(page, '是否属省外取得职称', '否');
  } else {
    // The all-or-two rule: filling one qualification field makes the others required.
    await choose(page, '现资格类型', '职业资格');
    await next(page);
    assert.ok((await summaryItems(page)).some((t) => t.startsWith('取得时间：')));
    await choose(page, '现资格类型', '');
  }
  await fill(page, '现从事专业（学科）', '机械工程');
  await fill(page, '从事本专业或相近专业工作累计(年)', '6');
  await screenshot(page, `${shot}-05-现职称`);
  await next(page);
  await expectHeading(page, '申报职称');
}

async function appliedTitle(page, shot, { type, level, title, specialty }) {
  await choose(page, '申报类型', type);
  await choose(page, '评审的资格系列', '工程系列');
  await choose(page, '评审的资格级别', level);
  await choose(page, '评审的资格名称', title);
  await choose(page, '评审的资格专业', specialty);
  await page.waitForFunction(() => document.querySelector('#f-committee')?.value.includes('评审委员会'));
  await yesNo(page, '本年度是否向深圳市属职称评审委员会以外的职称评审委员会申报同一专业相同级别', '否');
  await screenshot(page, `${shot}-06-申报职称`);
  await next(page);
  await expectHeading(page, '进修与继续教育');
}

async function continuingEducation(page, shot, years) {
  for (const [year, pub, pro, ele] of years) {
    await addRow(page, '年度学时', async (row) => {
      await fill(row, '年度', year);
      await fill(row, '公需科目学时', pub);
      await fill(row, '专业科目学时', pro);
      await fill(row, '选修科目学时', ele);
    });
  }
  if (years.length > 1) {
    // Reordering keeps keyboard focus on the moved row's button.
    const last = years.length;
    await page.getByRole('button', { name: `上移第 ${last} 条` }).click();
    const yearsInOrder = () => page.locator('.group', { hasText: '继续教育' }).locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.equal((await yearsInOrder())[last - 2], years[last - 1][0]);
    assert.match(await page.evaluate(() => document.activeElement?.id), /^up-ce-/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual(await yearsInOrder(), years.map((y) => y[0]), 'moved back down with the keyboard');
  }
  await screenshot(page, `${shot}-07-继续教育`);
  await next(page);
  await expectHeading(page, '业绩成果');
}

async function achievements(page, shot, { withItems }) {
  if (withItems) {
    await addRow(page, '项目', async (row) => {
      await choose(row, '业绩类别', '专业技术工作项目');
      await fill(row, '项目名称', '高精度数控机床主轴结构优化');
      await choose(row, '项目级别（含校级）', '市厅级');
      await choose(row, '项目角色', '主持(负责人)');
      await fill(row, '开始时间', '2021-03-01');
      // Mistake: an end date after Dec 31 of the evaluation year.
      await fill(row, '结束时间', '2027-05-01');
      await row.locator('.message.error', { hasText: '业绩材料有效期' }).waitFor();
      await fill(row, '结束时间', '2022-12-31');
      await choose(row, '项目完成状态', '已完成');
      await yesNo(row, '是否代表作', '是');
      await fill(row, '项目简介', '主持主轴结构优化，径向跳动降低 40%，已在三条产线应用。');
    });
  }
  await screenshot(page, `${shot}-08-业绩成果`);
  await next(page);
  await expectHeading(page, '学术成果');
  if (withItems) {
    await addRow(page, '论文或著作', async (row) => {
      await choose(row, '类别', '论文');
      await fill(row, '题目', '数控机床主轴热变形补偿方法研究');
      await fill(row, '刊物/出版社', '机械工程学报');
      await fill(row, 'ISSN/CN 或 ISBN', 'ISSN 1674-7445');
      await fill(row, '发表/出版（完成）时间', '2023-05-10');
      await choose(row, '本人角色', '第一作者');
      await yesNo(row, '是否代表作', '是');
    });
    await addRow(page, '专利或软件著作权', async (row) => {
      await choose(row, '类别', '发明专利');
      await fill(row, '名称', '一种主轴热变形在线补偿装置');
      await fill(row, '专利号/登记号', 'ZL202410055975.8');
      await fill(row, '授权/登记日期', '2025-01-10');
      await fill(row, '本人排名', '1');
    });
  }
  await screenshot(page, `${shot}-09-学术成果`);
  await next(page);
  await expectHeading(page, '自我评价');
}

async function selfEvaluation(page, shot, { required }) {
  if (required) {
    const text = '第一项，本人主持的主轴结构优化项目符合《广东省工程技术人才职称评价标准条件》所要求的业绩条件，具体如下：……';
    await fill(page, '自评认为具备专业技术工作（能力）条件', text);
    const counter = page.locator('#f-abilityEval-count');
    assert.equal((await counter.innerText()).replace(/\s*字$/, ''), `${[...text].length}/500`);
  }
  await screenshot(page, `${shot}-10-自我评价`);
  await next(page);
  await expectHeading(page, '负面情况');
}

async function negatives(page, shot) {
  const group = page.getByRole('group', { name: /获现职称以来/ });
  await group.getByLabel('无上述情况').check();
  // Mistake: 「无上述情况」 together with another box.
  await group.getByLabel('医疗事故').check();
  await page.locator('.message.error', { hasText: '不能与其他选项同时勾选' }).waitFor();
  await group.getByLabel('医疗事故').uncheck();
  await expectNoErrors(page);
  await screenshot(page, `${shot}-11-负面情况`);
  await next(page);
  await expectHeading(page, '报送信息');
}

async function nextStage(page, shot, unit, { differs }) {
  // On a phone the stepper scrolls sideways; the current step is kept in view.
  const inView = await page.locator('#current-step').evaluate((el) => {
    const box = el.getBoundingClientRect();
    const list = el.closest('ol').getBoundingClientRect();
    return box.left >= list.left - 1 && box.right <= list.right + 1;
  });
  assert.ok(inView, 'the current step is visible in the stepper');
  await fill(page, '报送单位（部门）', unit);
  // The unit finds the declaration by its credit code (issue #20).
  await fill(page, '报送单位统一社会信用代码', '91440300568520498A');
  if (differs) await page.locator('.notice', { hasText: '公司隶属关系证明' }).waitFor();
  await screenshot(page, `${shot}-12-报送信息`);
  await next(page);
  await expectHeading(page, '附件材料');
}

async function attachMaterials(page, shot) {
  await uploadEveryRequired(page);
  await page.locator('.materials-progress', { hasText: '必传材料已全部上传' }).waitFor();
  await screenshot(page, `${shot}-12b-附件材料`);
  await next(page);
  await expectHeading(page, '核对信息');
}

async function finish(page, shot) {
  await page.locator('.all-clear').first().waitFor();
  await expectNoErrors(page);
  await screenshot(page, `${shot}-13-核对信息`);
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.locator('.all-clear.done', { hasText: '填写完成' }).waitFor();
}

const person = {
  name: '李明', id: '440305199203040039', badId: '440305199203040038', gender: '男', birth: '1992-03-04',
  workStart: '2018-07', employer: '深圳市示例科技有限公司',
};

test('普通申报: the whole declaration, with mistakes fixed, reaches 核对信息 without errors', async () => {
  const { page, errors, context } = await openPage(browser);
  const shot = 'ordinary';
  await passPledge(page, shot);
  await basicInfo(page, shot, person);
  await education(page, shot, { studyMode: '全日制' });
  // Nothing is lost on reload: the step and the new row come back.
  await page.reload();
  await expectHeading(page, '工作经历');
  await work(page, shot, person);
  await currentTitle(page, shot, { hasTitle: true });
  await appliedTitle(page, shot, { type: '普通申报', level: '副高级', title: '高级工程师', specialty: '机械工程' });
  await continuingEducation(page, shot, [['2023', '30', '42', '18'], ['2024', '30', '42', '18'], ['2025', '30', '50', '20']]);
  await achievements(page, shot, { withItems: true });
  await selfEvaluation(page, shot, { required: true });
  await negatives(page, shot);
  await nextStage(page, shot, person.employer, { differs: false });
  await attachMaterials(page, shot);
  // The education row entered before the reload is still there.
  await page.locator('.review-section', { hasText: '教育经历' }).getByText('深圳大学').waitFor();
  await finish(page, shot);
  assert.deepEqual(errors, []);
  await context.close();
});

test('考核认定 on a phone: a part-time degree is refused on 核对信息 and fixed through the summary', async () => {
  const { page, errors, context } = await openPage(browser, { width: 390, height: 844 });
  const shot = 'recognition-phone';
  const applicant = { ...person, name: '张伟', id: '440308199901101512', badId: '440308199901101513', birth: '1999-01-10', workStart: '2018-07' };
  await passPledge(page, shot);
  await basicInfo(page, shot, applicant);
  await education(page, shot, { studyMode: '非全日制' });
  await work(page, shot, applicant);
  await currentTitle(page, shot, { hasTitle: false });
  await appliedTitle(page, shot, { type: '考核认定', level: '助理级', title: '助理工程师', specialty: '电子信息' });
  await continuingEducation(page, shot, [['2025', '30', '42', '18']]);
  await achievements(page, shot, { withItems: false });
  await selfEvaluation(page, shot, { required: false });
  await negatives(page, shot);
  await nextStage(page, shot, '深圳市某人才服务中心', { differs: true });
  // A 申报单位 other than the employer makes the 隶属关系 proof required.
  await card(page, '公司隶属关系证明').locator('.badge', { hasText: '必传' }).waitFor();
  await attachMaterials(page, shot);

  // 核对信息 shows the remaining error and refuses to finish.
  const items = await summaryItems(page);
  assert.equal(items.length, 1, `one error remains: ${items}`);
  assert.match(items[0], /考核认定只认可全日制学历/);
  await page.locator('.materials li', { hasText: '公司隶属关系证明' }).locator('.badge', { hasText: '已上传' }).waitFor();
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  assert.equal(await page.locator('.all-clear.done').count(), 0, 'finishing is refused while an error exists');
  await screenshot(page, `${shot}-13a-核对信息-错误`);

  // The summary link opens the education row with the field focused.
  await page.locator('#error-summary a').first().click();
  await expectHeading(page, '教育经历');
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-studyMode'));
  await choose(editor(page), '学习形式', '全日制');
  await editor(page).getByRole('button', { name: '完成本条' }).click();
  await page.getByRole('button', { name: /核对信息/ }).click();
  await expectHeading(page, '核对信息');
  await finish(page, shot);
  assert.deepEqual(errors, []);
  await context.close();
});
