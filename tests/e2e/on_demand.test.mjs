// End to end: the screens a first visit does not need come as WebAssembly chunks fetched the first
// time they are shown (src/ui/on_demand.rs, scripts/split-wasm.mjs). A first visit up to the first
// step fetches the main module only; a chunk that cannot be fetched says so in Chinese with 重试,
// and the screen opens once the network is back, with nothing typed lost. Without a service worker
// here, so that every fetch is the page's own. Fails on any page error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { expectHeading, fill, startDeclaration } from './support/form.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CHUNK = /\/(split|chunk)_\w+-[0-9a-f]+\.wasm$/;

test('a first visit fetches only the main module; a screen fetches its chunk when first shown, and asks for 重试 while it cannot', async () => {
  const { context, page, errors } = await openPage(browser, { serviceWorkers: 'block' });
  const fetched = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) fetched.push(new URL(r.url()).pathname); });
  await startDeclaration(page);
  await fill(page, '姓名', '王按需');
  assert.equal(fetched.length, 1, `the first step needs one module, fetched: ${fetched.join(', ')}`);
  assert.doesNotMatch(fetched[0], CHUNK);

  // The chunks cannot be fetched: 附件材料 says why and keeps the draft.
  await context.route(CHUNK, (route) => route.abort('internetdisconnected'));
  const stepper = page.getByRole('navigation', { name: '申报步骤' });
  await stepper.getByRole('button', { name: /附件材料/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: '这一页需要联网加载一次' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /您填写的内容已保存/);
  await screenshot(page, 'on-demand-01-无法加载');

  // Back online: 重试 fetches the chunk and shows the page; the answers are all there.
  await context.unroute(CHUNK);
  await alert.getByRole('button', { name: '重试' }).click();
  await expectHeading(page, '附件材料');
  assert.ok(fetched.some((name) => /\/split_finishing-/.test(name)), `附件材料's chunk (finishing) fetched: ${fetched.join(', ')}`);
  await stepper.getByRole('button', { name: /基本信息/ }).click();
  await expectHeading(page, '基本信息');
  assert.equal(await page.getByLabel('姓名', { exact: true }).inputValue(), '王按需');
  // The aborted fetches are the only console errors the page may show.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED|TypeError: Failed to fetch/.test(e)), []);
  await context.close();
});
