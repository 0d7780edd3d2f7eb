//! The last changes of a closing page. IndexedDB writes started while a page unloads (reload,
//! closing the tab) are not reliably completed by browsers, so `pagehide` also writes the draft
//! synchronously to `localStorage`, one slot per draft and page (two tabs closing together keep
//! both); the next start of the app stores them properly.

use zhicheng_engine::DraftV1;
use zhicheng_session::ports::rescues::Rescues;
use zhicheng_session::StoredDraft;

use super::{legacy, local_storage};
use crate::json;

const PREFIX: &str = "zhicheng.rescue.";

fn key(id: &str, writer: &str) -> String {
    format!("{PREFIX}{id}.{writer}")
}

/// Keeps `stored` (its `meta.writer` is this page) until the next start. Returns whether the
/// browser accepted it.
pub fn keep(stored: &StoredDraft) -> bool {
    let Ok(text) = json::stringify(stored) else { return false };
    local_storage().is_some_and(|s| s.set_item(&key(&stored.meta.id, &stored.meta.writer), &text).is_ok())
}

/// Every rescue left by closing pages, with the key to forget it by. Unreadable ones are
/// skipped and left in place.
pub fn all() -> Vec<(String, StoredDraft)> {
    let Some(storage) = local_storage() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(PREFIX)).collect();
    keys.into_iter()
        .filter_map(|k| {
            let text = storage.get_item(&k).ok().flatten()?;
            Some((k, json::parse::<StoredDraft>(&text).ok()?))
        })
        .collect()
}

/// Forgets the rescue of draft `id` left by page `writer`.
pub fn forget(id: &str, writer: &str) {
    forget_key(&key(id, writer));
}

pub fn forget_key(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Forgets every page's rescue of draft `id` (it was just locked: nothing readable may stay).
pub fn forget_draft(id: &str) {
    let prefix = format!("{PREFIX}{id}.");
    let Some(storage) = local_storage() else { return };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(&prefix)).collect();
    keys.iter().for_each(|k| forget_key(k));
}

/// `localStorage` as the session's synchronous slots.
pub struct LocalStorageSlots;

impl Rescues for LocalStorageSlots {
    fn keep(&self, stored: &StoredDraft) -> bool {
        keep(stored)
    }

    fn all(&self) -> Vec<(String, StoredDraft)> {
        all()
    }

    fn forget_key(&self, key: &str) {
        forget_key(key)
    }

    fn forget(&self, id: &str, writer: &str) {
        forget(id, writer)
    }

    fn forget_draft(&self, id: &str) {
        forget_draft(id)
    }

    fn first_version_draft(&self, form_id: &str) -> Option<Result<DraftV1, String>> {
        legacy::find(form_id)
    }

    fn retire_first_version_draft(&self, form_id: &str, readable: bool) {
        legacy::retire(form_id, readable)
    }
}
