//! The browser app: a thin Leptos UI (`ui`) over the headless engine, with every browser API
//! behind the small `browser` layer.

pub mod browser;
pub mod ui;

/// Starts the app in the current page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::app::App);
}
