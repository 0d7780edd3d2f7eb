// A complete 普通申报 package as the app sends it, for the receiver's benchmark and the cluster
// test: the answers the end-to-end tests submit, every material of its checklist that applies to
// a 普通申报 holding one 100 KB PDF of its own (the photo-only ones a small PNG), its package id and
// secret. Every answer is checked by the form's rules at the receiver.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const declaration = read('../../e2e/support/ordinary_declaration.json');
const materials = read(`../../../public/forms/${declaration.form_id}.json`).materials.filter((m) => !m.visible_if);

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Package number `n`: { id, secret, files: [{ bytes, type, sha256 }], manifest }. */
export function samplePackage(n) {
  const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n% package ${n} ${randomUUID()}\n`), Buffer.alloc(100 * 1024, 32)]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`photo ${n} ${randomUUID()}`)]);
  const files = [{ bytes: pdf, type: 'application/pdf' }, { bytes: png, type: 'image/png' }].map((f) => ({ ...f, sha256: sha256(f.bytes) }));
  const id = randomUUID();
  const attach = (material, name, file) => ({ material, name, media_type: file.type, size: file.bytes.length, sha256: file.sha256, pages: 1 });
  // A material that takes only photos gets the photo; every other one the PDF.
  const photoOnly = (m) => m.accept && !m.accept.includes('pdf');
  const manifest = {
    format: 'zhicheng.package', format_version: 1, package_id: id, form_id: declaration.form_id, schema_version: declaration.schema_version,
    client_version: 'bench', created_at: '2026-11-23T08:00:00Z', submitted_at: '2026-11-23T08:00:00Z',
    applicant: { name: declaration.answers.name, id_number: declaration.answers.idNumber },
    answers: declaration.answers,
    attachments: materials.map((m) => photoOnly(m) ? attach(m.id, `${m.name}.png`, files[1]) : attach(m.id, `${m.name}.pdf`, files[0])),
    reports: [],
  };
  return { id, secret: randomBytes(32).toString('hex'), files, manifest };
}
