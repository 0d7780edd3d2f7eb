// End to end, accessibility checks on the declaration: the step status chips and row badges, and
// training mode's band and tips, reach 4.5:1 contrast against what they are seen on (WCAG AA for
// their small text), and 下一步 pressed with the mouse right after typing a wrong value, while an
// error summary is already on screen, moves focus to the summary the first time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { addRow, expectHeading, fill, goToStep, next, startDeclaration, summaryItems } from './support/form.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The contrast ratio of each element's text on its own background, as WCAG computes it. */
const contrasts = (page, selector) => page.locator(selector).evaluateAll((elements) => {
  const channels = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);
  const luminance = (css) => {
    const [r, g, b] = channels(css).map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // The background the text is seen on: its own, else the nearest ancestor's that is painted.
  const backdrop = (el) => {
    for (let at = el; at; at = at.parentElement ?? at.getRootNode().host) {
      const colour = getComputedStyle(at).backgroundColor;
      if (!/rgba\(.*,\s*0\)$/.test(colour) && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  return elements.map((el) => {
    const style = getComputedStyle(el);
    const [a, b] = [luminance(style.color), luminance(backdrop(el))].sort((x, y) => y - x);
    return { text: el.textContent.trim(), ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100 };
  });
});

test('step status chips and row badges reach 4.5:1 contrast', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  // One step of each status: 已完成 (教育经历 with a row), 有错误 (基本信息), 进行中, 未开始.
  await next(page);
  await goToStep(page, '进修与继续教育');
  await addRow(page, '年度学时', async (row) => {
    await fill(row, '年度', '2025');
    await fill(row, '公需科目学时', '30');
    await fill(row, '专业科目学时', '42');
    await fill(row, '选修科目学时', '18');
  });
  await next(page);
  await expectHeading(page, '业绩成果');
  const chips = await contrasts(page, '.stepper .step-status');
  for (const label of ['已完成', '有错误', '未开始']) assert.ok(chips.some((c) => c.text.includes(label)), `a ${label} chip: ${JSON.stringify(chips)}`);
  for (const chip of chips) assert.ok(chip.ratio >= 4.5, `「${chip.text}」 chip contrast ${chip.ratio}:1`);
  await goToStep(page, '进修与继续教育');
  const badges = await contrasts(page, '.badge');
  assert.ok(badges.length > 0, 'the row has a badge');
  for (const badge of badges) assert.ok(badge.ratio >= 4.5, `「${badge.text}」 badge contrast ${badge.ratio}:1`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('下一步 moves focus to an error summary already on screen, also right after typing', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await next(page);
  const before = await summaryItems(page);
  assert.ok(before.length > 1, 'the summary is on screen');
  // A wrong ID typed, then 下一步 at once: leaving the field shows its message above the button.
  await page.getByLabel('证件号码', { exact: true }).click();
  await page.keyboard.type('440305199203040038');
  await next(page);
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 2000 })
    .catch(async () => assert.fail(`focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`));
  assert.ok((await summaryItems(page)).some((t) => t.startsWith('证件号码：') && t.includes('校验位')), 'the summary names the ID just typed');
  await screenshot(page, 'summary-focus-after-typing');
  // Pressed again, focus returns to the summary from the button.
  await page.getByRole('button', { name: '下一步', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 2000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('training mode\'s band and tips reach 4.5:1 contrast', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(new URL('training/', process.env.BASE_URL ?? 'http://127.0.0.1:8080/').href);
  await page.getByRole('button', { name: '开始练习' }).first().click();
  await page.locator('.training-tips .tip').first().waitFor();
  const measured = [
    ...(await contrasts(page, '.training-band strong, .training-band .hint')),
    ...(await contrasts(page, '.training-tips h3, .training-tips .tip strong, .training-tips .tip p')),
  ];
  assert.ok(measured.length >= 4, 'the band and the tips are on screen');
  for (const { text, ratio } of measured) assert.ok(ratio >= 4.5, `「${text.slice(0, 20)}」 ${ratio}:1`);
  assert.deepEqual(errors, []);
  await context.close();
});
