// Drops the JavaScript stream adapters of the wasm-streams crate (IntoUnderlyingSource,
// IntoUnderlyingSink, IntoUnderlyingByteSource) from the main module's exports and from
// wasm-bindgen's glue; called by split-wasm.mjs before wasm-opt, which then removes the code
// only they reached.
//
// Leptos always links wasm-streams (for streaming server functions, through server_fn), and
// wasm-bindgen exports its adapters whether or not anything makes one. This client-side app has
// no server functions and never makes one (issue #21). A class goes only when the glue names it
// nowhere but in its own definition, its dispose line and its finalization registry, and an
// export only when the remaining glue does not name it: a wasm-bindgen or Leptos that uses them
// keeps them, so a change there can make the step save less, never break the app.

import { leb, readLeb, readSections } from "./short-imports.mjs";

const ADAPTERS = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/** Returns the module and glue without the adapters nothing uses, and how many classes went. */
export function dropStreamAdapters(wasm, glue) {
  let dropped = 0;
  const freed = new Set();
  for (const name of ADAPTERS) {
    const parts = adapterParts(glue, name);
    if (!parts) continue;
    let rest = glue;
    for (const part of parts) rest = rest.replace(part, "");
    if (new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(rest)) continue;
    for (const part of parts) for (const [, use] of part.matchAll(/wasm\.(\w+)/g)) freed.add(use);
    glue = rest;
    dropped++;
  }
  const unused = [...freed].filter((name) => !new RegExp(`wasm\\.${name}(?![\\w$])`).test(glue));
  return { wasm: withoutExports(wasm, new Set(unused)), glue, dropped };
}

/** The class's definition, dispose line and finalization registry, as the glue spells them. */
function adapterParts(glue, name) {
  const definition = glue.match(new RegExp(`export class ${name} \\{\\n[\\s\\S]*?\\n\\}\\n`));
  const dispose = glue.match(new RegExp(`if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`));
  const registry = glue.match(new RegExp(`const ${name}Finalization = [^;]*;\\n`));
  if (!definition || !dispose || !registry) return null;
  return [definition[0], dispose[0], registry[0]];
}

function withoutExports(wasm, names) {
  const exportSection = readSections(wasm).find((s) => s.id === 7);
  if (!exportSection || names.size === 0) return wasm;
  const payload = wasm.subarray(exportSection.start, exportSection.end);
  let [count, at] = readLeb(payload, 0);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const start = at;
    const [length, nameAt] = readLeb(payload, at);
    const name = payload.subarray(nameAt, nameAt + length).toString("utf8");
    at = readLeb(payload, nameAt + length + 1)[1];
    if (!names.has(name)) kept.push(payload.subarray(start, at));
  }
  const rebuilt = Buffer.concat([leb(kept.length), ...kept]);
  return Buffer.concat([
    wasm.subarray(0, exportSection.header),
    Buffer.from([7]),
    leb(rebuilt.length),
    rebuilt,
    wasm.subarray(exportSection.end),
  ]);
}
