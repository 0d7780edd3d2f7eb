// Benchmark (not a test): the reference receiver's accepted packages per second on loopback
// (RECEIVER_URL; scripts/bench.sh starts a release build). Each package is a complete 普通申报
// with one 100 KB PDF of its own and a small PNG for the photo (the receiver checks each file's
// type against its material): two file uploads and one finalising call, each with the package's
// secret, answers checked by the form's rules, stored in SQLite with the file on disk. Several
// clients send at once (all from one address: scripts/bench.sh lifts the rate limit per client).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const RECEIVER_URL = process.env.RECEIVER_URL ?? 'http://127.0.0.1:8090/';
const PACKAGES = Number(process.env.PACKAGES ?? 300);
const CLIENTS = Number(process.env.CLIENTS ?? 8);

// The ordinary 普通申报 the end-to-end tests submit: every answer is checked by the applicant
// form's rules; every item of its materials checklist that applies to a 普通申报 (all but those
// shown only for other answers, such as the 破格 form) holds the same file, uploaded once (the photo
// its own).
const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const declaration = read('../e2e/support/ordinary_declaration.json');
const materials = read(`../../public/forms/${declaration.form_id}.json`).materials.filter((m) => !m.visible_if);

function manifest(id, file, photo) {
  const hash = (bytes) => createHash('sha256').update(bytes).digest('hex');
  const attach = (material, name, bytes, media_type) => ({ material, name, media_type, size: bytes.length, sha256: hash(bytes), pages: 1 });
  // A material that takes only photos gets the photo; every other one the PDF.
  const photoOnly = (m) => m.accept && !m.accept.includes('pdf');
  return {
    format: 'zhicheng.package', format_version: 1, package_id: id, form_id: declaration.form_id, schema_version: declaration.schema_version,
    client_version: 'bench', created_at: '2026-11-23T08:00:00Z', submitted_at: '2026-11-23T08:00:00Z',
    applicant: { name: declaration.answers.name, id_number: declaration.answers.idNumber },
    answers: declaration.answers,
    attachments: materials.map((m) => photoOnly(m) ? attach(m.id, `${m.name}.png`, photo, 'image/png') : attach(m.id, `${m.name}.pdf`, file, 'application/pdf')),
    reports: [],
  };
}

async function sendOne(n) {
  const file = Buffer.concat([Buffer.from(`%PDF-1.4\n% package ${n} ${randomUUID()}\n`), Buffer.alloc(100 * 1024, 32)]);
  const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`photo ${n} ${randomUUID()}`)]);
  const id = randomUUID();
  const secret = randomBytes(32).toString('hex');
  const body = manifest(id, file, photo);
  for (const [bytes, type] of [[file, 'application/pdf'], [photo, 'image/png']]) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = await fetch(`${RECEIVER_URL}v1/packages/${id}/files/${sha256}`, { method: 'PUT', headers: { 'Content-Type': type, 'Zhicheng-Package-Secret': secret }, body: bytes });
    if (put.status !== 201) throw new Error(`upload ${put.status} ${await put.text()}`);
  }
  const done = await fetch(`${RECEIVER_URL}v1/packages/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Zhicheng-Package-Secret': secret }, body: JSON.stringify(body) });
  if (done.status !== 201) throw new Error(`finalise ${done.status} ${await done.text()}`);
}

let next = 0;
const start = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, async () => {
  while (next < PACKAGES) await sendOne(next++);
}));
const seconds = (performance.now() - start) / 1000;
console.log(`reference receiver on loopback, ${PACKAGES} packages (a 100 KB PDF and a photo each), ${CLIENTS} clients:`);
console.log(`  ${(PACKAGES / seconds).toFixed(0)} packages/s accepted (${seconds.toFixed(2)} s)`);
