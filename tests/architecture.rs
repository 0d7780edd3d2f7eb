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
