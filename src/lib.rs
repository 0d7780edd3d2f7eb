//! The browser app: thin Leptos components (`ui`) over the headless session and engine, with
//! every browser API in the `zhicheng_browser` crate.

pub mod ui;

/// Starts the app in the current page.
pub fn start() {
    zhicheng_browser::install_panic_hook();
    leptos::mount::mount_to_body(ui::app::App);
}
