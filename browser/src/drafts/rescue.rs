//! The last changes of a closing page. IndexedDB writes started while a page unloads (reload,
//! closing the tab) are not reliably completed by browsers, so `pagehide` also writes the draft
//! synchronously to `localStorage`, one slot per draft and page (two tabs closing together keep
//! both); the next start of the app stores them properly.

use zhicheng_engine::DraftV1;
use zhicheng_session::ports::rescues::Rescues;
use zhicheng_session::StoredDraft;

use super::{keys_starting, legacy, local_storage};
use crate::idb::Shelf;
use crate::json;
use crate::on_demand::{in_chunk, Unavailable};
use zhicheng_session::LocalFuture;

/// `localStorage` as the session's synchronous slots, under the shelf's keys
/// (`zhicheng.rescue.<draft>.<page>` for the applicant's own drafts).
pub struct LocalStorageSlots(pub Shelf);

impl LocalStorageSlots {
    fn key(&self, id: &str, writer: &str) -> String {
        format!("{}{id}.{writer}", self.0.rescues)
    }
}

impl Rescues for LocalStorageSlots {
    /// Keeps `stored` (its `meta.writer` is this page) until the next start. Returns whether the
    /// browser accepted it.
    fn keep(&self, stored: &StoredDraft) -> bool {
        let Ok(text) = json::stringify(stored) else { return false };
        let key = self.key(&stored.meta.id, &stored.meta.writer);
        local_storage().is_some_and(|s| s.set_item(&key, &text).is_ok())
    }

    /// Every rescue left by closing pages, with the key to forget it by. Unreadable ones are
    /// skipped and left in place, as are all of them while the chunk reading them cannot be
    /// fetched. With none, nothing is fetched.
    fn all(&self) -> LocalFuture<Vec<(String, StoredDraft)>> {
        let keys = keys_starting(self.0.rescues);
        Box::pin(async move {
            if keys.is_empty() {
                return Vec::new();
            }
            match read_rescues(keys).await {
                Ok(reading) => reading.await,
                Err(Unavailable) => Vec::new(),
            }
        })
    }

    fn forget_key(&self, key: &str) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(key);
        }
    }

    fn forget(&self, id: &str, writer: &str) {
        self.forget_key(&self.key(id, writer));
    }

    /// Forgets every page's rescue of draft `id` (it was just locked: nothing readable may stay).
    fn forget_draft(&self, id: &str) {
        let prefix = format!("{}{id}.", self.0.rescues);
        keys_starting(&prefix).iter().for_each(|k| self.forget_key(k));
    }

    /// The first version's drafts were the applicant's own; training has none.
    fn first_version_draft(&self, form_id: &str) -> LocalFuture<Option<Result<DraftV1, String>>> {
        let text = self.0.own.then(|| legacy::stored(form_id)).flatten();
        Box::pin(async move {
            // While the chunk decoding it cannot be fetched, it waits for the next start.
            let reading = legacy::read(text?).await.ok()?;
            Some(reading.await)
        })
    }

    fn retire_first_version_draft(&self, form_id: &str, readable: bool) {
        if self.0.own {
            legacy::retire(form_id, readable)
        }
    }
}

in_chunk! {
    /// Decodes the rescues under `keys` (in the `stored_drafts` chunk, with the drafts' reading).
    stored_drafts: fn read_rescues(keys: Vec<String>) -> Vec<(String, StoredDraft)> {
        let Some(storage) = local_storage() else { return Vec::new() };
        keys.into_iter()
            .filter_map(|k| {
                let text = storage.get_item(&k).ok().flatten()?;
                Some((k, json::parse::<StoredDraft>(&text).ok()?))
            })
            .collect()
    }
}
