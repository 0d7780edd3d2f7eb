//! The last changes of a closing page. IndexedDB writes started while a page unloads (reload,
//! closing the tab) are not reliably completed by browsers, so `pagehide` also writes the draft
//! synchronously to `localStorage`; the next load of the draft stores it properly.

use super::StoredDraft;
use crate::browser::json;

fn key(id: &str) -> String {
    format!("zhicheng.rescue.{id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Rescued {
    meta: zhicheng_engine::wire::DraftMetaV1,
    draft: zhicheng_engine::wire::DraftV1,
}

/// Keeps `stored` until the next load. Returns whether the browser accepted it.
pub fn keep(stored: &StoredDraft) -> bool {
    let rescued = Rescued { meta: stored.meta.clone(), draft: stored.draft.clone() };
    let Ok(text) = json::stringify(&rescued) else { return false };
    storage().is_some_and(|s| s.set_item(&key(&stored.meta.id), &text).is_ok())
}

/// The rescued changes of draft `id`, if a closing page left any.
pub fn find(id: &str) -> Option<StoredDraft> {
    let text = storage()?.get_item(&key(id)).ok().flatten()?;
    let rescued: Rescued = json::parse(&text).ok()?;
    Some(StoredDraft { meta: rescued.meta, draft: rescued.draft })
}

pub fn forget(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(id));
    }
}
