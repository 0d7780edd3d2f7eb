// End to end, submission to the reference receiver (started by scripts/test.sh: RECEIVER_URL,
// RECEIVER_DATA), with faults injected between the page and the receiver. Each test ends with
// exactly one stored package whose files match their hashes: a connection dropped in the middle
// of an upload, a 500, a 429 with Retry-After, the same package sent twice; offline then online;
// the page reloaded while sending. A plain 200 from something that is not a receiver is not
// success, and a file corrupted on the way is refused. Then 我的事项: 进度, 退回 with its reason,
// 撤回. A large file on a slow link shows its progress within the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { FORM_URL, launch, openPage, plantDraft, screenshot } from './support/browser.mjs';
import { expectHeading, goToStep, lockWith } from './support/form.mjs';
import { pdf, upload, uploadEveryRequired } from './support/materials.mjs';
import { finishedDeclaration } from './support/journey.mjs';
import { outboxIds, outboxSecret } from './support/outbox.mjs';

const RECEIVER_URL = process.env.RECEIVER_URL ?? 'http://127.0.0.1:8090/';
const RECEIVER_DATA = process.env.RECEIVER_DATA ?? 'receiver-data';
const RECEIVER_BIN = path.resolve(process.env.CARGO_TARGET_DIR ?? 'target', 'debug/zhicheng-receiver');
// The package the app sends must be valid under the published schema (formats are not checked).
const validManifest = new Ajv2020({ validateFormats: false, allErrors: true }).compile(JSON.parse(fs.readFileSync('protocol/manifest.schema.json')));
const ORDINARY = JSON.parse(fs.readFileSync(new URL('./support/ordinary_declaration.json', import.meta.url)));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The receiver's stored packages of this page's outbox, from the operator's list. */
async function storedFrom(page) {
  const ids = await outboxIds(page);
  assert.equal(ids.length, 1, 'one package in the outbox');
  const list = execFileSync(RECEIVER_BIN, ['list', '--data', RECEIVER_DATA]).toString();
  return list.split('\n').filter((line) => line.includes(ids[0]));
}

/** Every stored file's content hashes to its name. */
function assertStoredFilesMatchTheirHashes() {
  const dir = path.join(RECEIVER_DATA, 'files');
  for (const name of fs.readdirSync(dir)) {
    assert.equal(createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex'), name);
  }
}

// Replies made up by the test come from the receiver's origin too, so they carry its CORS header.
const CORS = { 'Access-Control-Allow-Origin': '*' };

const receipt = (page) => page.locator('.submit-status.sent');

test('one package, one receipt, through a dropped upload, a 500, a 429 with Retry-After and a repeat', async () => {
  const { context, page, errors } = await openPage(browser);
  await finishedDeclaration(page, '李提交');
  const seen = { puts: 0, posts: [] };
  let manifest;
  await context.route(`${RECEIVER_URL}v1/packages/**`, async (route) => {
    const request = route.request();
    if (request.method() === 'PUT' && seen.puts++ === 0) return route.abort('connectionreset');
    if (request.method() === 'POST' && !request.url().endsWith('/withdraw')) {
      manifest = request.postData();
      seen.posts.push(Date.now());
      if (seen.posts.length === 1) return route.fulfill({ status: 500, headers: CORS, contentType: 'text/plain', body: 'boom' });
      if (seen.posts.length === 2) {
        return route.fulfill({ status: 429, headers: { ...CORS, 'Retry-After': '5', 'Access-Control-Expose-Headers': 'Retry-After' }, contentType: 'application/json', body: '{"protocol":"zhicheng-submission/1","error":{"code":"busy","message":"繁忙","fields":[]}}' });
      }
    }
    return route.continue();
  });
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.locator('.submit-status', { hasText: '正在提交' }).waitFor();
  await screenshot(page, 'submit-01-正在提交');
  await receipt(page).waitFor({ timeout: 60_000 });
  assert.match(await receipt(page).textContent(), /业务流水号 ZC\d{14}/);
  assert.ok(seen.posts.length >= 3, `finalised after a 500 and a 429 (${seen.posts.length} calls)`);
  // Without the header the wait would be 1–2 s; the receiver asked for 5.
  assert.ok(seen.posts[2] - seen.posts[1] >= 4900, `Retry-After honoured: ${seen.posts[2] - seen.posts[1]} ms`);
  await screenshot(page, 'submit-02-已提交');

  assert.ok(validManifest(JSON.parse(manifest)), JSON.stringify(validManifest.errors));
  // The same package sent again gets the same receipt; the receiver still holds one.
  const id = JSON.parse(manifest).package_id;
  const secret = await outboxSecret(page, id);
  assert.match(secret, /^[0-9a-f]{64}$/, 'the outbox keeps the package secret');
  const headers = { 'Content-Type': 'application/json', 'Zhicheng-Package-Secret': secret };
  // Without the secret, nobody else can act on the package.
  const stranger = await fetch(`${RECEIVER_URL}v1/packages/${id}/withdraw`, { method: 'POST' });
  assert.equal(stranger.status, 401);
  const again = await fetch(`${RECEIVER_URL}v1/packages/${id}`, { method: 'POST', headers, body: manifest });
  assert.equal(again.status, 200);
  assert.match(await receipt(page).textContent(), new RegExp((await again.json()).receipt));
  assert.equal((await storedFrom(page)).length, 1);
  assertStoredFilesMatchTheirHashes();

  // Sent declarations are read-only; 我的事项 lists it; a 退回 with its reason makes it editable.
  await page.getByText('这份申报已提交，以下是提交时的内容（只读）。').waitFor();
  assert.equal(await page.getByRole('button', { name: /^修改/ }).count(), 0);
  execFileSync(RECEIVER_BIN, ['set-status', id, '退回', '请补充2025年度考核登记表', '--data', RECEIVER_DATA]);
  await page.getByRole('button', { name: '我的事项' }).click();
  const row = page.locator('.submitted-table tbody tr', { hasText: '李提交' });
  await row.getByText('待办中').waitFor();
  await row.getByRole('button', { name: /办理进度/ }).click();
  await row.getByText('退回原因：请补充2025年度考核登记表').waitFor();
  await screenshot(page, 'submit-03-我的事项');
  // 查看 shows the package as it was sent, read-only; its draft, released by the 退回, is editable.
  await row.getByRole('button', { name: /^查看/ }).click();
  await page.getByText(/这是提交时的申报包（业务流水号 ZC\d+），只能查看。/).waitFor();
  await screenshot(page, 'submit-03b-查看申报包');
  assert.equal(await page.getByRole('navigation', { name: '申报步骤' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^修改/ }).count(), 0);
  assert.equal(await page.getByRole('button', { name: '提交申报' }).count(), 0, 'a sent package is not submitted again');
  await page.getByRole('button', { name: '打开草稿' }).click();
  await page.getByRole('navigation', { name: '申报步骤' }).waitFor();
  // The injected failures are logged by the browser; nothing else may be.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET|429|500/.test(e)), []);
  await context.close();
});

test('offline, then online; and a reload while sending: still one package', async () => {
  const { context, page, errors } = await openPage(browser);
  await finishedDeclaration(page, '王离线');
  await context.setOffline(true);
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.locator('.submit-status', { hasText: '恢复联网后会自动继续发送' }).waitFor();
  // Files are held back long enough to reload in the middle of sending.
  let held = 0;
  await context.route(`${RECEIVER_URL}v1/packages/*/files/*`, async (route) => {
    if (held++ === 0) await new Promise((r) => setTimeout(r, 3_000));
    return route.continue().catch(() => {});
  });
  await context.setOffline(false);
  await page.locator('.submit-status', { hasText: '正在提交' }).waitFor();
  await page.waitForTimeout(500);
  await page.reload();
  await receipt(page).waitFor({ timeout: 60_000 });
  assert.equal((await storedFrom(page)).length, 1);
  assertStoredFilesMatchTheirHashes();
  // A submitted declaration cannot be deleted; 撤回 while the receiver still allows it makes it
  // editable again.
  await page.getByRole('button', { name: '我的事项' }).click();
  const dialogs = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  const draftRow = page.locator('.drafts-table tbody tr', { hasText: '王离线' });
  await draftRow.getByRole('button', { name: '删除' }).click();
  await page.waitForTimeout(300);
  assert.match(dialogs.at(-1) ?? '', /已经提交，不能删除/);
  assert.equal(await draftRow.count(), 1);
  const row = page.locator('.submitted-table tbody tr', { hasText: '王离线' });
  await row.getByRole('button', { name: /^撤回/ }).click();
  await row.getByText('已撤回').waitFor();
  assert.equal(await row.getByRole('button', { name: /^撤回/ }).count(), 0);
  await row.getByRole('button', { name: /^查看/ }).click();
  await page.getByText(/这是提交时的申报包/).waitFor();
  await page.getByRole('button', { name: '打开草稿' }).click();
  await page.getByRole('navigation', { name: '申报步骤' }).waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource') && !e.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('a 200 from something that is not a receiver, and a file corrupted on the way, are not success', async () => {
  const { context, page } = await openPage(browser);
  await finishedDeclaration(page, '赵拒收');
  await context.route(`${RECEIVER_URL}v1/capabilities`, (route) => route.fulfill({ status: 200, headers: CORS, contentType: 'text/html', body: '<html>登录门户</html>' }));
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.locator('.submit-status.stopped', { hasText: '不属于申报接收接口' }).waitFor();
  await context.unroute(`${RECEIVER_URL}v1/capabilities`);
  // One byte flipped on the way: the receiver refuses the file, and sending stops with the reason.
  await context.route(`${RECEIVER_URL}v1/packages/*/files/*`, async (route) => {
    const body = route.request().postDataBuffer();
    body[body.length - 2] ^= 1;
    return route.continue({ postData: body });
  });
  await page.getByRole('button', { name: '重新发送' }).click();
  await page.locator('.submit-status.stopped', { hasText: '与其 SHA-256 不符' }).waitFor();
  await screenshot(page, 'submit-04-提交未完成');
  assert.equal((await storedFrom(page)).length, 0);
  // Submitted again once the way is clear: the old package is asked for first (the receiver
  // does not have it), then a new package is sent and received; the old one stays unreceived.
  await context.unroute(`${RECEIVER_URL}v1/packages/*/files/*`);
  const [old] = await outboxIds(page);
  await page.getByRole('button', { name: '提交申报' }).click();
  await receipt(page).waitFor({ timeout: 60_000 });
  const ids = await outboxIds(page);
  assert.equal(ids.length, 2);
  const list = execFileSync(RECEIVER_BIN, ['list', '--data', RECEIVER_DATA]).toString();
  assert.ok(!list.includes(old), 'the stopped package was never stored');
  assert.equal(list.split('\n').filter((line) => ids.some((id) => line.includes(id))).length, 1);
  await context.close();
});

test('a large file on a slow link: progress moves within the file', async () => {
  const { context, page, errors } = await openPage(browser);
  await plantDraft(page, { ...ORDINARY, answers: { ...ORDINARY.answers, name: '钱慢网' } });
  await page.goto(FORM_URL);
  await expectHeading(page, '核对信息');
  await goToStep(page, '附件材料');
  await uploadEveryRequired(page);
  // About 3 MB: at 600 KB/s the upload takes some five seconds.
  await upload(page, '非代表业绩成果（包括专业技术工作项目、课题项目、获奖情况）', [pdf('项目验收报告.pdf', 'x'.repeat(3_000_000))]);
  await goToStep(page, '核对信息');
  await page.getByRole('button', { name: '确认无误，完成填写' }).click();
  await page.locator('.all-clear.done', { hasText: '填写完成' }).waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 600 * 1024 });
  await page.getByRole('button', { name: '提交申报' }).click();
  const moving = page.locator('.submit-files li', { hasText: /项目验收报告\.pdf.*正在发送 ([1-9]|[1-9]\d)%/ });
  await moving.waitFor({ timeout: 30_000 });
  const [value, max] = await page.locator('.submit-status progress').evaluate((p) => [p.value, p.max]);
  assert.ok(value > 0 && value < max, `the bar is part-way: ${value} / ${max}`);
  // Screen readers hear the files and the receipt through one region that stays in the page.
  const live = page.locator('.submit-panel [role=status]');
  assert.equal(await live.count(), 1);
  assert.match(await live.textContent(), /^正在提交：已发送 \d+ \/ \d+ 个文件$/);
  await screenshot(page, 'submit-05-大文件发送中');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await receipt(page).waitFor({ timeout: 60_000 });
  assert.match(await live.textContent(), /^已提交，业务流水号 ZC\d{14}$/);
  assert.equal((await storedFrom(page)).length, 1);
  assertStoredFilesMatchTheirHashes();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a locked draft is submitted with its passphrase; the draft stays sealed and no plain file is left', async () => {
  const { context, page, errors } = await openPage(browser);
  await finishedDeclaration(page, '孙加锁');
  await lockWith(page, '一句很长的口令abc');
  const panel = page.locator('.submit-panel');
  await panel.getByText('请输入口令确认提交').waitFor();
  await screenshot(page, 'submit-06-加锁草稿提交');
  await panel.getByRole('button', { name: '提交申报' }).click();
  await panel.getByText('未能提交：这份草稿已加锁，请输入口令确认提交').waitFor();
  await panel.getByLabel('口令').fill('不对的口令不对的口令');
  await panel.getByRole('button', { name: '提交申报' }).click();
  await panel.getByText(/未能提交：口令不正确/).waitFor();
  await panel.getByLabel('口令').fill('一句很长的口令abc');
  await panel.getByRole('button', { name: '提交申报' }).click();
  await receipt(page).waitFor({ timeout: 60_000 });
  assert.equal((await storedFrom(page)).length, 1);
  assertStoredFilesMatchTheirHashes();
  // The draft stays sealed: no readable name in its entry, and once sent no plain file record.
  const stored = await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('zhicheng');
    open.onsuccess = () => {
      const tx = open.result.transaction(['draft_entries', 'file_info']);
      const entries = tx.objectStore('draft_entries').getAll();
      const files = tx.objectStore('file_info').getAll();
      tx.oncomplete = () => resolve(files.result.length === 0 && JSON.stringify(entries.result));
    };
  }), null, { timeout: 10_000 });
  const entries = await stored.jsonValue();
  assert.ok(!entries.includes('孙加锁'), entries);
  assert.deepEqual(errors, []);
  await context.close();
});
