//! The browser app: thin Leptos components (`ui`) over the headless session and engine, with
//! every browser API in the `zhicheng_browser` crate.

pub mod ui;

use zhicheng_browser::mount::Mount;

/// Starts the app: the standalone bundle takes the page's `<body>`; the widget's bundle (feature
/// `widget`, loaded by `zhicheng-form.js`) mounts one copy in each `<zhicheng-form>` element.
pub fn start() {
    zhicheng_browser::install_panic_hook();
    #[cfg(feature = "widget")]
    zhicheng_browser::widget::register(|container, mount| {
        let handle = leptos::mount::mount_to(container, move || view_of(mount));
        Box::new(move || drop(handle))
    });
    #[cfg(not(feature = "widget"))]
    leptos::mount::mount_to_body(move || view_of(Mount::standalone()));
}

fn view_of(mount: Mount) -> impl leptos::IntoView {
    leptos::view! { <ui::app::App mount=mount/> }
}
