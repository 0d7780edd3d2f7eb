//! Enforces the layering written down in the README. Where the compiler can hold a boundary it
//! does: each layer is a crate, and these tests read the dependency graph (`cargo tree`) to check
//! that no crate depends on what its layer must not touch. Where a crate could still reach a
//! forbidden API through a re-export (Leptos re-exports `web_sys`), the sources are searched too.
//! Also: every source file says what it is for, the UI's modules import each other without a
//! cycle, and no component is longer than a screen.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Every crate `package` depends on for building its library (normal dependencies, on every
/// target, transitively), by name.
fn dependencies_of(package: &str, depth: Option<u32>) -> BTreeSet<String> {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(root()).args(["tree", "--offline", "-p", package, "-e", "normal", "--target", "all"]);
    command.args(["--prefix", "none", "--format", "{lib}"]);
    if let Some(depth) = depth {
        command.args(["--depth", &depth.to_string()]);
    }
    let output = command.output().expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).skip(1).collect()
}

fn assert_none_of(package: &str, depth: Option<u32>, forbidden: &[&str]) {
    let found: Vec<String> = dependencies_of(package, depth).into_iter().filter(|d| forbidden.contains(&d.as_str())).collect();
    assert!(found.is_empty(), "{package} must not depend on {found:?}");
}

const BROWSER: &[&str] = &["web_sys", "js_sys", "wasm_bindgen", "wasm_bindgen_futures", "gloo", "indexed_db_futures"];
const UI: &[&str] = &["leptos", "tachys", "reactive_graph"];
const RUNTIME: &[&str] = &["tokio", "futures", "futures_executor", "async_std"];

#[test]
fn the_engine_depends_on_no_ui_browser_or_async_runtime() {
    assert_none_of("zhicheng_engine", None, &[BROWSER, UI, RUNTIME].concat());
}

#[test]
fn the_session_depends_on_no_ui_browser_or_async_runtime() {
    assert_none_of("zhicheng_session", None, &[BROWSER, UI, RUNTIME].concat());
}

#[test]
fn the_browser_layer_depends_on_no_ui() {
    assert_none_of("zhicheng_browser", None, UI);
}

#[test]
fn the_ui_reaches_browser_apis_only_through_the_browser_crate() {
    // Directly, it cannot name them at all: they are not its dependencies.
    assert_none_of("zhicheng", Some(1), BROWSER);
    // Leptos re-exports them; the UI must not use that door either.
    let files = rust_files(&root().join("src"));
    let found = offences(&files, &["web_sys", "js_sys", "wasm_bindgen", "indexed_db", "tachys::"]);
    assert!(found.is_empty(), "browser APIs belong in the zhicheng_browser crate:\n{}", found.join("\n"));
}

#[test]
fn the_engine_and_the_session_have_no_async_io_or_clock_of_their_own() {
    let mut files = rust_files(&root().join("engine/src"));
    let forbidden = ["async ", ".await", "std::fs", "std::net", "std::io", "SystemTime", "Instant::now", "std::thread"];
    let found = offences(&files, &forbidden);
    assert!(found.is_empty(), "the engine must stay pure:\n{}", found.join("\n"));
    // The session may be async (its host runs it), but all I/O and time go through its ports.
    files = rust_files(&root().join("session/src"));
    let found = offences(&files, &["std::fs", "std::net", "std::io", "SystemTime", "Instant::now", "std::thread::sleep"]);
    assert!(found.is_empty(), "the session does I/O only through its ports:\n{}", found.join("\n"));
}

#[test]
fn the_receiver_shares_only_the_engine_with_the_app() {
    // The reference receiver is one backend among any that speak the protocol: the app never
    // depends on it, and it uses the engine's wire types and rules but no browser or UI code.
    assert_none_of("zhicheng_receiver", None, &[BROWSER, UI, &["zhicheng_session", "zhicheng_browser"]].concat());
    for package in ["zhicheng", "zhicheng_engine", "zhicheng_session", "zhicheng_browser"] {
        assert_none_of(package, None, &["zhicheng_receiver"]);
    }
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let mut files = Vec::new();
    for dir in ["src", "engine/src", "engine/tests", "session/src", "browser/src", "browser/tests", "tests", "receiver"] {
        files.extend(rust_files(&root().join(dir)));
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !fs::read_to_string(f).unwrap_or_default().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a leading //! line:\n{}", missing.join("\n"));
}

#[test]
fn the_ui_modules_import_each_other_without_a_cycle() {
    let dir = root().join("src/ui");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&dir) {
        let module = module_name(&dir, &file);
        let text = fs::read_to_string(&file).expect("readable source");
        let used = text.split("crate::ui::").skip(1).filter_map(|rest| {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            (!name.is_empty()).then_some(name)
        });
        graph.entry(module.clone()).or_default().extend(used.filter(|m| *m != module));
    }
    assert!(graph.len() > 20, "the UI modules were found");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("the UI modules import each other in a circle: {}", cycle.join(" → "));
    }
}

#[test]
fn no_component_is_longer_than_a_screen() {
    const MAX_LINES: usize = 80;
    let mut long = Vec::new();
    for file in rust_files(&root().join("src/ui")) {
        let text = fs::read_to_string(&file).expect("readable source");
        let lines: Vec<&str> = text.lines().collect();
        for (start, _) in lines.iter().enumerate().filter(|(_, l)| l.trim() == "#[component]") {
            let length = lines[start..].iter().position(|l| *l == "}").map_or(lines.len() - start, |end| end + 1);
            if length > MAX_LINES {
                let name = lines.get(start + 1).map(|l| l.trim()).unwrap_or_default();
                long.push(format!("{}:{}: {name} ({length} lines)", file.display(), start + 1));
            }
        }
    }
    assert!(long.is_empty(), "components over {MAX_LINES} lines; split them:\n{}", long.join("\n"));
}

/// `src/ui/fields/text_input.rs` → `fields`: modules are counted at the top level of the UI.
fn module_name(dir: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(dir).expect("inside the UI");
    let first = relative.components().next().expect("a path").as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
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
