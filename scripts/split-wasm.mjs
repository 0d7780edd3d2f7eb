// Cuts the release build's WebAssembly into the module a first visit needs and the chunks of the
// screens it does not (src/ui/on_demand.rs), then optimises every part; called by post-build.mjs.
//
// Trunk has already run wasm-bindgen on cargo's module (and no wasm-opt: index.html says
// data-wasm-opt="0"). When that module carries split points (built with `--cfg zhicheng_split`
// and `-Clink-args=--emit-relocs`, as scripts/build-release.sh does), this step
//   1. cuts cargo's module with wasm-split-cli (WASM_SPLIT_VERSION in scripts/versions.env):
//      the main module, one `split_<name>` chunk per deferred screen, `chunk_<n>` for code
//      several of them share, and the JavaScript that fetches them (`__wasm_split.js`);
//   2. runs wasm-bindgen again on the main module, keeping the exports the chunks link against,
//      and puts its glue and module in place of Trunk's (same names);
//   3. names every chunk and the fetching script by their content hashes (so the receiver
//      caches them as immutable) and preloads the script from the page;
//   4. drops wasm-streams' stream adapters, which nothing makes, from the main module's exports
//      and the glue (drop-stream-adapters.mjs), and gives the main module's imports from the glue
//      short names, in both (short-imports.mjs);
//   5. optimises the main module and each chunk with wasm-opt, with the passes index.html names
//      in data-wasm-opt-params.
// Without split points (a `trunk build --release` by hand) only steps 4 and 5 run, on Trunk's
// module.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropStreamAdapters } from "./drop-stream-adapters.mjs";
import { shortenImports } from "./short-imports.mjs";

// The import module of every split point (wasm_split_helpers), and the relocations the cut needs.
const SPLIT_IMPORT = "__wasm_split_placeholder__";
const RELOCATIONS = "reloc.CODE";
const hash16 = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

/** Splits and optimises the module in `staging`; returns the page with its integrity hashes and
 * preloads updated (`html` is null for the widget, which has no page). */
export async function splitWasm(staging, html) {
  const names = await readdir(staging);
  const glueName = names.find((n) => /^zhicheng-[0-9a-f]+\.js$/.test(n));
  const wasmName = names.find((n) => /^zhicheng-[0-9a-f]+_bg\.wasm$/.test(n));
  if (!glueName || !wasmName) throw new Error("split-wasm: no wasm-bindgen glue and module in the build");
  const stem = glueName.slice(0, -".js".length);
  const before = { glue: await readFile(join(staging, glueName)), wasm: await readFile(join(staging, wasmName)) };
  const passes = await optimiserPasses();

  const cargoModule = join(process.env.CARGO_TARGET_DIR || "target", "wasm32-unknown-unknown", "release", "zhicheng.wasm");
  const compiled = await readFile(cargoModule);
  const work = await mkdtemp(join(tmpdir(), "zhicheng-split-"));
  try {
    let chunks = [];
    if (compiled.includes(Buffer.from(SPLIT_IMPORT))) {
      if (!compiled.includes(Buffer.from(RELOCATIONS))) {
        throw new Error("split-wasm: the module has split points but no relocations; build with -Clink-args=--emit-relocs (scripts/build-release.sh)");
      }
      execFileSync("wasm-split-cli", [cargoModule, work, "--out-name", stem], { stdio: "inherit" });
      execFileSync(
        "wasm-bindgen",
        ["--target=web", "--keep-lld-exports", "--no-demangle", "--no-typescript", `--out-dir=${join(work, "bg")}`, join(work, `${stem}.wasm`)],
        { stdio: "inherit" },
      );
      await rename(join(work, "bg", `${stem}.js`), join(staging, glueName));
      await rename(join(work, "bg", `${stem}_bg.wasm`), join(staging, wasmName));
      chunks = (await readdir(work)).filter((n) => /^(split|chunk)_\w+\.wasm$/.test(n));
    }
    const adapters = dropStreamAdapters(await readFile(join(staging, wasmName)), await readFile(join(staging, glueName), "utf8"));
    const shortened = shortenImports(adapters.wasm, adapters.glue, `./${stem}_bg.js`);
    await writeFile(join(staging, wasmName), shortened.wasm);
    await writeFile(join(staging, glueName), shortened.glue);
    optimise(join(staging, wasmName), passes);
    let loader = chunks.length ? await readFile(join(work, "__wasm_split.js"), "utf8") : null;
    for (const chunk of chunks) {
      const path = join(work, chunk);
      optimise(path, passes);
      const bytes = await readFile(path);
      const hashed = `${chunk.slice(0, -".wasm".length)}-${hash16(bytes)}.wasm`;
      await writeFile(join(staging, hashed), bytes);
      loader = replaceOnce(loader, `"./${chunk}"`, `"./${hashed}"`, "__wasm_split.js");
    }
    const after = { wasm: await readFile(join(staging, wasmName)) };
    if (loader !== null) {
      const loaderName = `split-${hash16(loader)}.js`;
      await writeFile(join(staging, loaderName), loader);
      // The glue's `import … from` lines only: its import object keeps the module's own name.
      const glue = (await readFile(join(staging, glueName), "utf8")).replace(
        /(import \* as \w+ from )"\.\/__wasm_split\.js"/g,
        `$1"./${loaderName}"`,
      );
      if (!glue.includes(loaderName)) throw new Error("split-wasm: the glue does not import __wasm_split.js");
      await writeFile(join(staging, glueName), glue);
      if (html !== null) html = html.replace("</head>", `<link href=/${loaderName} rel=modulepreload></head>`);
    }
    after.glue = await readFile(join(staging, glueName));
    if (html !== null) {
      for (const part of ["glue", "wasm"]) html = replaceOnce(html, sri(before[part]), sri(after[part]), "index.html");
    }
    console.log(
      `split-wasm: ${chunks.length ? `${chunks.length} chunks loaded on demand` : "no split points, one module"}, ${adapters.dropped} unused stream adapters dropped, ${shortened.renamed} imports given short names, optimised with ${passes.join(" ")}`,
    );
    return html;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The wasm-opt passes: a quick `-O1`, then the app page's `data-wasm-opt-params` (the widget's
 * page names the same). Trunk's own `data-wasm-opt` is "0": this step runs them instead. */
async function optimiserPasses() {
  const page = await readFile("index.html", "utf8");
  const params = page.match(/data-wasm-opt-params="([^"]*)"/);
  if (!params) throw new Error("split-wasm: index.html names no data-wasm-opt-params");
  return ["-O1", ...params[1].split(/\s+/).filter(Boolean)];
}

function optimise(path, passes) {
  execFileSync("node_modules/.bin/wasm-opt", [...passes, path, "-o", path], { stdio: "inherit" });
}

function replaceOnce(text, from, to, where) {
  if (!text.includes(from)) throw new Error(`split-wasm: ${where} does not contain ${from}`);
  return text.replace(from, to);
}
