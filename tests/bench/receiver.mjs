// Benchmark (not a test): the reference receiver's accepted packages per second on loopback
// (RECEIVER_URL; scripts/bench.sh starts a release build). Each package is a complete 普通申报
// with one 100 KB PDF of its own and a small PNG for the photo (the receiver checks each file's
// type against its material): two file uploads and one finalising call, each with the package's
// secret, answers checked by the form's rules, stored in SQLite with the file on disk. Several
// clients send at once (all from one address: scripts/bench.sh lifts the rate limit per client).
import { samplePackage } from './support/package.mjs';

const RECEIVER_URL = process.env.RECEIVER_URL ?? 'http://127.0.0.1:8090/';
const PACKAGES = Number(process.env.PACKAGES ?? 300);
const CLIENTS = Number(process.env.CLIENTS ?? 8);

async function sendOne(n) {
  const { id, secret, files, manifest } = samplePackage(n);
  for (const file of files) {
    const put = await fetch(`${RECEIVER_URL}v1/packages/${id}/files/${file.sha256}`, { method: 'PUT', headers: { 'Content-Type': file.type, 'Zhicheng-Package-Secret': secret }, body: file.bytes });
    if (put.status !== 201) throw new Error(`upload ${put.status} ${await put.text()}`);
  }
  const done = await fetch(`${RECEIVER_URL}v1/packages/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Zhicheng-Package-Secret': secret }, body: JSON.stringify(manifest) });
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
