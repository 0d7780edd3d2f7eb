// Gives the main module's imports from wasm-bindgen's glue short names (`a`, `b`, … `ba`, …) in
// the module and in the glue's import object alike; called by split-wasm.mjs before wasm-opt.
//
// wasm-bindgen names each import after its JavaScript function with a hash
// (`__wbg_instanceof_HtmlInputElement_28751c98d77a5a65`), under the glue's file name: about
// 20 KB of names in the first module and again in the glue, and the hashes do not compress
// (issue #21). Nothing else refers to these names: the module asks for them, the glue's import
// object gives them. A name the glue spells other than once, as a key of that object, keeps its
// name, so a change in wasm-bindgen's glue can make the step save less, never break the app.

const MODULE = "g";

/** Returns the module and the glue with the imports from `glueModule` renamed, and how many. */
export function shortenImports(wasm, glue, glueModule) {
  const sections = readSections(wasm);
  const importSection = sections.find((s) => s.id === 2);
  if (!importSection) return { wasm, glue, renamed: 0 };
  const imports = readImports(wasm.subarray(importSection.start, importSection.end));
  let next = 0;
  let renamed = 0;
  for (const entry of imports) {
    if (entry.module !== glueModule) continue;
    const key = new RegExp(`(?<![\\w$])${entry.name}:(?= ?function)`, "g");
    const uses = new RegExp(`(?<![\\w$])${entry.name}(?![\\w$])`, "g");
    if ((glue.match(key) ?? []).length !== 1 || (glue.match(uses) ?? []).length !== 1) continue;
    // The object's other keys are wasm-bindgen's long names: a short one cannot clash with them.
    const short = shortName(next++);
    glue = glue.replace(key, `${short}:`);
    entry.name = short;
    renamed++;
  }
  // The module's name too, when the glue spells it once (as the import object's key).
  const quoted = `"${glueModule}"`;
  if (glue.split(quoted).length === 2) {
    glue = glue.replace(quoted, `"${MODULE}"`);
    for (const entry of imports) if (entry.module === glueModule) entry.module = MODULE;
  }
  const payload = writeImports(imports);
  const rebuilt = Buffer.concat([
    wasm.subarray(0, importSection.header),
    Buffer.from([2]),
    leb(payload.length),
    payload,
    wasm.subarray(importSection.end),
  ]);
  return { wasm: rebuilt, glue, renamed };
}

/** `a` … `z`, then `ba` …: letters only, so never a keyword-like digit start. */
function shortName(n) {
  let name = "";
  do {
    name = String.fromCharCode(97 + (n % 26)) + name;
    n = Math.floor(n / 26);
  } while (n > 0);
  return name;
}

export function readSections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error("not a WebAssembly module");
  const sections = [];
  let at = 8;
  while (at < bytes.length) {
    const header = at;
    const id = bytes[at++];
    const [size, after] = readLeb(bytes, at);
    sections.push({ id, header, start: after, end: after + size });
    at = after + size;
  }
  return sections;
}

function readImports(payload) {
  let at = 0;
  const next = () => {
    const [value, after] = readLeb(payload, at);
    at = after;
    return value;
  };
  const text = () => {
    const length = next();
    const value = payload.subarray(at, at + length).toString("utf8");
    at += length;
    return value;
  };
  const limits = () => {
    const flags = payload[at++];
    next();
    if (flags & 1) next();
  };
  const count = next();
  const imports = [];
  for (let i = 0; i < count; i++) {
    const module = text();
    const name = text();
    const start = at;
    const kind = payload[at++];
    if (kind === 0) next();
    else if (kind === 1) (at++, limits());
    else if (kind === 2) limits();
    else if (kind === 3) at += 2;
    else if (kind === 4) (at++, next());
    else throw new Error(`short-imports: unknown import kind ${kind}`);
    imports.push({ module, name, description: payload.subarray(start, at) });
  }
  if (at !== payload.length) throw new Error("short-imports: the import section has bytes after its imports");
  return imports;
}

function writeImports(imports) {
  const text = (value) => {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([leb(bytes.length), bytes]);
  };
  return Buffer.concat([
    leb(imports.length),
    ...imports.flatMap((entry) => [text(entry.module), text(entry.name), entry.description]),
  ]);
}

export function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return [value, at];
  }
}

export function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}
