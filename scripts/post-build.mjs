// Trunk post-build hook (Trunk.toml), release builds only. For the widget's bundle (widget/,
// built into dist/widget/) it writes the widget's style sheet, made from the app's for a shadow
// root (`widget-<hash>.css`), and the app's file names into the loader `zhicheng-form.js`, drops
// the page that drove the build, then minifies and precompresses (steps 2 and 4 below). For both,
// the WebAssembly is first cut into the module a first visit needs and the chunks loaded on
// demand, and optimised (split-wasm.mjs). For the standalone app it then
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
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { minify } from "terser";
import { splitWasm } from "./split-wasm.mjs";
import { widgetStyles } from "./widget-styles.mjs";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
const isWidget = (await readdir(staging)).includes("zhicheng-form.js");

// The widget: the app's glue, wasm and style sheet by their names, in the loader.
if (isWidget) {
  await splitWasm(staging, null);
  const names = await readdir(staging);
  const one = (pattern, what) => {
    const found = names.filter((n) => pattern.test(n));
    if (found.length !== 1) throw new Error(`expected one ${what} in dist, found ${found.length}`);
    return found[0];
  };
  const js = one(/^zhicheng-[0-9a-f]+\.js$/, "JavaScript glue");
  const wasm = one(/^zhicheng-[0-9a-f]+_bg\.wasm$/, "WebAssembly module");
  // The app's style sheet, then training mode's (style/training.css, only the widget carries it).
  const sheets = [one(/^main-[0-9a-f]+\.css$/, "style sheet"), one(/^training-[0-9a-f]+\.css$/, "training style sheet")];
  const texts = await Promise.all(sheets.map((name) => readFile(join(staging, name), "utf8")));
  const css = widgetStyles(texts.join("\n"));
  const cssName = `widget-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  await writeFile(join(staging, cssName), css);
  const loaderPath = join(staging, "zhicheng-form.js");
  const loader = await readFile(loaderPath, "utf8");
  const named = loader.replace(/\/\*widget-files\*\/ ?\{[^}]*\}/, JSON.stringify({ js, wasm, css: cssName }));
  if (named === loader) throw new Error("zhicheng-form.js lost its /*widget-files*/ placeholder");
  await writeFile(loaderPath, named);
  await rm(join(staging, "index.html"));
  for (const sheet of sheets) await rm(join(staging, sheet));
  await minifyScripts(["zhicheng-form.js", "frame.js", "zhicheng-frame.js"], null);
  const count = await precompress();
  console.log(`post-build (widget): ${cssName} and the file names in zhicheng-form.js, ${count} files precompressed`);
  process.exit(0);
}

const htmlPath = join(staging, "index.html");
let html = await splitWasm(staging, await readFile(htmlPath, "utf8"));
const sri = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");

// 1. The start-up script, out of the page.
const inline = /<script type=module>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) throw new Error("index.html has no inline start-up script to move (did Trunk change?)");
// `?mode=training` asks for training mode, which has a page of its own (training/, README):
// go there before the app's WebAssembly is fetched.
const toTraining =
  'if(new URLSearchParams(location.search).get("mode")==="training"){location.replace("training/");await new Promise(()=>{})}\n';
const start = toTraining + found[1];
const startName = `start-${createHash("sha256").update(start).digest("hex").slice(0, 16)}.js`;
await writeFile(join(staging, startName), start);
html = html.replace(inline, `<script type=module src=/${startName}></script>`);

// 2. The glue and the classic scripts from public/, minified (the service worker after its list
//    is written in, below).
html = await minifyScripts(["crash-guard.js", "offline.js"], html);
await writeFile(htmlPath, html);

/** Minifies the glue (an ES module named by its hash; its integrity in `html` follows, when there
 * is a page) and the scripts named in `others` (ES modules when they end in `.mjs` or are the
 * widget's loader, classic scripts otherwise). Returns the page. */
async function minifyScripts(others, html) {
  for (const name of await readdir(staging)) {
    const glue = /^zhicheng-[0-9a-f]+\.js$/.test(name);
    if (!glue && !others.includes(name)) continue;
    const path = join(staging, name);
    const original = await readFile(path, "utf8");
    const module = glue || ["zhicheng-form.js", "frame.js", "zhicheng-frame.js"].includes(name);
    const { code } = await minify(original, { module, ecma: 2020, compress: { passes: 2 }, mangle: true });
    if (!code) throw new Error(`terser returned nothing for ${name}`);
    if (glue && html !== null) {
      const before = sri(original);
      if (!html.includes(before)) throw new Error(`index.html does not name ${name} by its hash ${before}`);
      html = html.replaceAll(before, sri(code));
    }
    await writeFile(path, code);
  }
  return html;
}

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
const count = await precompress();

/** Writes a brotli and a gzip copy beside each text and wasm file; returns how many files. */
async function precompress() {
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
  return count;
}
console.log(`post-build: start-up script in ${startName}, scripts minified, ${precache.length} files precached by build ${build}, ${count} files precompressed`);
