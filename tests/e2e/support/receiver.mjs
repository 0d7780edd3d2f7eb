// A reference receiver of a test's own, on a free port of 127.0.0.1: for a deployment that can be
// redeployed, or one started with options the shared test receiver does not have.
import { spawn } from 'node:child_process';
import path from 'node:path';

export const RECEIVER_BIN = path.resolve(process.env.CARGO_TARGET_DIR ?? 'target', 'debug/zhicheng-receiver');

/** Starts `zhicheng-receiver serve` with its data in `data` and `options`; resolves with its URL
 * (ending in `/`) and the child process, once it listens. */
export async function startReceiver(data, options = []) {
  const child = spawn(RECEIVER_BIN, ['serve', '--addr', '127.0.0.1:0', '--data', data, '--forms', 'public/forms', ...options]);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/listening on (http:\/\/[\d.:]+\/)/);
      if (found) resolve(found[1]);
    });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('exit', (code) => reject(new Error(`the receiver stopped (${code}): ${out}`)));
  });
  return { url, child };
}
