// End to end: after one visit the app works with no network (public/sw.js). With the network cut
// it reopens, lists the drafts, edits and autosaves, attaches files, previews a report and queues
// the finished declaration 「等待网络」, which is sent, and stored once, when the network returns.
// A new build deployed while a draft is open waits for the applicant's 「立即更新」, keeps every
// answer and carries the draft to the new schema version; a build caught half-copied is never
// installed. Where service workers are refused the app still works, without offline start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORM_URL, launch, openPage, plantDraft, screenshot } from './support/browser.mjs';
import { acceptPledge, expectHeading, field, fill, goToStep, startDeclaration } from './support/form.mjs';
import { uploadEveryRequired } from './support/materials.mjs';
import { RECEIVER_BIN, startReceiver } from './support/receiver.mjs';

const RECEIVER_DATA = process.env.RECEIVER_DATA ?? 'receiver-data';
const ORDINARY = JSON.parse(fs.readFileSync(new URL('./support/ordinary_declaration.json', import.meta.url)));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Waits until the service worker has precached this build and controls the page. */
async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
}

/** Every address the page's caches hold. */
async function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

test('after one visit: opens, lists drafts, edits, attaches, prints and queues with no network; sent once when back', async () => {
  const { context, page, errors } = await openPage(browser);
  await plantDraft(page, { ...ORDINARY, answers: { ...ORDINARY.answers, name: '周离线' } });
  await page.goto(FORM_URL);
  await expectHeading(page, '核对信息');
  await offlineReady(page);

  await context.setOffline(true);
  await assert.rejects(page.evaluate(() => fetch('/v1/capabilities')), 'the network is really cut');
  await page.reload();
  await expectHeading(page, '核对信息');
  await screenshot(page, 'offline-01-断网后重新打开');

  // 草稿箱: the draft is listed and opens.
  await page.getByRole('button', { name: '首页' }).click();
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  const row = page.locator('.all-drafts tbody tr', { hasText: '周离线' });
  await row.getByRole('button', { name: /^打开/ }).click();
  await page.locator('#page-heading').waitFor();

  // Edit and autosave, then attach every required material.
  await goToStep(page, '基本信息');
  await fill(page, '姓名', '周离线改');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();

  // A report previews from the cached template.
  await page.getByRole('button', { name: '报表打印' }).click();
  await page.getByRole('button', { name: '预览「个人承诺书」' }).click();
  const report = page.locator('article.report');
  await report.waitFor();
  assert.match(await report.innerText(), /周离线改/);
  await screenshot(page, 'offline-02-断网预览报表');
  await page.getByRole('button', { name: '返回报表列表' }).click();
  await page.getByRole('button', { name: '返回填写' }).click();

  // Finished and queued: 「等待网络」.
  await goToStep(page, '核对信息');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.locator('.all-clear.done', { hasText: '填写完成' }).waitFor();
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.locator('.submit-status strong', { hasText: '等待网络' }).waitFor();
  await screenshot(page, 'offline-03-等待网络');

  await context.setOffline(false);
  const receipt = page.locator('.submit-status.sent');
  await receipt.waitFor({ timeout: 60_000 });
  const number = (await receipt.textContent()).match(/业务流水号 (ZC\d{14})/)?.[1];
  assert.ok(number, 'a receipt number');
  const stored = execFileSync(RECEIVER_BIN, ['list', '--data', RECEIVER_DATA]).toString().split('\n');
  assert.equal(stored.filter((line) => line.includes('周离线改')).length, 1, 'stored once');
  assert.deepEqual((await cachedUrls(page)).filter((u) => u.includes('/v1/')), [], 'the API is never cached');
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});

/** A copy of the built app served by a receiver of its own, so that it can be redeployed. */
async function ownDeployment() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-deploy-'));
  const app = path.join(dir, 'app');
  fs.cpSync('dist', app, { recursive: true });
  const { url, child } = await startReceiver(path.join(dir, 'data'), ['--app', app]);
  const config = JSON.stringify({ submit_endpoint: url });
  fs.writeFileSync(path.join(app, 'config.json'), config);
  return { app, url, stop: () => { child.kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Runs `steps` on a page opened at the Shenzhen pledge of a deployment of its own, with the
 * worker installed; closes both afterwards. */
async function onOwnDeployment(steps) {
  const deployment = await ownDeployment();
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(new URL('?form=sz-title-review', deployment.url).href);
    await expectHeading(page, '承诺');
    await offlineReady(page);
    await steps({ deployment, page, errors });
  } finally {
    await context.close();
    deployment.stop();
  }
}

/** Deploys a changed build into `app`, as post-build.mjs would write it: one script changed, and
 * the Shenzhen schema at its next version with a migration that gives 电子邮箱 a default; the
 * worker's list names both files' new hashes and the build has a new name. `halfCopied`: the new
 * worker is in place but the files are still the old ones, as in the middle of copying. */
function deployChangedBuild(app, { halfCopied = false } = {}) {
  const changed = new Map();
  const script = path.join(app, 'crash-guard.js');
  changed.set('crash-guard.js', `${fs.readFileSync(script, 'utf8')}\n// 第二次部署\n`);
  const schemaName = 'forms/sz-title-review.json';
  const schema = JSON.parse(fs.readFileSync(path.join(app, schemaName), 'utf8'));
  schema.migrations = [...(schema.migrations ?? []), { from: schema.version, steps: [{ default: { field: 'email', value: 'wu@example.com' } }] }];
  schema.version += 1;
  changed.set(schemaName, JSON.stringify(schema));

  const workerPath = path.join(app, 'sw.js');
  let worker = fs.readFileSync(workerPath, 'utf8');
  const build = worker.match(/\bBUILD="([0-9a-f]{16})"/)?.[1];
  assert.ok(build, 'the worker names its build');
  worker = worker.replace(`BUILD="${build}"`, `BUILD="${'f'.repeat(16)}"`);
  for (const [name, text] of changed) {
    if (!halfCopied) {
      fs.writeFileSync(path.join(app, name), text);
      for (const suffix of ['.br', '.gz']) fs.rmSync(path.join(app, name + suffix), { force: true });
    }
    const revision = createHash('sha256').update(text).digest('hex').slice(0, 16);
    assert.ok(worker.includes(`["${name}","`), `the worker lists ${name}`);
    worker = worker.replace(new RegExp(`\\["${name.replace(/[./]/g, '\\$&')}","[0-9a-f]{16}"\\]`), `["${name}","${revision}"]`);
  }
  fs.writeFileSync(workerPath, worker);
  for (const suffix of ['.br', '.gz']) fs.rmSync(workerPath + suffix, { force: true });
}

test('a new build waits for 「立即更新」, then takes over, keeps every answer and migrates the draft', async () => {
  await onOwnDeployment(async ({ deployment, page, errors }) => {
    await acceptPledge(page);
    await fill(page, '姓名', '吴更新');
    await fill(page, '联系电话', '13800138000');
    await page.locator('.save-status', { hasText: '已保存' }).waitFor();
    const first = await page.evaluate(() => caches.keys());

    deployChangedBuild(deployment.app);
    await page.evaluate(() => { window.beforeUpdate = true; });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const bar = page.getByRole('status').filter({ hasText: '新版本已就绪' });
    await bar.waitFor({ timeout: 60_000 });
    await screenshot(page, 'offline-04-新版本已就绪');
    // Typing goes on: nothing reloads until the applicant chooses to.
    await fill(page, '姓名', '吴更新后');
    await page.waitForTimeout(1_000);
    assert.equal(await page.evaluate(() => window.beforeUpdate), true, 'the page was not reloaded');

    // 「稍后」 puts it off until the next visit.
    await bar.getByRole('button', { name: '稍后' }).click();
    await bar.waitFor({ state: 'detached' });
    await page.reload();
    await expectHeading(page, '基本信息');
    await bar.waitFor();
    await page.evaluate(() => { window.beforeUpdate = true; });
    await bar.getByRole('button', { name: '立即更新' }).click();
    await page.waitForFunction(() => window.beforeUpdate === undefined, null, { timeout: 30_000 });
    await expectHeading(page, '基本信息');
    assert.equal(await field(page, '姓名').inputValue(), '吴更新后');
    assert.equal(await field(page, '联系电话').inputValue(), '13800138000');
    // The new schema's migration ran on the open draft.
    assert.equal(await field(page, '电子邮箱').inputValue(), 'wu@example.com');
    const now = await page.evaluate(() => caches.keys());
    assert.deepEqual(now, ['zhicheng-app-' + 'f'.repeat(16)], `the older build's cache is gone (was ${first})`);
    assert.equal(await page.getByRole('status').filter({ hasText: '新版本已就绪' }).count(), 0);
    assert.deepEqual(errors, []);
  });
});

test('a build whose files do not match its list is never installed, and the page goes on', async () => {
  await onOwnDeployment(async ({ deployment, page, errors }) => {
    const first = await page.evaluate(() => caches.keys());
    deployChangedBuild(deployment.app, { halfCopied: true });
    const outcome = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const next = registration.installing ?? registration.waiting;
      if (!next) return 'no new worker';
      if (next.state === 'redundant' || next.state === 'installed') return next.state;
      return new Promise((resolve) => next.addEventListener('statechange', () => {
        if (next.state === 'redundant' || next.state === 'installed') resolve(next.state);
      }));
    });
    assert.equal(outcome, 'redundant', 'the mismatched build is refused');
    await page.waitForTimeout(500);
    assert.equal(await page.getByRole('status').filter({ hasText: '新版本已就绪' }).count(), 0);
    const now = await page.evaluate(() => caches.keys());
    assert.ok(first.every((name) => now.includes(name)), `the working build's cache stays: ${now}`);
    await page.getByLabel('本人已阅读并同意').check();
    assert.deepEqual(errors, []);
  });
});

test('where service workers are refused, the app still starts and saves', async () => {
  const { context, page, errors } = await openPage(browser, { serviceWorkers: 'block' });
  await startDeclaration(page);
  await fill(page, '姓名', '无离线');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  await page.waitForTimeout(1_000);
  assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
  assert.deepEqual(errors, []);
  await context.close();
});
