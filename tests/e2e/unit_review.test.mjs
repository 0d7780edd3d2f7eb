// End to end, after 提交: the unit's review reaches the applicant, in two browser profiles (the
// applicant's and the unit officer's) against the reference receiver started by scripts/test.sh
// (RECEIVER_URL, RECEIVER_DATA). The operator issues the unit a key; the applicant submits; the
// unit opens the declaration read-only from 待审核的申报, writes its 审核意见 (a 综合评价 under 150
// 字 refused) and returns it with a reason; the applicant sees 退回, the reason and the timeline in
// 我的事项, fixes the declaration and sends it again; the unit passes it on with its signed
// 单位承诺书; the applicant sees 单位已报送. A second applicant ends a returned declaration
// (终止申报). Screenshots of each step at phone and desktop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { addRow, choose, expectHeading, fill, goToStep, yesNo } from './support/form.mjs';
import { finishedDeclaration } from './support/journey.mjs';
import { pdf, upload } from './support/materials.mjs';

const RECEIVER_DATA = process.env.RECEIVER_DATA ?? 'receiver-data';
const RECEIVER_BIN = path.resolve(process.env.CARGO_TARGET_DIR ?? 'target', 'debug/zhicheng-receiver');
const UNIT_FORM_URL = new URL('?form=sz-unit-review', BASE_URL).href;
const REASON = '工作经历中的单位名称与劳动合同不一致，请核对后修改。';
const EVALUATION = '该同志长期从事机械工程技术工作，专业基础扎实，工作认真负责。近五年主持完成深圳市重点技术攻关项目两项，'
  + '解决了精密加工中的关键技术问题，成果已在公司三条产品线推广应用，取得良好经济效益。经核实，其申报的业绩成果、论文和专利真实有效，'
  + '专业技术水平和工作能力已达到所申报职称的要求，同意推荐其申报相应级别职称。';

let browser;
let unitKey;
before(async () => {
  browser = await launch();
  // The operator issues the unit its key; it is printed once, on the last line.
  const issued = execFileSync(RECEIVER_BIN, ['unit-key', 'add', '91440300568520498A', '深圳市示例科技有限公司', '--data', RECEIVER_DATA]).toString();
  unitKey = issued.trim().split('\n').at(-1);
  assert.match(unitKey, /^[0-9a-f]{64}$/);
});
after(async () => { await browser?.close(); });

/** The applicant submits a finished declaration in `name`'s name; its 业务流水号. */
async function submitted(page, name) {
  await finishedDeclaration(page, name);
  await page.getByRole('button', { name: '提交申报' }).click();
  const sent = page.locator('.submit-status.sent');
  await sent.waitFor({ timeout: 60_000 });
  return (await sent.textContent()).match(/ZC\d{14}/)[0];
}

/** The unit's 我的事项, with its key entered (once per tab), listing the declarations reported to it. */
async function unitInbox(page) {
  await page.goto(UNIT_FORM_URL);
  await page.getByRole('heading', { name: '待审核的申报' }).waitFor();
  const key = page.getByLabel('单位密钥');
  if (await key.count()) {
    await key.fill(unitKey);
    await page.getByRole('button', { name: '查询待审核的申报' }).click();
  } else {
    await page.getByRole('button', { name: '刷新' }).click();
  }
  await page.locator('.unit-inbox .lead', { hasText: '深圳市示例科技有限公司' }).waitFor();
}

/** The unit opens `name`'s declaration from 待审核的申报: the decision draft, on 申报信息, with the
 * declaration read-only beside it. */
async function openForReview(page, name) {
  await page.locator('.inbox-table tr', { hasText: name }).getByRole('button', { name: `审核「${name}」的申报` }).click();
  await expectHeading(page, '申报信息');
  await page.locator('.subject-package .review-section').first().waitFor();
  assert.equal(await page.getByLabel('申报人', { exact: true }).inputValue(), name);
  assert.equal(await page.getByLabel('申报人', { exact: true }).isEditable(), false, 'the applicant\'s answers are not the unit\'s to change');
}

/** The unit's 经办人 and 审核意见; `evaluation` is the 综合评价. */
async function writeOpinion(page, evaluation) {
  await goToStep(page, '单位与经办人');
  await fill(page, '经办人', '陈经办');
  await fill(page, '经办人联系电话', '0755-88886666');
  await goToStep(page, '审核意见');
  await fill(page, '所在单位对申报人完成继续教育情况的审核意见', '已完成本年度继续教育任务，学时符合要求。');
  await fill(page, '单位对申报人负面情况的意见', '经核实，申报人无负面情况。');
  if (!(await page.locator('.group-rows tbody tr').count())) {
    await addRow(page, '考核年度', async (row) => {
      await fill(row, '考核年度', '2025');
      await choose(row, '考核结果', '称职（合格）');
    });
  }
  await fill(page, '单位的综合评价', evaluation);
  await yesNo(page, '是否以考代评人员', '否');
}

/** 审核结果 chosen (with the reason of a 退回), finished and sent; waits for the receipt. */
async function decide(page, outcome, { reason, shot }) {
  await goToStep(page, '审核结果');
  await choose(page, '审核结果', outcome);
  if (reason) await fill(page, '退回原因', reason);
  if (outcome === '提交') {
    await goToStep(page, '附件材料');
    await upload(page, '《广东省深圳市职称申报承诺书》（单位）', [pdf('单位承诺书（签章）.pdf', `unit pledge ${Date.now()}`, 1)]);
  }
  await goToStep(page, '核对信息');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.locator('.all-clear.done').waitFor();
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: '提交审核结果' }).click();
  await page.locator('.submit-status.sent').waitFor({ timeout: 60_000 });
}

/** The row of 我的事项 whose 业务流水号 is `receipt` (a returned row names its successor too). */
const matterRow = (page, receipt) => page.locator('.matters-table tbody tr')
  .filter({ has: page.locator('td[data-label="业务流水号"]', { hasText: receipt }) });

/** The applicant's row in 我的事项 for `receipt`, after asking the receiver for its 进度. */
async function progressOf(page, receipt) {
  const back = page.getByRole('button', { name: '我的事项' });
  if (await back.count()) await back.click();
  const row = matterRow(page, receipt);
  await row.getByRole('button', { name: /办理进度/ }).click();
  await row.locator('.timeline').waitFor();
  return row;
}

test('the unit returns a declaration with its reason, the applicant fixes it, the unit passes it on', async () => {
  const applicant = await openPage(browser);
  const unit = await openPage(browser);
  const phone = await openPage(browser, { width: 390, height: 844 });
  const first = await submitted(applicant.page, '陈申报');

  // The unit: 待审核的申报, then the declaration read-only beside the unit's own fields.
  await unitInbox(unit.page);
  await screenshot(unit.page, 'unit-review-01-待审核的申报');
  await openForReview(unit.page, '陈申报');
  await screenshot(unit.page, 'unit-review-02-申报信息（只读）');
  await writeOpinion(unit.page, '工作认真负责，业绩突出，同意推荐。');
  await unit.page.locator('#f-overallEvaluation-msg', { hasText: '150' }).waitFor();
  await screenshot(unit.page, 'unit-review-03-综合评价不足150字');
  await fill(unit.page, '单位的综合评价', EVALUATION);
  await unit.page.locator('#f-overallEvaluation-msg').waitFor({ state: 'detached' });
  await decide(unit.page, '退回个人修改', { reason: REASON, shot: 'unit-review-04-退回个人修改' });

  // The applicant: 退回 with the unit's reason, under 待办中, with the timeline.
  let row = await progressOf(applicant.page, first);
  await row.getByText(`退回原因：${REASON}`).waitFor();
  await row.locator('.timeline', { hasText: '单位审核：退回个人修改' }).waitFor();
  await applicant.page.getByRole('tab', { name: /^待办中/ }).click();
  await matterRow(applicant.page, first).waitFor();
  await screenshot(applicant.page, 'unit-review-05-我的事项-退回');

  // 修改后重新提交: the declaration as sent, editable again; a fix, then a new package.
  await applicant.page.getByRole('tab', { name: /^全部/ }).click();
  await matterRow(applicant.page, first).getByRole('button', { name: '修改后重新提交' }).click();
  await goToStep(applicant.page, '工作经历');
  await goToStep(applicant.page, '核对信息');
  await applicant.page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await applicant.page.getByRole('button', { name: '提交申报' }).click();
  // The new package's receipt, not the returned one's still shown until the new one is sent.
  const resent = applicant.page.locator('.submit-status.sent', { hasNotText: first });
  await resent.waitFor({ timeout: 60_000 });
  const second = (await resent.textContent()).match(/ZC\d{14}/)[0];
  assert.notEqual(second, first, 'sent again as a new package');

  // The unit passes the corrected declaration on, with its signed 单位承诺书.
  await unitInbox(unit.page);
  await openForReview(unit.page, '陈申报');
  await writeOpinion(unit.page, EVALUATION);
  await decide(unit.page, '提交', { shot: 'unit-review-06-提交' });

  // The applicant: 单位已报送, the next stage current, under 办理中.
  row = await progressOf(applicant.page, second);
  await row.getByText('单位已报送').first().waitFor();
  await row.locator('.status-path .stage.current', { hasText: '单位评前公示' }).waitFor();
  await applicant.page.getByRole('tab', { name: /^办理中/ }).click();
  await matterRow(applicant.page, second).waitFor();
  // The returned package, sent again, has nothing left to do: under 办结, naming its successor.
  await applicant.page.getByRole('tab', { name: /^办结/ }).click();
  await matterRow(applicant.page, first).getByText(`已重新提交（${second}）`).waitFor();
  assert.equal(await matterRow(applicant.page, first).getByRole('button', { name: '修改后重新提交' }).count(), 0);
  await screenshot(applicant.page, 'unit-review-07-我的事项-单位已报送');

  // The same 我的事项 and the unit's review at phone width.
  await phone.page.goto(UNIT_FORM_URL);
  await phone.page.getByLabel('单位密钥').fill(unitKey);
  await phone.page.getByRole('button', { name: '查询待审核的申报' }).click();
  await phone.page.locator('.inbox-table tr', { hasText: '陈申报' }).first().waitFor();
  await screenshot(phone.page, 'unit-review-08-待审核的申报-手机');
  assert.deepEqual([...applicant.errors, ...unit.errors, ...phone.errors], []);
  for (const side of [applicant, unit, phone]) await side.context.close();
});

test('after a 退回 the applicant may end the declaration (终止申报), once confirmed', async () => {
  const applicant = await openPage(browser, { width: 390, height: 844 });
  const unit = await openPage(browser);
  const receipt = await submitted(applicant.page, '吴终止');
  await unitInbox(unit.page);
  await openForReview(unit.page, '吴终止');
  await writeOpinion(unit.page, EVALUATION);
  await decide(unit.page, '退回个人修改', { reason: '申报系列与岗位不符，请确认是否继续申报。' });

  const row = await progressOf(applicant.page, receipt);
  await row.getByText('退回原因：申报系列与岗位不符，请确认是否继续申报。').waitFor();
  const asked = [];
  applicant.page.on('dialog', (d) => asked.push(d.message()));
  await row.getByRole('button', { name: '终止申报' }).click();
  await applicant.page.getByRole('tab', { name: /^办结/ }).click();
  const ended = matterRow(applicant.page, receipt);
  await ended.getByText('已终止').first().waitFor();
  assert.match(asked.at(-1) ?? '', /确定终止这份申报吗/);
  assert.equal(await ended.getByRole('button', { name: '修改后重新提交' }).count(), 0);
  await screenshot(applicant.page, 'unit-review-09-终止申报-手机');
  assert.deepEqual([...applicant.errors, ...unit.errors], []);
  for (const side of [applicant, unit]) await side.context.close();
});

test('a unit reviews the declaration from the applicant\'s 导出申报包 file, and still decides through the receiver', async () => {
  const applicant = await openPage(browser);
  const unit = await openPage(browser);
  const phone = await openPage(browser, { width: 390, height: 844 });
  const receipt = await submitted(applicant.page, '郑文件');

  // The applicant exports the declaration as sent from 我的事项.
  await applicant.page.getByRole('button', { name: '我的事项' }).click();
  const [download] = await Promise.all([
    applicant.page.waitForEvent('download'),
    matterRow(applicant.page, receipt).getByRole('button', { name: /导出「.*」的申报包/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), new RegExp(`^职称申报包-.*-${receipt}\\.zip$`));
  const file = await download.path();

  // The unit, with no key yet: a file that is not a package is refused in plain words.
  await unit.page.goto(UNIT_FORM_URL);
  await unit.page.getByRole('heading', { name: '待审核的申报' }).waitFor();
  await unit.page.locator('#package-file').setInputFiles({ name: '申报.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await unit.page.locator('.unit-inbox .notice', { hasText: '无法打开申报包' }).waitFor();

  // 从文件打开申报: the declaration read-only with its files, the unit's fields beside it.
  await unit.page.locator('#package-file').setInputFiles(file);
  await expectHeading(unit.page, '申报信息');
  await unit.page.locator('.subject-package .review-section').first().waitFor();
  assert.equal(await unit.page.getByLabel('申报人', { exact: true }).inputValue(), '郑文件');
  assert.equal(await unit.page.getByLabel('业务流水号', { exact: true }).inputValue(), receipt);
  assert.equal(await unit.page.getByLabel('申报人', { exact: true }).isEditable(), false);
  const [shown] = await Promise.all([
    unit.context.waitForEvent('page'),
    unit.page.locator('.subject-package .materials li').first().getByRole('button', { name: /^查看附件/ }).click(),
  ]);
  assert.match(shown.url(), /^blob:/, 'the file opens from the package file, not from the receiver');
  await shown.close();
  await screenshot(unit.page, 'unit-review-10-从文件打开申报');

  // Kept with the decision: after a reload, with no key, the declaration is still beside it.
  await unit.page.reload();
  await unit.page.locator('.subject-package .review-section').first().waitFor();

  // The decision still goes through the receiver, with the unit's key: the applicant sees it.
  await unitInbox(unit.page);
  await unit.page.locator('#package-file').setInputFiles(file);
  await expectHeading(unit.page, '申报信息');
  await writeOpinion(unit.page, EVALUATION);
  await decide(unit.page, '提交', {});
  const row = await progressOf(applicant.page, receipt);
  await row.getByText('单位已报送').first().waitFor();

  await phone.page.goto(UNIT_FORM_URL);
  await phone.page.locator('#package-file').setInputFiles(file);
  await phone.page.locator('.subject-package .review-section').first().waitFor();
  await screenshot(phone.page, 'unit-review-11-从文件打开申报-手机');
  assert.deepEqual([...applicant.errors, ...unit.errors, ...phone.errors], []);
  for (const side of [applicant, unit, phone]) await side.context.close();
});
