//! The browser app: a thin Leptos UI (`ui`) over the headless engine, with every browser API
//! behind the small `browser` layer.

pub mod browser;
pub mod ui;

// The default wasm allocator (dlmalloc) is larger and slower; tests share the same allocator.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Starts the app in the current page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::app::App);
}
