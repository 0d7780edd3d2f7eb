//! User Timing marks around work worth measuring (autosave), visible in the browser's
//! performance tools and read by `tests/bench/autosave.mjs`.

/// Marks the start of `name`.
pub fn start(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("{name}:start"));
    }
}

/// Records a measure `name` from its start mark to now.
pub fn end(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark(name, &format!("{name}:start"));
    }
}
