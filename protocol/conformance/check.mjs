#!/usr/bin/env node
// The protocol's conformance kit: checks, over HTTP only, that a backend speaks
// zhicheng-submission/1 (protocol/README.md) as the app needs it, and prints each check with the
// section it tests. It needs Node.js 20 or later and nothing else; it never touches the backend's
// storage, withdraws every package it finalised, and says what it leaves behind.
//
//   node protocol/conformance/check.mjs --endpoint http://127.0.0.1:8090/
//     [--sample package.json]          another package to send (default: sample-package.json here)
//     [--header 'Authorization: Bearer …']   sent with every request about a package (a portal's
//                                      login: then a request without it must be refused, §2.0.1)
//     [--skip answer-rules]            for a backend that leaves the form's rules to another system
//
// Exit status: 0 when every check passed (skipped ones aside), 1 when one failed, 2 on bad usage.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const PROTOCOL = 'zhicheng-submission/1';
const SECRET_HEADER = 'Zhicheng-Package-Secret';

function options(argv) {
  const given = { header: [], skip: [] };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!['endpoint', 'sample', 'header', 'skip'].includes(name) || i + 1 >= argv.length) {
      console.error(`unknown or incomplete option ${argv[i]}\nusage: node check.mjs --endpoint URL [--sample FILE] [--header 'Name: value'] [--skip answer-rules]`);
      process.exit(2);
    }
    const value = argv[++i];
    if (Array.isArray(given[name])) given[name].push(value); else given[name] = value;
  }
  if (!given.endpoint) { console.error('--endpoint URL is required'); process.exit(2); }
  given.endpoint = given.endpoint.endsWith('/') ? given.endpoint : `${given.endpoint}/`;
  return given;
}

const opts = options(process.argv.slice(2));
const sample = JSON.parse(readFileSync(opts.sample ?? new URL('./sample-package.json', import.meta.url), 'utf8'));
const extraHeaders = Object.fromEntries(opts.header.map((h) => [h.slice(0, h.indexOf(':')).trim(), h.slice(h.indexOf(':') + 1).trim()]));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------
// Requests. Every answer must be JSON with the protocol marker (§2); every error must have the
// shape of §2.6; a 429 or 503 must say when to come back (Retry-After), and the kit waits as
// asked before trying again (§2.6), as the app does.

/** One problem found outside the check being run, charged to it. */
let strays = [];

/** An answer's body as JSON (`{}` when it is not), its marker and, for a refusal, its error's
 * shape judged on the way (§2, §2.6). */
function judged(method, path, status, text) {
  let json = null;
  try { json = JSON.parse(text); } catch { /* judged below */ }
  if (json?.protocol !== PROTOCOL) strays.push(`§2: ${method} ${path} answered ${status} without "protocol": "${PROTOCOL}" (${text.slice(0, 80)})`);
  const e = json?.error;
  if (status >= 400 && (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !e.message || !Array.isArray(e.fields))) {
    strays.push(`§2.6: ${method} ${path} answered ${status} without an error {code, message, fields}: ${text.slice(0, 120)}`);
  }
  return json ?? {};
}

async function call(method, path, { secret, body, type, headers = {}, signal } = {}) {
  const all = { ...headers };
  if (secret) all[SECRET_HEADER] = secret;
  if (secret !== undefined || path.includes('/packages/')) Object.assign(all, extraHeaders);
  if (type) all['Content-Type'] = type;
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(new URL(path, opts.endpoint), { method, headers: all, body, signal: signal ?? AbortSignal.timeout(60_000) });
    const json = judged(method, path, answer.status, await answer.text());
    if ((answer.status === 429 || answer.status === 503) && attempt < 5) {
      // Seconds, or an HTTP date (§2.6).
      const given = answer.headers.get('Retry-After');
      const wait = given === null ? NaN : /^\d+$/.test(given.trim()) ? Number(given) : (Date.parse(given) - Date.now()) / 1000;
      if (!Number.isFinite(wait)) {
        strays.push(`§2.6: ${method} ${path} answered ${answer.status} without Retry-After`);
        return { status: answer.status, json, headers: answer.headers };
      }
      await sleep(Math.min(Math.max(wait, 0), 30) * 1000);
      continue;
    }
    return { status: answer.status, json, headers: answer.headers };
  }
}

/** Sends a large body the HTTP/1.1 way a careful client does (`Expect: 100-continue`): the body
 * goes only once the backend asks for it (or after a second of silence), so a backend refusing the
 * announced length at once is never fed megabytes it will not read. */
function callExpecting(method, path, { secret, body, type }) {
  const url = new URL(path, opts.endpoint);
  const headers = { ...extraHeaders, [SECRET_HEADER]: secret, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' };
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, { method, headers });
    let sent = false;
    const send = () => { if (!sent) { sent = true; request.end(body); } };
    const silence = setTimeout(send, 1000);
    request.on('continue', send);
    let answered = false;
    request.setTimeout(60_000, () => request.destroy(new Error('no answer within 60 s')));
    request.on('response', (answer) => {
      answered = true;
      clearTimeout(silence);
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk) => { text += chunk; });
      answer.on('end', () => {
        const json = judged(method, path, answer.statusCode, text);
        if (!sent) request.destroy();
        resolve({ status: answer.statusCode, json, headers: answer.headers });
      });
    });
    // A backend may close the connection once it has answered, while the body is still going:
    // the answer counts, the broken pipe does not.
    request.on('error', (e) => { clearTimeout(silence); if (!answered) setTimeout(() => { if (!answered) reject(e); }, 500); });
  });
}

// ---------------------------------------------------------------------------------------------
// Packages: each copy of the sample gets its own id, secret and file contents.

function pdf(label) {
  return Buffer.from(`%PDF-1.4\n% conformance ${label} ${randomUUID()}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}
function png(label) {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`conformance ${label} ${randomUUID()}`)]);
}

function newPackage(label) {
  const files = { 'application/pdf': pdf(label), 'image/png': png(label) };
  const id = randomUUID();
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const manifest = {
    format: 'zhicheng.package', format_version: 1, package_id: id,
    form_id: sample.form_id, schema_version: sample.schema_version, client_version: 'conformance-kit',
    created_at: now, submitted_at: now, applicant: sample.applicant, answers: sample.answers,
    attachments: sample.attachments.map((a) => {
      const bytes = files[a.media_type];
      return { material: a.material, name: a.name, media_type: a.media_type, size: bytes.length, sha256: sha256(bytes), pages: 1 };
    }),
    reports: [],
  };
  const uploads = Object.entries(files)
    .filter(([type]) => sample.attachments.some((a) => a.media_type === type))
    .map(([type, bytes]) => ({ type, bytes, sha256: sha256(bytes) }));
  return { id, secret: randomBytes(32).toString('hex'), manifest, uploads };
}

const upload = (p, file, secret = p.secret) =>
  call('PUT', `v1/packages/${p.id}/files/${file.sha256}`, { secret, body: file.bytes, type: file.type });
const finalise = (p, manifest = p.manifest, secret = p.secret, signal) =>
  call('POST', `v1/packages/${p.id}`, { secret, body: JSON.stringify(manifest), type: 'application/json', signal });
const status = (p, secret = p.secret) => call('GET', `v1/packages/${p.id}`, { secret });
const withdraw = (p, secret = p.secret) => call('POST', `v1/packages/${p.id}/withdraw`, { secret, body: '{}', type: 'application/json' });

// ---------------------------------------------------------------------------------------------
// The checks, in order; each names its section and throws what it found wrong.

class Failed extends Error {}
const expect = (condition, message) => { if (!condition) throw new Failed(message); };
const expectRefusal = (answer, status, code, what) =>
  expect(answer.status === status && answer.json?.error?.code === code,
    `${what}: expected ${status} ${code}, got ${answer.status} ${answer.json?.error?.code ?? JSON.stringify(answer.json).slice(0, 100)}`);
const hasField = (answer, path) => (answer.json?.error?.fields ?? []).some((f) => f.path === path);

let caps = {};
const A = newPackage('A'); // uploaded, finalised, repeated, withdrawn
const B = newPackage('B'); // finalised with its first reply dropped unread
const finalised = [];
let receiptOfA = null;

const checks = [
  ['§2.1', 'capabilities: the preflight names the version, limits, forms and secret header', async () => {
    const answer = await call('GET', 'v1/capabilities');
    expect(answer.status === 200, `GET /v1/capabilities answered ${answer.status}`);
    caps = answer.json;
    expect(Array.isArray(caps.versions) && caps.versions.includes(1), `versions should include 1, got ${JSON.stringify(caps.versions)}`);
    for (const limit of ['max_file_bytes', 'max_package_bytes', 'max_files', 'max_manifest_bytes']) {
      expect(Number.isInteger(caps[limit]) && caps[limit] > 0, `${limit} should be a positive whole number, got ${JSON.stringify(caps[limit])}`);
    }
    expect(Array.isArray(caps.accepted_media_types) && caps.accepted_media_types.includes('application/pdf'), 'accepted_media_types should include application/pdf');
    expect(caps.secret_header === SECRET_HEADER, `secret_header should be ${SECRET_HEADER}, got ${JSON.stringify(caps.secret_header)}`);
    expect(Array.isArray(caps.forms) && caps.forms.includes(sample.form_id),
      `forms should include the sample's form ${sample.form_id} (or pass --sample with a package of a form this backend takes), got ${JSON.stringify(caps.forms)}`);
  }],
  ['§2.0', 'a file without the package secret is refused (401 secret_required)', async () => {
    expectRefusal(await upload(A, A.uploads[0], null), 401, 'secret_required', 'upload without the secret');
  }],
  ['§2.2', 'a file is stored (201) and the same file sent again is accepted without storing it twice (200)', async () => {
    const first = await upload(A, A.uploads[0]);
    expect(first.status === 201, `first upload answered ${first.status} ${JSON.stringify(first.json).slice(0, 120)}`);
    expect(first.json.sha256 === A.uploads[0].sha256 && first.json.size === A.uploads[0].bytes.length, `the reply should give the file's sha256 and size, got ${JSON.stringify(first.json)}`);
    const again = await upload(A, A.uploads[0]);
    expect(again.status === 200, `a repeated upload answered ${again.status}, expected 200`);
  }],
  ['§2.0', 'a package bound to its secret refuses another secret (403 wrong_secret)', async () => {
    expectRefusal(await upload(A, A.uploads[0], randomBytes(32).toString('hex')), 403, 'wrong_secret', 'upload with another secret');
  }],
  ['§2.2', 'a file whose bytes do not match its hash is refused and not stored (400 hash_mismatch)', async () => {
    const p = newPackage('hash');
    const file = { ...p.uploads[0], bytes: Buffer.concat([p.uploads[0].bytes, Buffer.from('tampered')]) };
    expectRefusal(await upload(p, file), 400, 'hash_mismatch', 'upload with the wrong bytes');
  }],
  ['§2.2', 'a malformed hash or package id, an empty file, a file over the limit, a refused type or content not of its type are refused', async () => {
    const p = newPackage('bad');
    expectRefusal(await call('PUT', `v1/packages/${p.id}/files/not-a-hash`, { secret: p.secret, body: p.uploads[0].bytes, type: 'application/pdf' }), 400, 'bad_sha256', 'a hash that is not 64 hex digits');
    expectRefusal(await call('PUT', `v1/packages/not-a-uuid/files/${p.uploads[0].sha256}`, { secret: p.secret, body: p.uploads[0].bytes, type: 'application/pdf' }), 400, 'bad_package_id', 'a package id that is not a UUID v4');
    expectRefusal(await call('PUT', `v1/packages/${p.id}/files/${sha256(Buffer.alloc(0))}`, { secret: p.secret, body: Buffer.alloc(0), type: 'application/pdf' }), 400, 'empty_file', 'an empty file');
    const text = Buffer.from('plain text');
    expectRefusal(await call('PUT', `v1/packages/${p.id}/files/${sha256(text)}`, { secret: p.secret, body: text, type: 'text/plain' }), 415, 'media_type_not_accepted', 'a text/plain file');
    const tooLarge = Buffer.alloc(caps.max_file_bytes + 1, 0x25);
    expectRefusal(await callExpecting('PUT', `v1/packages/${p.id}/files/${sha256(tooLarge)}`, { secret: p.secret, body: tooLarge, type: 'application/pdf' }), 413, 'file_too_large', 'a file over max_file_bytes');
    const image = png('disguised');
    expectRefusal(await call('PUT', `v1/packages/${p.id}/files/${sha256(image)}`, { secret: p.secret, body: image, type: 'application/pdf' }), 415, 'content_not_matching', 'a PNG sent as a PDF');
  }],
  ['§2.3', 'finalising before every file arrived names the missing ones (409 missing_files)', async () => {
    const answer = await finalise(A);
    expectRefusal(answer, 409, 'missing_files', 'finalising without the photo');
    const missing = answer.json.error.missing ?? [];
    const expected = A.uploads.slice(1).map((f) => f.sha256);
    expect(JSON.stringify([...missing].sort()) === JSON.stringify([...expected].sort()), `missing should list exactly ${JSON.stringify(expected)}, got ${JSON.stringify(missing)}`);
  }],
  ['§2.3', 'a complete package is stored with a receipt (201, status 待办中)', async () => {
    for (const file of A.uploads.slice(1)) expect([200, 201].includes((await upload(A, file)).status), 'uploading the rest');
    const answer = await finalise(A);
    expect(answer.status === 201, `finalising answered ${answer.status} ${JSON.stringify(answer.json).slice(0, 300)}`);
    expect(typeof answer.json.receipt === 'string' && answer.json.receipt.length > 0, `no receipt in ${JSON.stringify(answer.json)}`);
    expect(answer.json.package_id === A.id, `package_id should be ${A.id}, got ${answer.json.package_id}`);
    expect(answer.json.status === '待办中', `status should be 待办中, got ${answer.json.status}`);
    receiptOfA = answer.json.receipt;
    finalised.push(A);
  }],
  ['§2.3 §3', 'the same package sent again gets the same receipt (200), never a second one', async () => {
    expect(receiptOfA, 'needs the package stored by the check before');
    const again = await finalise(A);
    expect(again.status === 200, `a repeat answered ${again.status}, expected 200`);
    expect(again.json.receipt === receiptOfA, `a repeat was given receipt ${again.json.receipt}, the first was ${receiptOfA}: the package would be stored twice`);
  }],
  ['§2.3 §3', 'a retry after a lost reply gets the package\'s one receipt', async () => {
    for (const file of B.uploads) expect([200, 201].includes((await upload(B, file)).status), 'uploading B');
    const dropped = new AbortController();
    const lost = finalise(B, B.manifest, B.secret, dropped.signal).catch(() => null);
    await sleep(20);
    dropped.abort();
    await lost;
    await sleep(200);
    finalised.push(B);
    const retry = await finalise(B);
    expect([200, 201].includes(retry.status) && retry.json.receipt, `the retry answered ${retry.status} ${JSON.stringify(retry.json).slice(0, 200)}`);
    const again = await finalise(B);
    const stored = await status(B);
    expect(again.json.receipt === retry.json.receipt && stored.json.receipt === retry.json.receipt,
      `the package was answered ${retry.json.receipt}, then ${again.json.receipt}, and its status says ${stored.json.receipt}`);
  }],
  ['§2.3', 'the same package id with another manifest is refused (409 package_id_reused)', async () => {
    const changed = { ...A.manifest, client_version: 'conformance-kit-changed' };
    expectRefusal(await finalise(A, changed), 409, 'package_id_reused', 'a different manifest under a used id');
  }],
  ['§2.3', 'a manifest listing a size other than the uploaded file\'s is refused with its field', async () => {
    const p = newPackage('size');
    for (const file of p.uploads) await upload(p, file);
    const wrong = { ...p.manifest, attachments: p.manifest.attachments.map((a, i) => (i === 0 ? { ...a, size: a.size + 1 } : a)) };
    const answer = await finalise(p, wrong);
    expectRefusal(answer, 422, 'invalid_manifest', 'a wrong size');
    expect(hasField(answer, 'attachments[0].size'), `the refusal should name attachments[0].size, got ${JSON.stringify(answer.json.error.fields)}`);
  }],
  ['§2.3', 'bad JSON, another format, an unknown version, an unknown form or a mismatched id are refused', async () => {
    const p = newPackage('shape');
    const raw = (body) => call('POST', `v1/packages/${p.id}`, { secret: p.secret, body, type: 'application/json' });
    expectRefusal(await raw('{not json'), 400, 'bad_json', 'a body that is not JSON');
    expectRefusal(await raw(JSON.stringify({ ...p.manifest, format: 'other' })), 400, 'unsupported_format', 'another format');
    expectRefusal(await raw(JSON.stringify({ ...p.manifest, format_version: 99 })), 400, 'unsupported_version', 'format_version 99');
    const unknownForm = await raw(JSON.stringify({ ...p.manifest, form_id: 'no-such-form' }));
    expectRefusal(unknownForm, 422, 'invalid_manifest', 'an unknown form');
    expect(hasField(unknownForm, 'form_id'), `the refusal should name form_id, got ${JSON.stringify(unknownForm.json.error.fields)}`);
    const otherId = await raw(JSON.stringify({ ...p.manifest, package_id: randomUUID() }));
    expectRefusal(otherId, 422, 'invalid_manifest', 'a manifest whose package_id differs from the address');
    expect(hasField(otherId, 'package_id'), `the refusal should name package_id, got ${JSON.stringify(otherId.json.error.fields)}`);
  }],
  ['§2.3', 'answers that break the form\'s rules are refused with the field (422 invalid_manifest)', async () => {
    const p = newPackage('rules');
    for (const file of p.uploads) await upload(p, file);
    const broken = { ...p.manifest, answers: { ...p.manifest.answers, ...sample.rule_breaking.answers }, applicant: { ...p.manifest.applicant, ...sample.rule_breaking.applicant } };
    const answer = await finalise(p, broken);
    expectRefusal(answer, 422, 'invalid_manifest', 'answers that break the rules');
    expect(hasField(answer, sample.rule_breaking.field), `the refusal should name ${sample.rule_breaking.field}, got ${JSON.stringify(answer.json.error.fields)}`);
  }, 'answer-rules'],
  ['§2.3 §2.7', 'a manifest over max_manifest_bytes is refused (413 manifest_too_large)', async () => {
    const p = newPackage('large');
    const padding = 'x'.repeat(caps.max_manifest_bytes + 1);
    const body = JSON.stringify({ ...p.manifest, client_version: padding });
    expectRefusal(await callExpecting('POST', `v1/packages/${p.id}`, { secret: p.secret, body, type: 'application/json' }), 413, 'manifest_too_large', 'an oversized manifest');
  }],
  ['§2.0.1', 'behind a portal\'s login, a package request without the portal\'s token is refused (401 portal_token_required)', async () => {
    const withoutToken = Object.fromEntries(Object.entries(extraHeaders).filter(([name]) => name.toLowerCase() !== 'authorization'));
    // Straight through fetch: `call` adds the token to every package request.
    const answer = await fetch(new URL(`v1/packages/${A.id}`, opts.endpoint), { headers: { ...withoutToken, [SECRET_HEADER]: A.secret }, signal: AbortSignal.timeout(60_000) });
    const json = judged('GET', `v1/packages/${A.id}`, answer.status, await answer.text());
    expect(answer.status === 401 && json?.error?.code === 'portal_token_required',
      `status without the portal's token: expected 401 portal_token_required, got ${answer.status} ${json?.error?.code ?? ''}`);
  }, 'portal-login'],
  ['§2.4', 'status: the receipt and 待办中 for the secret\'s holder; 401 without it, 403 with another, 404 for an unknown id', async () => {
    const answer = await status(A);
    expect(answer.status === 200, `status answered ${answer.status}`);
    expect(answer.json.receipt === receiptOfA && answer.json.status === '待办中' && answer.json.withdrawable === true,
      `expected receipt ${receiptOfA}, 待办中, withdrawable; got ${JSON.stringify(answer.json).slice(0, 200)}`);
    expectRefusal(await status(A, null), 401, 'secret_required', 'status without the secret');
    expectRefusal(await status(A, randomBytes(32).toString('hex')), 403, 'wrong_secret', 'status with another secret');
    const unknown = newPackage('unknown');
    expectRefusal(await status(unknown), 404, 'unknown_package', 'status of a package never finalised');
  }],
  ['§2.5', 'withdraw: refused with another secret; 已撤回 with the package\'s; refused once withdrawn (409 not_withdrawable)', async () => {
    expectRefusal(await withdraw(A, randomBytes(32).toString('hex')), 403, 'wrong_secret', 'withdrawing with another secret');
    const answer = await withdraw(A);
    expect(answer.status === 200 && answer.json.status === '已撤回', `withdrawing answered ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
    expectRefusal(await withdraw(A), 409, 'not_withdrawable', 'withdrawing twice');
    expect((await status(A)).json.status === '已撤回', 'the status after withdrawing should be 已撤回');
  }],
];

// ---------------------------------------------------------------------------------------------

console.log(`Conformance of ${opts.endpoint} with ${PROTOCOL} (protocol/README.md)`);
let passed = 0, failed = 0, skipped = 0;
for (const [section, title, run, skippable] of checks) {
  const portalLogin = Object.keys(extraHeaders).some((name) => name.toLowerCase() === 'authorization');
  if (skippable === 'portal-login' && !portalLogin) {
    console.log(`  SKIP  ${section.padEnd(9)} ${title} (no --header 'Authorization: Bearer …' given: for a backend behind a portal's login)`);
    skipped++;
    continue;
  }
  if (skippable && opts.skip.includes(skippable)) {
    console.log(`  SKIP  ${section.padEnd(9)} ${title} (--skip ${skippable})`);
    skipped++;
    continue;
  }
  strays = [];
  let problem = null;
  try { await run(); } catch (e) { problem = e instanceof Failed ? e.message : `${e.name}: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message})` : ''}`; }
  const found = [problem, ...strays].filter(Boolean);
  if (found.length === 0) { console.log(`  PASS  ${section.padEnd(9)} ${title}`); passed++; continue; }
  console.log(`  FAIL  ${section.padEnd(9)} ${title}`);
  for (const f of found) console.log(`          ${f}`);
  failed++;
}

// Cleaning up: every package the kit finalised is withdrawn (A already was).
let left = 0;
for (const p of finalised.filter((p) => p !== A)) {
  const answer = await withdraw(p).catch(() => null);
  if (answer?.status !== 200) left++;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped.`);
console.log(`Left on the backend: ${finalised.length} package(s) finalised and withdrawn${left ? ` (${left} could not be withdrawn)` : ''}; ` +
  'files uploaded for packages the kit never finalised, for the backend\'s clean-up of unfinalised uploads (§2.3).');
process.exit(failed ? 1 : 0);
