// End to end, as an applicant: locking a draft with a passphrase. While locked nothing readable
// about the applicant is in IndexedDB (answers, names, files); reopening asks for the passphrase;
// a wrong passphrase and a damaged draft get different messages; removing the lock restores the
// plain draft. Fails on any page or console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { expectHeading, field, fill, lockWith, startDeclaration } from './support/form.mjs';
import { listed, pdf, upload } from './support/materials.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const EDU = '学历、学位证明材料';
const PASSPHRASE = '春眠不觉晓 2026';
const SECRETS = ['郑加锁', '440305199203040039', '毕业证', 'SECRET-PDF-TEXT'];

/** Every record of every store of the app's database, as text (Blobs and bytes decoded). */
function dumpDatabase() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('zhicheng');
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      const texts = [];
      for (const name of db.objectStoreNames) {
        const [keys, values] = await Promise.all(['getAllKeys', 'getAll'].map((m) => new Promise((ok, fail) => {
          const request = db.transaction(name).objectStore(name)[m]();
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        })));
        texts.push(JSON.stringify(keys));
        for (const value of values) {
          if (value instanceof Blob) texts.push(await value.text());
          else if (value instanceof Uint8Array || value instanceof ArrayBuffer) texts.push(new TextDecoder().decode(value));
          else texts.push(typeof value === 'string' ? value : JSON.stringify(value));
        }
      }
      db.close();
      resolve(texts.join('\n'));
    };
  });
}

async function readable(page) {
  const text = await page.evaluate(dumpDatabase);
  return SECRETS.filter((s) => text.includes(s));
}

/** Locks the open draft through the 加锁 dialog. */
const stepper = (page) => page.getByRole('navigation', { name: '申报步骤' });

test('a locked draft stores nothing readable and opens only with its passphrase', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await fill(page, '姓名', '郑加锁');
  await fill(page, '证件号码', '440305199203040039');
  await stepper(page).getByRole('button', { name: /附件材料/ }).click();
  await upload(page, EDU, [pdf('毕业证.pdf', 'SECRET-PDF-TEXT', 2)]);
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  assert.deepEqual(await readable(page), SECRETS, 'before locking, everything is stored plain');

  // Mistakes in the dialog: too short, then not the same twice.
  await page.getByRole('button', { name: '加锁' }).click();
  const dialog = page.getByRole('dialog', { name: '为这份草稿加锁' });
  await dialog.getByLabel('口令（至少 8 个字符）').fill('short');
  await dialog.getByLabel('再次输入口令').fill('short');
  await dialog.getByRole('button', { name: '加锁' }).click();
  await dialog.locator('#lock-message', { hasText: '至少 8 个字符' }).waitFor();
  await dialog.getByLabel('口令（至少 8 个字符）').fill(PASSPHRASE);
  await dialog.getByLabel('再次输入口令').fill(`${PASSPHRASE}!`);
  await dialog.getByRole('button', { name: '加锁' }).click();
  await dialog.locator('#lock-message', { hasText: '不一致' }).waitFor();
  await screenshot(page, 'lock-01-加锁');
  await dialog.getByLabel('再次输入口令').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: '加锁' }).click();
  await page.getByRole('button', { name: '已加锁 · 解除' }).waitFor();

  // Once the sealed save and the clean-up are done, nothing readable is left.
  await page.waitForFunction(async ([dump, secrets]) => {
    const text = await eval(`(${dump})`)();
    return secrets.every((s) => !text.includes(s));
  }, [dumpDatabase.toString(), SECRETS], { timeout: 15000, polling: 250 });

  // Reopening asks for the passphrase; a wrong one is told so.
  await page.reload();
  await expectHeading(page, '此草稿已加锁');
  await page.getByLabel('口令', { exact: true }).fill('not the passphrase');
  await page.getByRole('button', { name: '解锁' }).click();
  await page.locator('#unlock-message', { hasText: '口令不正确' }).waitFor();
  await screenshot(page, 'lock-02-口令不正确');
  await page.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: '解锁' }).click();
  await expectHeading(page, '附件材料');
  assert.deepEqual(await listed(page, EDU), ['毕业证.pdf']);
  await stepper(page).getByRole('button', { name: /基本信息/ }).click();
  assert.equal(await field(page, '姓名').inputValue(), '郑加锁');

  // Typing in a locked draft saves it sealed.
  await fill(page, '姓名', '郑加锁二');
  await page.locator('.save-status', { hasText: '已保存' }).waitFor();
  assert.deepEqual(await readable(page), []);

  // Removing the lock stores the draft and its files plain again.
  await page.getByRole('button', { name: '已加锁 · 解除' }).click();
  await page.getByRole('button', { name: '加锁', exact: true }).waitFor();
  await page.waitForFunction(async (dump) => (await eval(`(${dump})`)()).includes('SECRET-PDF-TEXT'), dumpDatabase.toString(), { timeout: 15000, polling: 250 });
  await page.reload();
  await expectHeading(page, '基本信息');
  assert.equal(await field(page, '姓名').inputValue(), '郑加锁二');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged locked draft is told apart from a wrong passphrase', async () => {
  const { context, page, errors } = await openPage(browser);
  await startDeclaration(page);
  await fill(page, '姓名', '郑加锁');
  await lockWith(page, PASSPHRASE);
  await page.waitForFunction(async ([dump]) => !(await eval(`(${dump})`)()).includes('郑加锁'), [dumpDatabase.toString()], { timeout: 15000, polling: 250 });

  // One bit of the sealed body flipped on disk.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('zhicheng');
    open.onsuccess = () => {
      const store = open.result.transaction('draft_bodies', 'readwrite').objectStore('draft_bodies');
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const bytes = new Uint8Array(cursor.result.value);
        bytes[bytes.length - 5] ^= 1;
        cursor.result.update(bytes).onsuccess = () => { open.result.close(); resolve(); };
      };
      cursor.onerror = () => reject(cursor.error);
    };
    open.onerror = () => reject(open.error);
  }));
  await page.reload();
  await expectHeading(page, '此草稿已加锁');
  await page.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: '解锁' }).click();
  const message = page.locator('#unlock-message', { hasText: '已损坏' });
  await message.waitFor();
  assert.doesNotMatch(await message.innerText(), /口令不正确/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second tab cannot write a plain version over a draft another tab locked', async () => {
  const { context, page: first, errors } = await openPage(browser);
  await startDeclaration(first);
  await fill(first, '姓名', '郑加锁');
  await first.locator('.save-status', { hasText: '已保存' }).waitFor();
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await second.goto(first.url());
  await expectHeading(second, '基本信息');

  await lockWith(first, PASSPHRASE);
  await first.locator('.save-status', { hasText: '已保存' }).waitFor();

  // The second tab, unaware, types: it may only take the other (locked) version.
  await fill(second, '联系电话', '13800138000');
  const conflict = second.getByRole('alertdialog');
  await conflict.waitFor();
  assert.equal(await conflict.getByRole('button', { name: '保留本页的版本' }).count(), 0, 'no plain overwrite of a locked draft');
  await conflict.getByRole('button', { name: /载入另一窗口的版本/ }).click();
  await expectHeading(second, '此草稿已加锁');
  assert.deepEqual(await readable(second), [], 'nothing readable was written by the second tab');
  assert.deepEqual(errors, []);
  await context.close();
});
