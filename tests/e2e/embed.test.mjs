// End to end, the widget in a municipal portal's page (public/embed/, served from an origin of
// its own with deliberately hostile CSS, the widget and the receiver on another): prefill from the
// portal's login, the events in order, a declaration completed and submitted with the portal's
// token (refused without it), two widgets on one page, removing and mounting again without
// leaks, and the portal's CSS leaving the widget looking exactly as the standalone app does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FORM_URL, launch, openPage, plantDraft, screenshot } from './support/browser.mjs';
import { acceptPledge, expectHeading, goToStep } from './support/form.mjs';
import { uploadEveryRequired } from './support/materials.mjs';
import { portalToken, startPortal } from './support/portal.mjs';
import { RECEIVER_BIN } from './support/receiver.mjs';
import { printFirstReport } from './support/journey.mjs';

const ORDINARY = JSON.parse(fs.readFileSync(new URL('./support/ordinary_declaration.json', import.meta.url)));

let browser;
let portal;
before(async () => {
  browser = await launch();
  portal = await startPortal();
});
after(async () => {
  await browser?.close();
  portal?.stop();
});

/** The portal's page with the widget ready; `events` lists what the portal heard, in order. */
async function openPortal({ width = 1280, draft } = {}) {
  const opened = await openPage(browser, { width });
  if (draft) await plantDraft(opened.page, draft);
  await opened.page.goto(portal.portalUrl);
  await opened.page.locator('#portal-events li[data-event="zc-ready"]').waitFor();
  const events = () => opened.page.locator('#portal-events li').evaluateAll((items) => items.map((i) => i.dataset.event));
  return { ...opened, widget: opened.page.locator('#declaration'), events };
}

/** The `detail` of the last event `name` the portal heard. */
async function lastDetail(page, name) {
  const text = await page.locator(`#portal-events li[data-event="${name}"]`).last().textContent();
  return JSON.parse(text.slice(name.length + 1));
}

test('the portal prefills from its login, hears the events in order, and submits with its token', async () => {
  const { context, page, errors, widget, events } = await openPortal({ draft: ORDINARY });
  assert.deepEqual((await events()).slice(0, 3), ['zc-ready', 'zc-step-change', 'zc-validity-change']);

  // 模拟登录: 姓名, 证件 locked, 现工作单位 editable.
  await page.click('#portal-login');
  await goToStep(page, '基本信息');
  const name = page.getByLabel('姓名', { exact: true });
  assert.equal(await name.inputValue(), '张三');
  assert.notEqual(await name.getAttribute('readonly'), null, 'the portal locked the name');
  await page.getByText('由门户根据您的登记信息填写，不能在此修改。').first().waitFor();
  const employer = page.getByLabel('现工作单位', { exact: true });
  await employer.fill('深圳市第三人民医院');
  await employer.blur();
  const draft = await widget.evaluate((el) => el.getDraft());
  assert.equal(draft.answers.idNumber, '440305198506151233');
  assert.equal(draft.answers.employer, '深圳市第三人民医院');
  assert.equal(draft.step, 'basic');
  const stepEvent = await lastDetail(page, 'zc-step-change');
  assert.deepEqual(stepEvent, { step: 'basic', title: '基本信息' });
  await page.locator('#portal-events li[data-event="zc-draft-saved"]').first().waitFor();
  const refused = await widget.evaluate((el) => el.setAnswers({ salary: '1' }).then(() => 'taken', (e) => e.message));
  assert.match(refused, /表单中没有字段「salary」/);

  // The materials, then submit from the portal's code: without its token the receiver refuses.
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  const packageId = await widget.evaluate((el) => el.submit());
  assert.match(packageId, /^[0-9a-f-]{36}$/);
  await page.locator('#portal-events li[data-event="zc-submit-failed"]').waitFor();
  assert.match((await lastDetail(page, 'zc-submit-failed')).reason, /门户网站登录/);
  await screenshot(page, 'embed-without-login');

  // With the portal's token the applicant's 重新发送 goes through, and the portal hears the receipt.
  await page.evaluate((token) => { window.portalToken = token; }, portalToken('portal-user-1'));
  await page.getByRole('button', { name: '重新发送' }).click();
  await page.locator('#portal-events li[data-event="zc-submitted"]').waitFor({ timeout: 30000 });
  const submitted = await lastDetail(page, 'zc-submitted');
  assert.equal(submitted.packageId, packageId);
  assert.match(submitted.receipt, /\S/);
  await screenshot(page, 'embed-submitted');
  const stored = execFileSync(RECEIVER_BIN, ['list', '--data', portal.data]).toString().split('\n').filter((l) => l.includes(packageId));
  assert.equal(stored.length, 1, 'the package is stored once');
  assert.deepEqual(errors.filter((e) => !e.includes('401 (Unauthorized)')), [], 'only the refusal without a login');
  await context.close();
});

test('a unit\'s review widget opens the declaration the portal hands over as a package file', async () => {
  const { context, page, errors, widget } = await openPortal({ draft: ORDINARY });
  await page.evaluate((token) => { window.portalToken = token; }, portalToken('portal-user-2'));
  await page.click('#portal-login');
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  await widget.evaluate((el) => el.submit());
  await page.locator('#portal-events li[data-event="zc-submitted"]').waitFor({ timeout: 30000 });
  const { receipt } = await lastDetail(page, 'zc-submitted');

  // The applicant's 导出申报包, as the portal would keep it in its records.
  await widget.getByRole('button', { name: '我的事项' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    widget.getByRole('button', { name: /导出「.*」的申报包/ }).first().click(),
  ]);
  const bytes = [...fs.readFileSync(await download.path())];

  // The portal mounts the unit's review form and hands the file over before it has loaded.
  const refused = await page.evaluate(async (file) => {
    // The unit's page passes the portal's login too (this page shares the applicant's storage).
    const headers = () => ({ Authorization: `Bearer ${window.portalToken}` });
    const el = window.ZhichengForm.mount(document.getElementById('portal-more'), { form: 'sz-unit-review', headers });
    const bad = await el.reviewPackage(new Blob(['not a package'])).then(() => 'opened', (e) => e.message);
    await el.reviewPackage(new Uint8Array(file));
    return bad;
  }, bytes);
  assert.match(refused, /^无法打开申报包：/);
  const review = page.locator('#portal-more zhicheng-form');
  await expectHeading(review, '申报信息');
  await review.locator('.subject-package .review-section').first().waitFor();
  assert.equal(await review.getByLabel('业务流水号', { exact: true }).inputValue(), receipt);
  assert.equal(await review.getByLabel('申报人', { exact: true }).inputValue(), '张三', 'the name the portal vouched for');
  assert.equal(await review.getByLabel('申报人', { exact: true }).isEditable(), false);
  // The portal fills the unit's own fields from its login, as it prefills an applicant's.
  await review.evaluate((el) => el.setAnswers({ unitName: '深圳市第二人民医院', unitCreditCode: '91440300568520498A' }, { locked: true }));
  await goToStep(review, '单位与经办人');
  assert.equal(await review.getByLabel('单位名称', { exact: true }).inputValue(), '深圳市第二人民医院');
  await screenshot(page, 'embed-unit-review-package');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a report printed from the widget has the report alone, on its own paper', async () => {
  const { context, page, errors } = await openPortal({ draft: ORDINARY });
  const file = await printFirstReport(page, 'embed-report');
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.match(info, /Page size:.*\(A4\)/, 'A4, from the report\'s @page rule');
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
  assert.match(text, /第1页共\d+页/, 'page numbers from the report\'s page rules');
  for (const portalText of ['人才服务平台', '办事指南', '组件事件', '演示门户']) {
    assert.ok(!text.includes(portalText), `the portal's 「${portalText}」 is not printed`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.resolve('test-results/embed-report')]);
  // Leaving the preview gives the portal its page back for printing.
  await page.getByRole('button', { name: '返回报表列表' }).click();
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode: the same widget in a frame, sized to its content, answering by postMessage', async () => {
  const { context, page, errors } = await openPage(browser, { width: 1280 });
  await page.goto(new URL('frame.html', portal.portalUrl).href);
  const frame = page.locator('#portal-slot iframe');
  await page.locator('#portal-events li[data-event="zc-ready"]').waitFor();
  const inside = page.frameLocator('#portal-slot iframe');
  await expectHeading(inside, '承诺');
  // The frame is as tall as the form: the portal's page scrolls, not the frame.
  const heights = await frame.evaluate((el) => [el.getBoundingClientRect().height, el.contentDocument === null]);
  assert.ok(heights[0] > 700, `the frame grew to its content (${heights[0]} px)`);
  assert.equal(heights[1], true, 'the frame is on the widget\'s origin, not the portal\'s');
  await page.click('#portal-login');
  await acceptPledge(inside);
  const draft = await frame.evaluate((el) => el.getDraft());
  assert.equal(draft.answers.name, '张三');
  assert.equal(draft.step, 'basic');
  assert.equal(await inside.getByLabel('姓名', { exact: true }).getAttribute('readonly'), '');
  const refused = await frame.evaluate((el) => el.goTo('nowhere').then(() => 'moved', (e) => e.message));
  assert.match(refused, /没有「nowhere」这一页/);
  await page.locator('#portal-events li[data-event="zc-draft-saved"]').first().waitFor();
  const names = await page.locator('#portal-events li').evaluateAll((items) => items.map((i) => i.dataset.event));
  assert.deepEqual(names.slice(0, 3), ['zc-ready', 'zc-step-change', 'zc-validity-change']);
  await screenshot(page, 'embed-iframe');
  assert.deepEqual(errors, []);

  // A page on an origin the receiver does not name in frame-ancestors cannot frame the widget.
  const stranger = await openPage(browser);
  await stranger.page.goto(new URL('frame.html', portal.portalUrl.replace('127.0.0.1', 'localhost')).href);
  await stranger.page.waitForTimeout(2000);
  assert.equal(await stranger.page.locator('#portal-events li').count(), 0, 'no event from a refused frame');
  await stranger.context.close();
  await context.close();
});

test('the portal themes the widget through custom properties and parts', async () => {
  const { context, page, errors, widget } = await openPortal();
  // Through the CSSOM: the portal's CSP allows no inline styles.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('zhicheng-form { --brand: rgb(122, 31, 31); } zhicheng-form::part(stepper) { outline: 3px solid rgb(0, 128, 0); }');
    document.adoptedStyleSheets = [sheet];
  });
  const looks = await widget.evaluate((el) => {
    const root = el.shadowRoot;
    return {
      topbar: getComputedStyle(root.querySelector('[part=topbar]')).backgroundColor,
      stepper: getComputedStyle(root.querySelector('[part=stepper]')).outlineColor,
    };
  });
  assert.deepEqual(looks, { topbar: 'rgb(122, 31, 31)', stepper: 'rgb(0, 128, 0)' });
  // The host's goTo keeps the form's gates: the pledge first.
  const gated = await widget.evaluate((el) => el.goTo('basic').then(() => 'moved', (e) => e.message));
  assert.equal(gated, '请先完成「承诺」这一步');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two widgets on one page are independent', async () => {
  const { context, page, errors } = await openPortal();
  await page.click('#portal-second');
  const second = page.locator('#portal-more zhicheng-form');
  await expectHeading(second, '申报级别');
  const first = page.locator('#declaration');
  await acceptPledge(first);
  await expectHeading(first, '基本信息');
  await expectHeading(second, '申报级别');
  const drafts = await Promise.all([first, second].map((w) => w.evaluate((el) => el.getDraft())));
  assert.deepEqual(drafts.map((d) => d.formId), ['sz-title-review', 'dg-title-review']);
  assert.notEqual(drafts[0].draftId, drafts[1].draftId);
  // draft: "new" starts another draft of the same form beside the first.
  const third = await page.evaluate(async () => {
    const el = window.ZhichengForm.mount(document.getElementById('portal-more'), { form: 'sz-title-review', draft: 'new' });
    await new Promise((resolve) => el.addEventListener('zc-ready', resolve, { once: true }));
    return (await el.getDraft()).draftId;
  });
  assert.ok(third && third !== drafts[0].draftId, 'a new draft');
  // Each widget's ids live in its own shadow root: focus moves inside the right one.
  assert.equal(await first.evaluate((el) => el.shadowRoot.activeElement?.id), 'page-heading');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a readonly widget shows the declaration with nothing to change', async () => {
  const { context, page, errors } = await openPortal({ draft: ORDINARY });
  await page.evaluate(() => window.ZhichengForm.mount(document.getElementById('portal-more'), { form: 'sz-title-review', readonly: true }));
  const reader = page.locator('#portal-more zhicheng-form');
  await reader.locator('main.submitted').waitFor();
  assert.equal(await reader.getByRole('textbox').count(), 0, 'no field to type into');
  assert.equal(await reader.getByRole('button', { name: /修改/ }).count(), 0, 'no 修改');
  assert.ok((await reader.locator('main.submitted').textContent()).includes(ORDINARY.answers.name));
  assert.deepEqual(errors, []);
  await context.close();
});

test('removing the widget cleans up, and mounting it again reopens the draft', async () => {
  const { context, page, errors } = await openPortal();
  await acceptPledge(page.locator('#declaration'));
  const cdp = await context.newCDPSession(page);
  const counters = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { ...(await cdp.send('Memory.getDOMCounters')), heapKB: Math.round(usedSize / 1024) };
  };
  const remount = () => page.evaluate(async () => {
    const old = document.getElementById('declaration');
    const ready = new Promise((resolve) => document.addEventListener('zc-ready', resolve, { once: true }));
    const next = document.createElement('zhicheng-form');
    next.id = 'declaration';
    next.setAttribute('form', old.getAttribute('form'));
    next.setAttribute('endpoint', old.getAttribute('endpoint'));
    old.replaceWith(next);
    await ready;
  });
  await remount();
  await expectHeading(page.locator('#declaration'), '基本信息');
  const start = await counters();
  for (let i = 0; i < 50; i++) await remount();
  const end = await counters();
  console.log(`DOM counters after 1 and 51 mounts: ${JSON.stringify(start)} → ${JSON.stringify(end)}`);
  // The events log grows by three lines a mount; nothing else may.
  assert.ok(end.jsEventListeners - start.jsEventListeners <= 10, `listeners ${start.jsEventListeners} → ${end.jsEventListeners}`);
  assert.ok(end.nodes - start.nodes <= 50 * 3 * 3 + 200, `nodes ${start.nodes} → ${end.nodes}`);
  assert.ok(end.documents <= start.documents, `documents ${start.documents} → ${end.documents}`);
  // The JavaScript heap (the WebAssembly's own memory is reused, not grown, by a new mount).
  assert.ok(end.heapKB - start.heapKB < 2048, `JS heap ${start.heapKB} KB → ${end.heapKB} KB`);
  await expectHeading(page.locator('#declaration'), '基本信息');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the portal\'s CSS leaves the widget exactly as the standalone app looks', async () => {
  for (const width of [700, 390]) {
    const { context, page, errors, widget } = await openPortal({ width: width + 400 });
    // The portal lays its column out at the width under test (through the CSSOM: its CSP has no
    // inline styles).
    await page.evaluate((w) => {
      document.querySelector('.portal-aside').style.display = 'none';
      Object.assign(document.querySelector('.portal-main').style, { flex: 'none', width: `${w}px` });
    }, width);
    // Whole pixels, as the standalone page has: the portal's text above leaves a fraction.
    await widget.evaluate((el) => {
      const y = el.getBoundingClientRect().y + window.scrollY;
      el.style.marginTop = `${parseFloat(getComputedStyle(el).marginTop) + Math.ceil(y) - y}px`;
    });
    const box = await widget.boundingBox();
    const hostShot = await widget.screenshot({ animations: 'disabled', mask: [widget.locator('.save-status, .topbar .working')] });
    await screenshot(page, `embed-portal-${width}`);
    const alone = await openPage(browser, { width: Math.round(box.width), height: 900 });
    await alone.page.goto(FORM_URL);
    await expectHeading(alone.page, '承诺');
    const aloneShot = await alone.page.locator('body').screenshot({ animations: 'disabled', mask: [alone.page.locator('.save-status, .topbar .working')] });
    const differing = await page.evaluate(compareImages, [hostShot.toString('base64'), aloneShot.toString('base64')]);
    console.log(`${width} px: ${JSON.stringify(differing)}`);
    assert.ok(differing.sizes === 'same', `widget ${differing.a} vs standalone ${differing.b}`);
    assert.ok(differing.fraction < 0.01, `${(differing.fraction * 100).toFixed(2)}% of pixels differ at ${width} px`);
    assert.deepEqual(errors.concat(alone.errors), []);
    await alone.context.close();
    await context.close();
  }
});

/** Runs in the page: the share of pixels of two PNGs (base64) that differ by more than a little. */
async function compareImages([a, b]) {
  const load = async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    return g.getImageData(0, 0, image.width, image.height);
  };
  const [x, y] = await Promise.all([load(a), load(b)]);
  const size = (i) => `${i.width}×${i.height}`;
  if (x.width !== y.width || x.height !== y.height) return { sizes: 'differ', a: size(x), b: size(y), fraction: 1 };
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const far = [0, 1, 2].some((c) => Math.abs(x.data[i + c] - y.data[i + c]) > 24);
    if (far) differing++;
  }
  return { sizes: 'same', fraction: differing / (x.width * x.height) };
}
