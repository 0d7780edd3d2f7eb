// The cluster test's clients (scripts/cluster.sh): CLIENTS clients send whole packages (two file
// uploads and the finalising call, each with the package's secret) to the receiver instances in
// URLS (comma-separated), taking them in turn like a round-robin balancer, for DURATION seconds.
// A step that fails — an instance killed or restarting, the database restarting, a 503 — is sent
// again to the next instance after a short pause, as the app's outbox does; a `missing_files`
// answer sends those files again. Every package a client was answered for is written to ANSWERS
// (one JSON line: package id, receipt, files) for verify.mjs; a summary goes to standard output.
import { appendFileSync, writeFileSync } from 'node:fs';
import { samplePackage } from '../bench/support/package.mjs';

const URLS = (process.env.URLS ?? 'http://127.0.0.1:8090/').split(',');
const CLIENTS = Number(process.env.CLIENTS ?? 32);
const DURATION = Number(process.env.DURATION ?? 20);
const ANSWERS = process.env.ANSWERS;
const ATTEMPTS = 400;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
let retries = 0;
const failuresSeen = new Map();
const note = (what) => { retries++; failuresSeen.set(what, (failuresSeen.get(what) ?? 0) + 1); };

/** Calls `request(url)` on instance after instance until it answers one of `ok`; its answer. */
async function persist(n, request, ok) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const url = URLS[(n + attempt) % URLS.length];
    try {
      const answer = await request(url);
      const json = await answer.json().catch(() => ({}));
      if (ok.includes(answer.status)) return { status: answer.status, json };
      if (json?.error?.code === 'missing_files') return { status: answer.status, json };
      note(`${answer.status} ${json?.error?.code ?? ''}`.trim());
    } catch (e) {
      note(e.cause?.code ?? e.name);
    }
    await sleep(50 + Math.random() * 250);
  }
  throw new Error(`package ${n}: no instance answered after ${ATTEMPTS} attempts`);
}

async function upload(n, id, secret, file) {
  await persist(n, (url) => fetch(`${url}v1/packages/${id}/files/${file.sha256}`, {
    method: 'PUT', headers: { 'Content-Type': file.type, 'Zhicheng-Package-Secret': secret }, body: file.bytes, signal: AbortSignal.timeout(20000),
  }), [200, 201]);
}

async function sendOne(n) {
  const { id, secret, files, manifest } = samplePackage(n);
  for (const file of files) await upload(n, id, secret, file);
  for (let round = 0; round < 10; round++) {
    const { status, json } = await persist(n, (url) => fetch(`${url}v1/packages/${id}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Zhicheng-Package-Secret': secret }, body: JSON.stringify(manifest), signal: AbortSignal.timeout(20000),
    }), [200, 201]);
    if (status === 200 || status === 201) {
      if (!json.receipt) throw new Error(`package ${n}: answered ${status} without a receipt: ${JSON.stringify(json)}`);
      return { package_id: id, receipt: json.receipt, files: files.map((f) => ({ sha256: f.sha256, size: f.bytes.length })) };
    }
    note('missing_files');
    for (const file of files.filter((f) => json.error.missing.includes(f.sha256))) await upload(n, id, secret, file);
  }
  throw new Error(`package ${n}: still missing files after sending them again`);
}

if (ANSWERS) writeFileSync(ANSWERS, '');
let next = 0;
let answered = 0;
const start = performance.now();
const until = start + DURATION * 1000;
await Promise.all(Array.from({ length: CLIENTS }, async () => {
  while (performance.now() < until) {
    const done = await sendOne(next++);
    answered++;
    if (ANSWERS) appendFileSync(ANSWERS, JSON.stringify(done) + '\n');
  }
}));
const seconds = (performance.now() - start) / 1000;
const failures = [...failuresSeen].map(([what, n]) => `${what} ×${n}`).join(', ') || 'none';
console.log(`${answered} packages answered in ${seconds.toFixed(1)} s by ${URLS.length} instance(s), ${CLIENTS} clients: ${(answered / seconds).toFixed(1)} packages/s`);
console.log(`  steps sent again: ${retries} (${failures})`);
const cpu = process.cpuUsage();
console.log(`  clients' CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
