// End to end, as a new applicant: the start page offers every system of the province; choosing
// 深圳市 · 破格申报 and the series, level, title and specialty shows the committee those choices
// lead to, and 开始填写 opens a draft already holding them. Back on 首页, 我的草稿 names the draft
// by its system and business, also after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { acceptPledge, expectHeading, goToStep } from './support/form.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a declaration chosen on the start page starts with its choices and is listed by system and business', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(BASE_URL);
  await page.getByRole('heading', { name: '职称申报', level: 1 }).waitFor();
  const systems = page.getByRole('group', { name: '1. 选择申报系统' }).getByRole('radio');
  assert.deepEqual(await systems.evaluateAll((r) => r.map((x) => x.labels[0].querySelector('.radio-card-title').textContent)),
    ['深圳市', '东莞市', '广东省职称管理系统（清远等）']);
  await page.getByRole('radio', { name: /^东莞市/ }).check();
  const dongguan = page.getByRole('group', { name: '2. 选择业务' }).getByRole('radio');
  assert.ok((await dongguan.count()) >= 3, 'Dongguan offers its businesses');
  await page.getByRole('radio', { name: /^深圳市/ }).check();
  await page.getByRole('radio', { name: /^破格申报/ }).check();
  await page.getByLabel('评审的资格系列').selectOption('工程系列');
  await page.getByLabel('评审的资格级别').selectOption('员级');
  await page.getByLabel('评审的资格名称').selectOption('技术员');
  await page.getByLabel('评审的资格专业').selectOption('机械工程');
  await page.locator('.start-choices output', { hasText: '深圳市机械工程专业初级职称评审委员会' }).waitFor();
  await screenshot(page, 'start-01-选择申报');
  await page.getByRole('button', { name: '开始填写' }).click();
  await expectHeading(page, '承诺');
  assert.match(page.url(), /form=sz-title-review/);
  assert.match(page.url(), /draft=/);
  await acceptPledge(page);
  await goToStep(page, '申报职称');
  assert.equal(await page.getByLabel('申报类型', { exact: true }).inputValue(), '破格申报', 'the business preset its 申报类型');
  assert.equal(await page.getByLabel('评审的资格名称').inputValue(), '技术员');
  assert.equal(await page.getByLabel('评审的资格专业').inputValue(), '机械工程');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  await page.getByRole('button', { name: '首页' }).click();
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  const row = page.locator('.all-drafts tbody tr');
  await row.first().waitFor();
  assert.deepEqual((await row.first().locator('td').allTextContents()).slice(0, 2), ['深圳市', '破格申报']);
  await screenshot(page, 'start-02-我的草稿');
  await page.reload();
  await row.first().waitFor();
  assert.equal(await row.count(), 1, 'the draft is still listed after a reload');
  await row.first().getByRole('button', { name: /^打开/ }).click();
  await page.locator('#page-heading').waitFor();
  assert.match(page.url(), /form=sz-title-review/);
  assert.deepEqual(errors, []);
  await context.close();
});
