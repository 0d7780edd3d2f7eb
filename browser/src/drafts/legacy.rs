//! Drafts saved by the first version of the app, one per form in `localStorage`. They are moved
//! into the draft store once, so nobody loses work by upgrading.

use zhicheng_engine::DraftV1;

use super::local_storage;
use crate::json;
use crate::on_demand::in_chunk;

fn key(form_id: &str) -> String {
    format!("zhicheng.draft.{form_id}")
}

/// The old draft of this form as stored, if there is one.
pub fn stored(form_id: &str) -> Option<String> {
    local_storage()?.get_item(&key(form_id)).ok().flatten()
}

in_chunk! {
    /// The old draft decoded, or why it cannot be read (in the `stored_drafts` chunk: almost
    /// nobody has one).
    stored_drafts: fn read(text: String) -> Result<DraftV1, String> {
        let draft = json::parse::<DraftV1>(&text).map_err(|e| format!("草稿内容不完整或已损坏：{e}"));
        draft.and_then(|d| d.check_header().map(|()| d).map_err(|e| e.to_string()))
    }
}

/// Removes the old draft once it is safely in the new store. An unreadable one is kept under
/// another key, untouched, rather than deleted.
pub fn retire(form_id: &str, readable: bool) {
    let Some(storage) = local_storage() else { return };
    let key = key(form_id);
    if !readable {
        if let Ok(Some(text)) = storage.get_item(&key) {
            let _ = storage.set_item(&format!("{key}.unreadable.{}", js_sys::Date::now() as u64), &text);
        }
    }
    let _ = storage.remove_item(&key);
}
