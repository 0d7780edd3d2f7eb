// End to end: the app as the browser receives it from `zhicheng-receiver serve --app dist` — the
// page (and a printed report) under its Content-Security-Policy without a single violation, the
// wasm and its glue as precompressed brotli cached for a year, the page itself revalidated on
// every visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage } from './support/browser.mjs';
import { startDeclaration } from './support/form.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the page runs under its policy, and its files arrive compressed and cached as they should', async () => {
  const { context, page, errors } = await openPage(browser);
  const seen = new Map();
  page.on('response', (r) => seen.set(new URL(r.url()).pathname, r));
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await startDeclaration(page);

  const html = seen.get('/');
  const policy = (await html.allHeaders())['content-security-policy'] ?? '';
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  // scripts/receiver.sh lets the app's own pages frame it (the mock portal's iframe mode,
  // public/embed/frame.html); the receiver's own default is 'none' (receiver/tests/app_files.rs).
  assert.match(policy, /frame-ancestors 'self'/);
  assert.equal((await html.allHeaders())['cache-control'], 'no-cache');

  const wasm = [...seen.keys()].find((p) => p.endsWith('_bg.wasm'));
  assert.ok(wasm, 'the wasm was fetched');
  const wasmHeaders = await seen.get(wasm).allHeaders();
  assert.equal(wasmHeaders['content-encoding'], 'br');
  assert.equal(wasmHeaders['content-type'], 'application/wasm');
  assert.match(wasmHeaders['cache-control'], /immutable/);
  const glue = [...seen.keys()].find((p) => /^\/zhicheng-[0-9a-f]{10,16}\.js$/.test(p));
  assert.equal((await seen.get(glue).allHeaders())['content-encoding'], 'br');

  // A report's paper, footer and column widths come from a sheet adopted through the CSSOM, which
  // the policy allows without 'unsafe-inline'.
  await page.getByRole('button', { name: '报表打印' }).click();
  await page.getByRole('button', { name: '预览「个人承诺书」' }).click();
  await page.locator('article.report').waitFor();
  const rules = await page.evaluate(() => [...document.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
  assert.match(rules, /@page \{[^}]*size: a4/i, rules);
  assert.match(rules, /指纹/);
  assert.equal(await page.locator('[style], article.report style').count(), 0, 'no inline style in the report');
  await page.getByRole('button', { name: '返回报表列表' }).click();
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, 'the report\'s sheets leave with it');

  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first module takes its imports from the glue by short names, which the glue gives (scripts/short-imports.mjs)', async () => {
  const html = await (await fetch(BASE_URL)).text();
  const [, wasmPath] = html.match(/href=\/(zhicheng-[0-9a-f]+_bg\.wasm)/) ?? [];
  const [, gluePath] = html.match(/href=\/(zhicheng-[0-9a-f]+\.js)/) ?? [];
  assert.ok(wasmPath && gluePath, 'the page preloads the module and its glue');
  const module = await WebAssembly.compile(await (await fetch(new URL(wasmPath, BASE_URL))).arrayBuffer());
  const fromGlue = WebAssembly.Module.imports(module).filter((i) => i.module === 'g');
  assert.ok(fromGlue.length > 200, `${fromGlue.length} imports from the glue under its short name`);
  const long = fromGlue.filter((i) => i.name.length > 2).map((i) => i.name);
  assert.deepEqual(long, [], 'every import from the glue has a short name');
  const glue = await (await fetch(new URL(gluePath, BASE_URL))).text();
  assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}:/, 'the glue gives no import under its long name');
});

test('the first module and its glue carry no stream adapters, which nothing makes (scripts/drop-stream-adapters.mjs)', async () => {
  const html = await (await fetch(BASE_URL)).text();
  const [, wasmPath] = html.match(/href=\/(zhicheng-[0-9a-f]+_bg\.wasm)/) ?? [];
  const [, gluePath] = html.match(/href=\/(zhicheng-[0-9a-f]+\.js)/) ?? [];
  const module = await WebAssembly.compile(await (await fetch(new URL(wasmPath, BASE_URL))).arrayBuffer());
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  assert.ok(exports.includes('__wbindgen_start'), 'the module is the one the glue starts');
  assert.deepEqual(exports.filter((name) => /intounderlying/i.test(name)), []);
  const glue = await (await fetch(new URL(gluePath, BASE_URL))).text();
  assert.doesNotMatch(glue, /IntoUnderlying|intounderlying/);
});
