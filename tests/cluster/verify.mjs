// The cluster test's verdict (scripts/cluster.sh), from what the clients were answered (ANSWERS),
// the operator's export of each day the receipts fall on (EXPORTS: export files, comma-separated,
// made with `export --copy-files COPIED`) and the bucket's folder on the S3 server's disk (BUCKET):
// every answered package is stored exactly once, under the receipt it was answered with; receipt
// numbers are unique and run 1, 2, 3 … each day with none missing; every file a package lists was
// copied back out of the bucket with the right SHA-256 and size; and after the clean-up the
// bucket holds exactly the files stored packages list: no orphan. Exits non-zero on any failure.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const lines = (path) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const answers = lines(process.env.ANSWERS);
const exported = process.env.EXPORTS.split(',').flatMap(lines);
const copied = process.env.COPIED;
const problems = [];
const fail = (what) => { if (problems.length < 50) problems.push(what); };

const stored = new Map();
for (const p of exported) {
  if (stored.has(p.package_id)) fail(`package ${p.package_id} exported twice`);
  stored.set(p.package_id, p);
}
for (const a of answers) {
  const p = stored.get(a.package_id);
  if (!p) fail(`package ${a.package_id} was answered with ${a.receipt} but is not stored`);
  else if (p.receipt !== a.receipt) fail(`package ${a.package_id} was answered with ${a.receipt} but is stored as ${p.receipt}`);
}
const answeredIds = new Set(answers.map((a) => a.package_id));
const unanswered = exported.filter((p) => !answeredIds.has(p.package_id)).length;

const byDay = new Map();
for (const p of exported) {
  const day = p.receipt.slice(2, 10);
  byDay.set(day, [...(byDay.get(day) ?? []), Number(p.receipt.slice(10))]);
}
for (const [day, numbers] of byDay) {
  numbers.sort((a, b) => a - b);
  numbers.forEach((n, i) => { if (n !== i + 1) fail(`receipts of ${day}: number ${i + 1} expected, found ${n} (duplicate or gap)`); });
}

const listed = new Set();
let checkedFiles = 0;
for (const p of exported) {
  for (const a of p.manifest.attachments) {
    if (listed.has(a.sha256)) continue;
    listed.add(a.sha256);
    let bytes;
    try { bytes = readFileSync(join(copied, a.sha256)); } catch { fail(`file ${a.sha256} of ${p.receipt} could not be read back`); continue; }
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash !== a.sha256 || bytes.length !== a.size) fail(`file ${a.sha256} of ${p.receipt} reads back as ${hash}, ${bytes.length} bytes`);
    checkedFiles++;
  }
}
const inBucket = readdirSync(process.env.BUCKET).filter((name) => /^[0-9a-f]{64}$/.test(name));
const orphans = inBucket.filter((name) => !listed.has(name));
if (orphans.length) fail(`${orphans.length} file(s) in the bucket no package lists, e.g. ${orphans[0]}`);
const lost = [...listed].filter((name) => !inBucket.includes(name));
if (lost.length) fail(`${lost.length} listed file(s) missing from the bucket, e.g. ${lost[0]}`);

console.log(`verified: ${answers.length} answered packages, ${exported.length} stored (${unanswered} stored without an answer), ` +
  `${[...byDay.values()].reduce((n, d) => n + d.length, 0)} receipts over ${byDay.size} day(s), ${checkedFiles} files read back, ${inBucket.length} in the bucket, ${orphans.length} orphans`);
if (problems.length) {
  console.error(`CLUSTER TEST FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('cluster test passed: every answered package stored once with its receipt and its files, no duplicate receipt, no orphan');
