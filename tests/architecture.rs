//! Enforces the layering written down in the README. Where the compiler can hold a boundary it
//! does: each layer is a crate, and these tests read the dependency graph (`cargo tree`) to check
//! that no crate depends on what its layer must not touch. Where a crate could still reach a
//! forbidden API through a re-export (Leptos re-exports `web_sys`), the sources are searched too.
//! Also: every source file says what it is for, the UI's modules import each other without a
//! cycle, and no component is longer than a screen.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;
use std::process::Command;

#[path = "support/module_graph.rs"]
mod module_graph;

use module_graph::{code_lines, find_cycle, module_graph, paths_after, rust_files};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Which targets a crate is checked for: every target for the app's crates (they build for the
/// browser and natively); the host for the receiver, which only ever runs natively (a library
/// it uses may depend on js-sys for the day it is built for the browser).
#[derive(Clone, Copy)]
enum Targets {
    All,
    Host,
}

/// Every crate `package` depends on for building its library (normal dependencies, on
/// `targets`, transitively), by name.
fn dependencies_of(package: &str, depth: Option<u32>, targets: Targets) -> BTreeSet<String> {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(root()).args(["tree", "--offline", "-p", package, "-e", "normal"]);
    if let Targets::All = targets {
        command.args(["--target", "all"]);
    }
    command.args(["--prefix", "none", "--format", "{lib}"]);
    if let Some(depth) = depth {
        command.args(["--depth", &depth.to_string()]);
    }
    let output = command.output().expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .skip(1)
        .collect()
}

fn assert_none_of(package: &str, depth: Option<u32>, forbidden: &[&str]) {
    assert_none_on(package, depth, Targets::All, forbidden);
}

fn assert_none_on(package: &str, depth: Option<u32>, targets: Targets, forbidden: &[&str]) {
    let found: Vec<String> =
        dependencies_of(package, depth, targets).into_iter().filter(|d| forbidden.contains(&d.as_str())).collect();
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
fn each_copy_of_the_app_reaches_its_page_only_through_its_mount() {
    // Two widgets on one page share the document and the address: ids, the query and the body's
    // attributes are read and written through the copy's `Mount`, never directly.
    let files = rust_files(&root().join("src"));
    let found =
        offences(&files, &["dom::query_param", "dom::set_query_param", "dom::body_attribute", "mount_to_body("]);
    let found: Vec<String> = found.into_iter().filter(|f| !f.contains("/src/lib.rs:")).collect();
    assert!(found.is_empty(), "go through zhicheng_browser::mount::Mount:\n{}", found.join("\n"));
}

#[test]
fn the_engine_and_the_session_have_no_async_io_or_clock_of_their_own() {
    let mut files = rust_files(&root().join("engine/src"));
    let forbidden = ["async ", ".await", "std::fs", "std::net", "std::io", "SystemTime", "Instant::now", "std::thread"];
    let found = offences(&files, &forbidden);
    assert!(found.is_empty(), "the engine must stay pure:\n{}", found.join("\n"));
    // The session may be async (its host runs it), but all I/O and time go through its ports.
    files = rust_files(&root().join("session/src"));
    let found =
        offences(&files, &["std::fs", "std::net", "std::io", "SystemTime", "Instant::now", "std::thread::sleep"]);
    assert!(found.is_empty(), "the session does I/O only through its ports:\n{}", found.join("\n"));
}

#[test]
fn the_receiver_shares_only_the_engine_with_the_app() {
    // The reference receiver is one backend among any that speak the protocol: the app never
    // depends on it, and it uses the engine's wire types and rules but no browser or UI code.
    assert_none_on(
        "zhicheng_receiver",
        None,
        Targets::Host,
        &[BROWSER, UI, &["zhicheng_session", "zhicheng_browser"]].concat(),
    );
    for package in ["zhicheng", "zhicheng_engine", "zhicheng_session", "zhicheng_browser"] {
        assert_none_of(package, None, &["zhicheng_receiver"]);
    }
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let mut files = Vec::new();
    for dir in ["src", "engine/src", "engine/tests", "session/src", "browser/src", "browser/tests", "tests", "receiver"]
    {
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
fn the_module_graph_reader_finds_paths_and_cycles() {
    let paths = paths_after("use crate::a::X;\nuse crate::{b::{Y, Z}, c};\nlet v = crate::d::f();", "crate::");
    assert_eq!(paths, ["a", "b", "c", "d"]);
    let graph = |edges: &[(&str, &str)]| {
        let mut g = BTreeMap::<String, BTreeSet<String>>::new();
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
    let graph = module_graph(&root().join("engine/src"), "crate::");
    assert!(graph.contains_key("state") && graph.contains_key("stored"), "the engine's modules were found");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("engine modules depend on each other in a circle: {}", cycle.join(" → "));
    }
}

#[test]
fn stored_formats_name_only_answers_paths_and_digests() {
    // The stored and sent formats sit below everything that works on them, so that no format
    // needs the form state to be read or written.
    let graph = module_graph(&root().join("engine/src"), "crate::");
    let allowed = ["hex", "path", "value"];
    let stored = graph.get("stored").expect("engine/src/stored");
    let beyond: Vec<&String> = stored.iter().filter(|m| !allowed.contains(&m.as_str())).collect();
    assert!(beyond.is_empty(), "engine/src/stored uses {beyond:?}; it may use only {allowed:?}");
}

#[test]
fn the_session_and_ui_modules_depend_on_each_other_without_cycles() {
    for (dir, prefix) in [("session/src", "crate::"), ("src/ui", "crate::ui::")] {
        let graph = module_graph(&root().join(dir), prefix);
        assert!(graph.len() > 8, "the modules of {dir} were found");
        if let Some(cycle) = find_cycle(&graph) {
            panic!("modules of {dir} depend on each other in a circle: {}", cycle.join(" → "));
        }
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
fn the_screens_loaded_on_demand_are_reached_only_through_on_demand() {
    // The release build moves these screens out of the first visit's module (src/ui/on_demand.rs;
    // the unit's inbox is declared in its own module and named only by the deferred 草稿箱); a
    // module that names one of them directly would pull it, and what only it uses, back in.
    const DEFERRED: [&str; 11] = [
        "conflict_choice",
        "drafts_page",
        "group_editor",
        "lock_dialog",
        "unlock_page",
        "eligibility_panel",
        "row_import_picker",
        "subject_package",
        "reports_page",
        "materials_page",
        "review",
    ];
    let graph = module_graph(&root().join("src/ui"), "crate::ui::");
    for screen in DEFERRED {
        assert!(graph["on_demand"].contains(screen), "on_demand.rs no longer loads {screen}; update this list");
    }
    let (mut seen, mut queue) = (BTreeSet::from(["app".to_string()]), vec!["app".to_string()]);
    let mut reached = Vec::new();
    while let Some(module) = queue.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if next != "on_demand" && seen.insert(next.clone()) {
                if DEFERRED.contains(&next.as_str()) || next == "unit_inbox" {
                    reached.push(format!("{module} → {next}"));
                }
                queue.push(next.clone());
            }
        }
    }
    assert!(seen.len() > 20, "the shell's modules were followed from ui::app");
    assert!(reached.is_empty(), "name these screens only in on_demand.rs:\n{}", reached.join("\n"));
}
