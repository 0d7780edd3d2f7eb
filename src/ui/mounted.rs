//! Which copy of the app a component belongs to (the standalone page, or one of several widgets
//! on a portal's page), from context: where its files are, its place, its focus and its host.

use leptos::prelude::*;
use zhicheng_browser::mount::Mount;

/// Shares `mount` with every component below; the stored value is for event handlers, which
/// run outside the components' context.
pub fn provide_mount(mount: Mount) -> StoredValue<Mount, LocalStorage> {
    let stored = StoredValue::new_local(mount);
    provide_context(stored);
    stored
}

/// This component's copy of the app.
pub fn use_mount() -> Mount {
    use_mount_handle().get_value()
}

/// This component's copy of the app as a `Copy` handle, for closures that must be `Send`.
pub fn use_mount_handle() -> StoredValue<Mount, LocalStorage> {
    expect_context::<StoredValue<Mount, LocalStorage>>()
}
