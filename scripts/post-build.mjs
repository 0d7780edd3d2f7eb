// Trunk post-build hook (Trunk.toml), release builds only. In the staging folder it
//   1. moves Trunk's inline start-up script into a file of its own (`start-<hash>.js`), so that
//      the page runs under a Content-Security-Policy allowing scripts from this origin only;
//   2. minifies wasm-bindgen's JavaScript glue and the page's classic scripts with terser (Trunk
//      minifies only the CSS and HTML) and updates the glue's Subresource Integrity hash in
//      index.html;
//   3. writes into the service worker (public/sw.js) the list of every file it precaches, each
//      with its content hash, and the build's name (a hash of that list), so that each build is
//      a new worker with a cache of its own;
//   4. writes a brotli (quality 11) and a gzip (level 9) copy beside every text and wasm file,
//      which the receiver's `serve --app` sends to browsers that accept them.
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
const htmlPath = join(staging, "index.html");
let html = await readFile(htmlPath, "utf8");
const sri = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");

// 1. The start-up script, out of the page.
const inline = /<script type=module>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) throw new Error("index.html has no inline start-up script to move (did Trunk change?)");
const start = found[1];
const startName = `start-${createHash("sha256").update(start).digest("hex").slice(0, 16)}.js`;
await writeFile(join(staging, startName), start);
html = html.replace(inline, `<script type=module src=/${startName}></script>`);

// 2. The glue (an ES module named by its hash and integrity) and the classic scripts from
//    public/, minified (the service worker after its list is written in, below).
const classic = ["crash-guard.js", "offline.js"];
for (const name of await readdir(staging)) {
  const glue = /^zhicheng-[0-9a-f]+\.js$/.test(name);
  if (!glue && !classic.includes(name)) continue;
  const path = join(staging, name);
  const original = await readFile(path, "utf8");
  const { code } = await minify(original, { module: glue, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (!code) throw new Error(`terser returned nothing for ${name}`);
  if (glue) {
    const before = sri(original);
    if (!html.includes(before)) throw new Error(`index.html does not name ${name} by its hash ${before}`);
    html = html.replaceAll(before, sri(code));
  }
  await writeFile(path, code);
}
await writeFile(htmlPath, html);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

// 3. The service worker's precache list: every file of the app but the worker itself, as paths
//    relative to the site's root, sorted so that the same build always gets the same name.
const precache = [];
for await (const path of files(staging)) {
  const name = relative(staging, path).split(sep).join("/");
  if (name === "sw.js") continue;
  precache.push([name, createHash("sha256").update(await readFile(path)).digest("hex").slice(0, 16)]);
}
precache.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const build = createHash("sha256").update(JSON.stringify(precache)).digest("hex").slice(0, 16);
const workerPath = join(staging, "sw.js");
const worker = await readFile(workerPath, "utf8");
const listed = worker
  .replace(/\/\*precache\*\/ ?\[\]/, JSON.stringify(precache))
  .replace(/\/\*build\*\/ ?"development"/, JSON.stringify(build));
if (listed.includes("/*precache*/") || listed.includes("/*build*/") || !listed.includes(build)) {
  throw new Error("sw.js lost its /*precache*/ or /*build*/ placeholder");
}
const minifiedWorker = (await minify(listed, { ecma: 2020, compress: { passes: 2 }, mangle: true })).code;
if (!minifiedWorker) throw new Error("terser returned nothing for sw.js");
await writeFile(workerPath, minifiedWorker);

// 4. Precompressed copies.
const compressible = /\.(html|js|mjs|wasm|css|json|svg|webmanifest|txt)$/;
let count = 0;
for await (const path of files(staging)) {
  // config.json is the deployment's to edit in place; a precompressed copy would go stale.
  if (!compressible.test(path) || path.endsWith(`${sep}config.json`)) continue;
  const bytes = await readFile(path);
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gz = gzipSync(bytes, { level: 9 });
  // A copy no smaller than the file is not worth a second request path.
  if (br.length < bytes.length) await writeFile(`${path}.br`, br);
  if (gz.length < bytes.length) await writeFile(`${path}.gz`, gz);
  count++;
}
console.log(`post-build: start-up script in ${startName}, scripts minified, ${precache.length} files precached by build ${build}, ${count} files precompressed`);
