// A municipal portal for the widget's tests: the mock portal page (public/embed/) served from an
// origin of its own, under the Content-Security-Policy docs/embedding.md tells portals to send,
// loading the widget from a reference receiver on another origin that requires the portal's
// login (an HS256 token signed with a secret the two share).
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startReceiver } from './receiver.mjs';

const SECRET = 'the-portal-and-the-receiver-share-this-secret-0123456789abcdef';
const DIST = process.env.APP_DIST ?? 'dist';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

/** The portal's login token for `user`, valid for ten minutes. */
export function portalToken(user) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: user, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

/** The CSP a portal page needs to run the widget from `widgetOrigin` (docs/embedding.md). */
export function portalPolicy(widgetOrigin) {
  return `default-src 'self'; script-src 'self' ${widgetOrigin} 'wasm-unsafe-eval'; style-src 'self' ${widgetOrigin}; `
    + `img-src 'self' data: blob: ${widgetOrigin}; connect-src ${widgetOrigin}; frame-src ${widgetOrigin}; object-src 'none'; base-uri 'none'`;
}

/** Starts the portal (its own server, serving public/embed/ as built into dist/embed/) and a
 * receiver for it; `stop()` ends both. */
export async function startPortal({ login = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-portal-'));
  let widgetOrigin = '';
  const portal = http.createServer((request, response) => {
    const name = new URL(request.url, 'http://portal').pathname.replace(/^\/+/, '') || 'index.html';
    const file = path.join(DIST, 'embed', path.normalize(name));
    if (!file.startsWith(path.join(DIST, 'embed')) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    let body = fs.readFileSync(file);
    if (file.endsWith('.html')) {
      // The portal names the widget's address and its backend in full, as a portal on another
      // origin does.
      body = body.toString()
        .replaceAll('"../widget/', `"${widgetOrigin}/widget/`)
        .replace('form="sz-title-review"', `form="sz-title-review" endpoint="${widgetOrigin}/"`)
        .replace('data-form="sz-title-review"', `data-form="sz-title-review" data-endpoint="${widgetOrigin}/"`);
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': portalPolicy(widgetOrigin) });
    response.end(body);
  });
  await new Promise((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const portalUrl = `http://127.0.0.1:${portal.address().port}/`;

  fs.writeFileSync(path.join(dir, 'portal.key'), SECRET);
  const options = ['--app', DIST, '--allow-origin', portalUrl.slice(0, -1), '--frame-ancestors', portalUrl.slice(0, -1)];
  if (login) options.push('--portal-secret-file', path.join(dir, 'portal.key'));
  const { url: receiverUrl, child } = await startReceiver(path.join(dir, 'data'), options);
  widgetOrigin = receiverUrl.slice(0, -1);
  return {
    portalUrl,
    receiverUrl,
    data: path.join(dir, 'data'),
    stop: () => { child.kill(); portal.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}
