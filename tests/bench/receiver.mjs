// Benchmark (not a test): the reference receiver's accepted packages per second on loopback
// (RECEIVER_URL; scripts/bench.sh starts a release build). Each package is a complete 单位公示批次
// with one 100 KB PDF of its own: one file upload and one finalising call, answers checked by the
// form's rules, stored in SQLite with the file on disk. Several clients send at once.
import { createHash, randomUUID } from 'node:crypto';

const RECEIVER_URL = process.env.RECEIVER_URL ?? 'http://127.0.0.1:8090/';
const PACKAGES = Number(process.env.PACKAGES ?? 300);
const CLIENTS = Number(process.env.CLIENTS ?? 8);

function manifest(id, file) {
  return {
    format: 'zhicheng.package', format_version: 1, package_id: id, form_id: 'sz-unit-publicity', schema_version: 1,
    client_version: 'bench', created_at: '2026-11-23T08:00:00Z', submitted_at: '2026-11-23T08:00:00Z',
    applicant: { name: '深圳市示例科技有限公司', id_number: '' },
    answers: {
      unitName: '深圳市示例科技有限公司', unitCreditCode: '91110000600037341L', publicityYear: '2026', contactPerson: '陈经办',
      contactPhone: '0755-88886666', postcode: '518057', preStart: '2026-11-02', preEnd: '2026-11-06',
      preMethods: ['在单位显著位置张贴'], preContent: '申报材料',
      applicants: [{ id: 1, values: { name: '林一', idType: '居民身份证', idNumber: '440305199203040039', employer: '深圳市示例科技有限公司',
        series: '工程系列', specialty: '电子信息', level: '中级', preOpinion: '公示期间未收到举报。', preResult: '通过' } }],
    },
    attachments: [{ material: 'extra', name: '公示照片.pdf', media_type: 'application/pdf', size: file.length, sha256: createHash('sha256').update(file).digest('hex'), pages: 1 }],
    reports: [],
  };
}

async function sendOne(n) {
  const file = Buffer.concat([Buffer.from(`%PDF-1.4\n% package ${n} ${randomUUID()}\n`), Buffer.alloc(100 * 1024, 32)]);
  const id = randomUUID();
  const body = manifest(id, file);
  const put = await fetch(`${RECEIVER_URL}v1/packages/${id}/files/${body.attachments[0].sha256}`, { method: 'PUT', headers: { 'Content-Type': 'application/pdf' }, body: file });
  if (put.status !== 201) throw new Error(`upload ${put.status} ${await put.text()}`);
  const done = await fetch(`${RECEIVER_URL}v1/packages/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (done.status !== 201) throw new Error(`finalise ${done.status} ${await done.text()}`);
}

let next = 0;
const start = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, async () => {
  while (next < PACKAGES) await sendOne(next++);
}));
const seconds = (performance.now() - start) / 1000;
console.log(`reference receiver on loopback, ${PACKAGES} packages (100 KB file each), ${CLIENTS} clients:`);
console.log(`  ${(PACKAGES / seconds).toFixed(0)} packages/s accepted (${seconds.toFixed(2)} s)`);
