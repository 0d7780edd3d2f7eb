//! Where drafts live in the browser: IndexedDB (`indexed_db`), and `localStorage` for what must
//! be written synchronously (`rescue`: a closing page's last changes; `legacy`: the first
//! version's drafts). Also this page's identity and random ids.

pub mod indexed_db;
pub mod legacy;
pub mod rescue;

/// A random identifier (UUID v4) for drafts and pages, from the browser's crypto.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("id-{}", js_sys::Math::random().to_bits()))
}

/// The browser's `localStorage`, when it is available (it is synchronous, which is what the
/// first version's drafts and the unload rescue need).
pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The `localStorage` keys that start with `prefix`.
pub(crate) fn keys_starting(prefix: &str) -> Vec<String> {
    let Some(storage) = local_storage() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

thread_local! {
    static PAGE_ID: String = new_id();
}

/// This page's identity as a writer: one per tab and load, so two tabs tell their saves apart.
pub fn page_id() -> String {
    PAGE_ID.with(Clone::clone)
}
