//! Enforces the layering written down in the README: the engine is pure Rust (no Leptos, no
//! browser APIs, no async, no I/O), only `src/browser` touches browser APIs, and every source
//! file starts with a `//!` line saying what it is for.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lines of code, without comments, so that prose may name what the code must not use.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).expect("readable source");
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("").to_string()))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect()
}

fn offences(files: &[PathBuf], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        for (number, line) in code_lines(file) {
            for word in forbidden {
                if line.contains(word) {
                    found.push(format!("{}:{number}: uses `{word}`", file.display()));
                }
            }
        }
    }
    found
}

#[test]
fn engine_uses_no_ui_browser_async_or_io_code() {
    let files = rust_files(&root().join("engine/src"));
    assert!(files.len() > 10, "the engine sources were found");
    let forbidden = [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo",
        "async ",
        ".await",
        "std::fs",
        "std::net",
        "std::io",
        "std::time::SystemTime",
        "std::thread",
    ];
    let found = offences(&files, &forbidden);
    assert!(found.is_empty(), "the engine must stay headless:\n{}", found.join("\n"));
}

#[test]
fn engine_manifest_has_no_browser_or_ui_dependencies() {
    let manifest = fs::read_to_string(root().join("engine/Cargo.toml")).expect("engine manifest");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap_or("");
    for name in ["leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo", "tokio", "futures"] {
        assert!(!dependencies.contains(name), "engine/Cargo.toml must not depend on {name}");
    }
}

#[test]
fn only_the_browser_layer_touches_browser_apis() {
    let files: Vec<PathBuf> =
        rust_files(&root().join("src")).into_iter().filter(|p| !p.starts_with(root().join("src/browser"))).collect();
    let found = offences(&files, &["web_sys::window", "js_sys::", "local_storage", "indexed_db", "fetch_with"]);
    assert!(found.is_empty(), "browser APIs belong in src/browser:\n{}", found.join("\n"));
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let mut files = rust_files(&root().join("src"));
    files.extend(rust_files(&root().join("engine/src")));
    files.extend(rust_files(&root().join("tests")));
    files.extend(rust_files(&root().join("receiver")));
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !fs::read_to_string(f).unwrap_or_default().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a leading //! line:\n{}", missing.join("\n"));
}

#[test]
fn the_receiver_shares_only_the_engine_with_the_app() {
    // The reference receiver is one backend among any that speak the protocol: the app never
    // depends on it, and it uses the engine's wire types and rules but no browser or UI code.
    let receiver = fs::read_to_string(root().join("receiver/Cargo.toml")).expect("receiver manifest");
    for name in ["leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo"] {
        assert!(!receiver.contains(name), "receiver/Cargo.toml must not depend on {name}");
    }
    for manifest in ["Cargo.toml", "engine/Cargo.toml"] {
        let text = fs::read_to_string(root().join(manifest)).expect("manifest");
        let dependencies = text.split("[dependencies]").nth(1).unwrap_or("");
        assert!(!dependencies.contains("zhicheng_receiver"), "{manifest} must not depend on the receiver");
    }
}

/// The engine's modules (the first folder or file under `engine/src`) and, for each, the other
/// modules its code names through `crate::…`, comments left out.
fn engine_module_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let src = root().join("engine/src");
    let mut graph = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).expect("inside engine/src");
        let first = relative.components().next().expect("a path").as_os_str().to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue;
        }
        let code: String = code_lines(&file).into_iter().map(|(_, line)| line + "\n").collect();
        let uses = graph.entry(module.clone()).or_default();
        uses.extend(crate_paths(&code).into_iter().filter(|m| *m != module));
    }
    graph
}

/// The first segment of every `crate::` path in `code`, `crate::{a::X, b}` included.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.push(ident(group[start..i].trim()));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(ident(group[start..i].trim()));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph.keys().find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_module_graph_reader_finds_paths_and_cycles() {
    let paths = crate_paths("use crate::a::X;\nuse crate::{b::{Y, Z}, c};\nlet v = crate::d::f();");
    assert_eq!(paths, ["a", "b", "c", "d"]);
    let graph = |edges: &[(&str, &str)]| {
        let mut g = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
        for (from, to) in edges {
            g.entry(from.to_string()).or_default().insert(to.to_string());
        }
        g
    };
    assert_eq!(find_cycle(&graph(&[("a", "b"), ("b", "c")])), None);
    let cycle = find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])).expect("a cycle");
    assert_eq!(cycle, ["a", "b", "c", "a"]);
}

#[test]
fn engine_modules_depend_on_each_other_without_cycles() {
    let graph = engine_module_graph();
    assert!(graph.contains_key("state") && graph.contains_key("stored"), "the engine's modules were found");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("engine modules depend on each other in a circle: {}", cycle.join(" → "));
    }
}

#[test]
fn stored_formats_name_only_answers_paths_and_digests() {
    // The stored and sent formats sit below everything that works on them, so that no format
    // needs the form state to be read or written.
    let graph = engine_module_graph();
    let allowed = ["hex", "path", "value"];
    let stored = graph.get("stored").expect("engine/src/stored");
    let beyond: Vec<&String> = stored.iter().filter(|m| !allowed.contains(&m.as_str())).collect();
    assert!(beyond.is_empty(), "engine/src/stored uses {beyond:?}; it may use only {allowed:?}");
}
