// Trunk post-build hook (Trunk.toml): in a release build, minifies wasm-bindgen's JavaScript glue
// with terser and updates its Subresource Integrity hash in index.html. Trunk minifies the CSS
// and HTML itself but leaves the glue as wasm-bindgen wrote it (about 1.6 KB more brotli).
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
const htmlPath = join(staging, "index.html");
let html = await readFile(htmlPath, "utf8");
const sri = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");

for (const name of await readdir(staging)) {
  if (!/^zhicheng-[0-9a-f]+\.js$/.test(name)) continue;
  const path = join(staging, name);
  const original = await readFile(path, "utf8");
  const { code } = await minify(original, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (!code) throw new Error(`terser returned nothing for ${name}`);
  const before = sri(original);
  if (!html.includes(before)) throw new Error(`index.html does not name ${name} by its hash ${before}`);
  html = html.replaceAll(before, sri(code));
  await writeFile(path, code);
  console.log(`minified ${name}: ${original.length} → ${code.length} bytes`);
}
await writeFile(htmlPath, html);
