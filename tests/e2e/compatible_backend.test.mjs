// End to end, the app submitting to another backend than ours: the example Python backend
// (examples/python-backend, Flask and SQLite), on an origin of its own, the app allowed to call it
// by its Content-Security-Policy (`serve --connect-src`) and the backend allowing the app's page
// (CORS). A finished 普通申报 is sent, the app shows the backend's own 业务流水号, and the backend
// holds the package with every file under its hash. Python comes from the virtual environment
// scripts/setup.sh makes (EXAMPLE_PYTHON).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, screenshot } from './support/browser.mjs';
import { finishedDeclaration } from './support/journey.mjs';
import { outboxIds, outboxSecret } from './support/outbox.mjs';
import { startReceiver } from './support/receiver.mjs';

const PYTHON = process.env.EXAMPLE_PYTHON ?? path.resolve(process.env.CARGO_TARGET_DIR ?? 'target', 'example-venv/bin/python');

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/** The example backend on `port`, answering pages of `origin`, with its data in `data`. */
async function startPythonBackend(port, origin, data) {
  const child = spawn(PYTHON, ['examples/python-backend/app.py', '--port', String(port), '--data', data], {
    env: { ...process.env, ALLOW_ORIGINS: origin },
  });
  let out = '';
  child.stdout.on('data', (chunk) => { out += chunk; });
  child.stderr.on('data', (chunk) => { out += chunk; });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}v1/capabilities`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill();
  throw new Error(`the example backend did not start: ${out}`);
}

let browser, app, backend;
const dirs = [];
before(async () => {
  browser = await launch();
  const tmp = (name) => { const dir = fs.mkdtempSync(path.join(os.tmpdir(), name)); dirs.push(dir); return dir; };
  const port = await freePort();
  app = await startReceiver(tmp('zhicheng-app-'), ['--app', 'dist', '--connect-src', `http://127.0.0.1:${port}`]);
  backend = await startPythonBackend(port, new URL(app.url).origin, tmp('zhicheng-python-'));
  backend.data = dirs[1];
});
after(async () => {
  await browser?.close();
  app?.child.kill();
  backend?.child.kill();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('the app submits a declaration to the example Python backend and shows its receipt', async () => {
  const { page, errors } = await openPage(browser);
  await finishedDeclaration(page, '林兼容', `${app.url}?form=sz-title-review&submit=${encodeURIComponent(backend.url)}`);
  await page.getByRole('button', { name: '提交申报' }).click();
  const sent = page.locator('.submit-status.sent');
  await sent.waitFor({ timeout: 60_000 });
  await screenshot(page, 'compatible-backend-01-已提交');
  const shown = (await sent.textContent()).match(/业务流水号 (PY\d{14})/);
  assert.ok(shown, `the backend's own receipt is shown: ${await sent.textContent()}`);

  // The backend holds it, for the applicant's secret only, with every file under its hash.
  const [id] = await outboxIds(page);
  const secret = await outboxSecret(page, id);
  const status = await fetch(`${backend.url}v1/packages/${id}`, { headers: { 'Zhicheng-Package-Secret': secret } });
  const stored = await status.json();
  assert.equal(status.status, 200);
  assert.equal(stored.receipt, shown[1]);
  assert.equal(stored.status, '待办中');
  const files = fs.readdirSync(path.join(backend.data, 'files'));
  assert.ok(files.length >= 2, `the files arrived: ${files.length}`);
  for (const name of files) {
    assert.equal(createHash('sha256').update(fs.readFileSync(path.join(backend.data, 'files', name))).digest('hex'), name);
  }
  assert.deepEqual(errors, [], 'no error on the page');
});
