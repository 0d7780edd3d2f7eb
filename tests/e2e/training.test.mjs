// End to end, training mode (演示与培训, the page `training/`): its storage apart from the
// applicant's own (IndexedDB inspected), every persona opening with its planted mistakes reported,
// a whole rehearsal from persona to 退回 to resubmission to 办结, 「重置培训」, the 「样表」 stamp on a
// printed PDF, and the tips walkthrough by keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, launch, openPage, screenshot } from './support/browser.mjs';
import { fill, goToStep, startDeclaration } from './support/form.mjs';
import { uploadEveryRequired } from './support/materials.mjs';
import { pdfText, printFirstReport, squeeze } from './support/journey.mjs';

const TRAINING_URL = new URL('training/', BASE_URL).href;
const PERSONAS = JSON.parse(fs.readFileSync(new URL('../../public/training/index.json', import.meta.url))).personas;
const persona = (id) => JSON.parse(fs.readFileSync(new URL(`../../public/training/personas/${id}.json`, import.meta.url)));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The training page's start, with its personas listed. */
async function openTraining(page) {
  await page.goto(TRAINING_URL);
  await page.getByRole('heading', { name: '练习角色' }).waitFor();
}

/** Opens a persona's draft from its card. */
async function practise(page, id) {
  await page.getByRole('button', { name: '开始练习', description: persona(id).name }).click();
  await page.locator('#page-heading').waitFor();
}

/** The draft ids each IndexedDB database of the page's origin holds, by database name. */
function draftsByDatabase(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((done, fail) => {
        const opening = indexedDB.open(name);
        opening.onsuccess = () => done(opening.result);
        opening.onerror = () => fail(opening.error);
      });
      out[name] = await new Promise((done) => {
        const keys = db.transaction('draft_entries').objectStore('draft_entries').getAllKeys();
        keys.onsuccess = () => done(keys.result.map(String).sort());
      });
      db.close();
    }
    return out;
  });
}

/** Gives 陈志强 (transfer) the eleven-digit phone his planted mistake lacks. */
async function fixThePhone(page) {
  await goToStep(page, '基本信息');
  await fill(page.locator('main'), '联系电话', '13802579468');
}

/** Text of the training score at 核对信息. */
const scoreHeading = (page) => page.locator('#training-score-heading').textContent();

test('training keeps its drafts apart: a real draft and a training draft, each invisible from the other', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await fill(page.locator('main'), '姓名', '真实申报人');
  await page.waitForTimeout(1200);
  const real = new URL(page.url()).searchParams.get('draft');
  assert.ok(real, 'the real draft is in the address');

  // ?mode=training leads to the training page, which has its band and its personas.
  await page.goto(new URL('?mode=training', BASE_URL).href);
  await page.waitForURL(TRAINING_URL);
  await page.getByRole('heading', { name: '练习角色' }).waitFor();
  await page.getByText('培训模式 · 数据不会提交').waitFor();
  assert.equal(await page.getByText('真实申报人').count(), 0, 'no real draft in training');
  await practise(page, 'transfer');
  await page.getByText('培训模式 · 数据不会提交').waitFor();
  await screenshot(page, 'training-persona');

  const stored = await draftsByDatabase(page);
  assert.deepEqual(stored['zhicheng'], [real], 'the applicant\'s database holds only the real draft');
  assert.deepEqual(stored['zhicheng-training'], PERSONAS.map((id) => `persona-${id}`).sort(), 'training holds the personas');

  // The real start page lists the real draft and none of the personas.
  await page.goto(BASE_URL);
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  await page.getByText('真实申报人').first().waitFor();
  assert.equal(await page.getByText('陈志强').count(), 0, 'no persona among the real drafts');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every persona opens with each planted mistake reported, and fixing one counts at 核对信息', async () => {
  const { context, page, errors } = await openPage(browser);
  for (const id of PERSONAS) {
    await openTraining(page);
    await practise(page, id);
    await goToStep(page, '核对信息');
    const planted = persona(id).planted;
    assert.equal(await scoreHeading(page), `练习成绩：已找出并改正 0 / ${planted.length} 处预设错误`, id);
    for (const mistake of planted) {
      await page.locator('.training-score .remaining summary', { hasText: mistake.title }).waitFor();
    }
    await screenshot(page, `training-review-${id}`);
  }
  // 陈志强's phone has ten digits: fixing it is one mistake found.
  await openTraining(page);
  await practise(page, 'transfer');
  await fixThePhone(page);
  await goToStep(page, '核对信息');
  assert.equal(await scoreHeading(page), '练习成绩：已找出并改正 1 / 3 处预设错误');
  await page.locator('.training-score .found li', { hasText: '手机号码少一位' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a rehearsal goes from persona to 退回 to resubmission to 办结, then 重置培训 starts afresh', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTraining(page);
  await practise(page, 'transfer');
  // Fix the planted mistakes: the phone, the level (转系列 keeps the level: 中级 工程师), the proof.
  await fixThePhone(page);
  await goToStep(page, '申报职称');
  await page.getByLabel('评审的资格级别', { exact: true }).selectOption('中级');
  await page.getByLabel('评审的资格名称', { exact: true }).selectOption('工程师');
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  await goToStep(page, '核对信息');
  assert.equal(await scoreHeading(page), '练习成绩：已找出并改正 3 / 3 处预设错误');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.getByText(/业务流水号/).first().waitFor();
  const receipt = (await page.locator('.submit-panel').textContent()).match(/YS\d{8}\d{6}/)?.[0];
  assert.ok(receipt, 'a receipt with a 业务流水号 from the simulated receiver');

  // 我的事项: the script returns it with the unit's reason.
  await page.getByRole('button', { name: '我的事项' }).click();
  const row = page.locator('tr', { hasText: receipt });
  await row.getByRole('button', { name: /^模拟下一环节/ }).click();
  await row.getByText('退回').first().waitFor();
  await row.getByText(/隶属关系证明/).first().waitFor();
  await screenshot(page, 'training-returned');

  // Fix and send again: a new package, which the script takes to 办结.
  // A 退回 makes the draft editable again: open it from the 草稿箱, as the applicant would.
  await page.locator('tr', { hasText: persona('transfer').name }).getByRole('button', { name: /^打开/ }).click();
  await goToStep(page, '核对信息');
  const finishAgain = page.getByRole('button', { name: '确认无误，完成填写' });
  if (await finishAgain.count()) await finishAgain.click();
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.getByText(/业务流水号/).first().waitFor();
  await page.getByRole('button', { name: '我的事项' }).click();
  // The resubmission has a receipt of its own.
  const second = page.locator('tr', { hasText: /YS\d{14}/ }).filter({ hasNotText: receipt });
  await second.waitFor();
  for (let step = 0; step < 20 && !(await second.textContent()).includes('办结'); step++) {
    await second.getByRole('button', { name: /^模拟下一环节/ }).click();
    await page.waitForTimeout(100);
  }
  await second.getByText('办结').first().waitFor();
  await screenshot(page, 'training-done');

  // 重置培训: the persona comes back as it started, with its ten-digit phone.
  await openTraining(page);
  await page.getByRole('button', { name: '重置培训' }).click();
  await page.getByRole('heading', { name: '练习角色' }).waitFor();
  await practise(page, 'transfer');
  await goToStep(page, '基本信息');
  assert.equal(await page.getByLabel('联系电话', { exact: true }).inputValue(), persona('transfer').answers.phone);
  const stored = await draftsByDatabase(page);
  assert.deepEqual(stored['zhicheng-training'], PERSONAS.map((id) => `persona-${id}`).sort(), 'only the personas again');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a report printed in training carries 「样表」 on every page and no fingerprint', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTraining(page);
  await practise(page, 'ordinary-engineer');
  const file = await printFirstReport(page, 'training-report');
  const pages = Number(execFileSync('pdfinfo', [file]).toString().match(/Pages:\s+(\d+)/)[1]);
  for (let n = 1; n <= pages; n++) {
    const text = squeeze(pdfText(file, n));
    assert.ok(text.includes('样表'), `page ${n} says 样表`);
    assert.ok(!text.includes('指纹'), `page ${n} carries no fingerprint`);
    assert.ok(!text.includes('培训模式'), `page ${n} has the report alone, without the screen's band`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.resolve('test-results/training-report')]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the tips walkthrough works by keyboard alone and is announced', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTraining(page);
  await practise(page, 'ordinary-engineer');
  const nextTip = page.getByRole('button', { name: '下一个提示' });
  await nextTip.focus();
  await page.keyboard.press('Enter');
  const first = await page.evaluate(() => document.querySelector('zhicheng-form').shadowRoot.activeElement?.id);
  assert.match(first ?? '', /^tip-/, 'the first tip takes focus');
  await page.locator('.training-tips [role=status]').filter({ hasText: /^提示 1 \/ \d+：/ }).waitFor({ state: 'attached' });
  // On through the walkthrough: it moves to the next step when a step's tips are done.
  const start = await page.locator('#page-heading').textContent();
  for (let i = 0; i < 12; i++) {
    await page.getByRole('button', { name: '下一个提示' }).focus();
    await page.keyboard.press('Enter');
  }
  assert.notEqual(await page.locator('#page-heading').textContent(), start, 'the walkthrough moved on to another step');
  // 「知道了」 dismisses the focused tip, by keyboard too.
  const current = page.locator('.training-tips .tip.current');
  const title = await current.locator('strong').textContent();
  await current.getByRole('button', { name: `关闭提示「${title}」` }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.training-tips .tip strong', { hasText: title }).waitFor({ state: 'detached' });
  await screenshot(page, 'training-tips');
  assert.deepEqual(errors, []);
  await context.close();
});

test('kiosk mode warns a minute before resetting an idle training, and resets it', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.clock.install();
  await page.addInitScript(() => localStorage.setItem('zhicheng-training-kiosk', '5'));
  await openTraining(page);
  await practise(page, 'transfer');
  await fixThePhone(page);
  await page.clock.runFor(2000);
  await page.clock.fastForward('04:10');
  await page.clock.runFor(6000);
  const warning = page.getByRole('alertdialog', { name: '即将重置培训' });
  await warning.waitFor();
  await screenshot(page, 'training-kiosk-warning');
  // Any input keeps the trainee's work; after five more idle minutes training resets.
  await warning.getByRole('button', { name: '继续练习' }).click();
  await warning.waitFor({ state: 'detached' });
  await page.clock.fastForward('05:10');
  await page.clock.runFor(6000);
  await page.getByRole('heading', { name: '练习角色' }).waitFor();
  await practise(page, 'transfer');
  await goToStep(page, '基本信息');
  assert.equal(await page.getByLabel('联系电话', { exact: true }).inputValue(), persona('transfer').answers.phone);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a trainer imports a scenario file: a broken one is refused with the reason, a good one joins the personas', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTraining(page);
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'scenario-'));
  const write = (name, changes) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ ...persona('transfer'), ...changes }));
    return file;
  };
  const input = page.getByLabel('导入场景文件（JSON）');
  // A planted mistake the form does not report would send trainees looking for nothing.
  await input.setInputFiles(write('broken.json', {
    id: 'broken', planted: [{ id: 'fine', title: '其实没错', hint: '无', field: 'name' }],
  }));
  await page.getByText(/场景未导入：.*「其实没错」在初始草稿中没有被表单检查出来/).waitFor();
  await input.setInputFiles(write('zhou.json', { id: 'zhou', name: '周练习（导入的场景）' }));
  await page.getByRole('heading', { name: '周练习（导入的场景）' }).waitFor();
  await page.getByText('已导入 1 个场景。').waitFor();
  await page.getByRole('button', { name: '开始练习', description: '周练习（导入的场景）' }).click();
  await page.locator('#page-heading').waitFor();
  await goToStep(page, '核对信息');
  assert.equal(await scoreHeading(page), '练习成绩：已找出并改正 0 / 3 处预设错误');
  await openTraining(page);
  await page.getByRole('button', { name: '删除导入的场景' }).click();
  await page.getByRole('heading', { name: '练习角色' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: '周练习（导入的场景）' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
