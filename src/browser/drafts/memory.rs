//! Drafts in memory: the double for tests, and where work lives for the session when the
//! browser refuses IndexedDB. It can be told to fail, to exercise the error paths.

use std::collections::BTreeMap;
use std::sync::Mutex;

use zhicheng_engine::wire::{DraftMetaV1, DraftV1};

use super::{next_entry, DraftRepository, EntryChange, StoreError, StoredDraft, Task};

#[derive(Default)]
pub struct MemoryDrafts {
    drafts: Mutex<BTreeMap<String, StoredDraft>>,
    /// When set, every save fails with this error (quota, unavailable, …).
    failing_saves: Mutex<Option<StoreError>>,
}

impl MemoryDrafts {
    /// Makes every later save fail with `error` (or succeed again with `None`).
    pub fn fail_saves_with(&self, error: Option<StoreError>) {
        *self.failing_saves.lock().unwrap() = error;
    }

    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<String, StoredDraft>) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut drafts = self.drafts.lock().map_err(|_| StoreError::Unavailable("内存存储不可用".into()))?;
        f(&mut drafts)
    }
}

impl DraftRepository for MemoryDrafts {
    fn list(&self) -> Task<'_, Vec<DraftMetaV1>> {
        let result = self.with(|d| Ok(d.values().map(|s| s.meta.clone()).collect()));
        Box::pin(async move { result })
    }

    fn load(&self, id: &str) -> Task<'_, StoredDraft> {
        let result = self.with(|d| d.get(id).cloned().ok_or(StoreError::NotFound));
        Box::pin(async move { result })
    }

    fn save(&self, meta: DraftMetaV1, draft: DraftV1, known_revision: u64) -> Task<'_, DraftMetaV1> {
        let failing = self.failing_saves.lock().unwrap().clone();
        let result = match failing {
            Some(error) => Err(error),
            None => self.with(|d| {
                let entry = next_entry(d.get(&meta.id).map(|s| &s.meta), meta, known_revision)?;
                d.insert(entry.id.clone(), StoredDraft { meta: entry.clone(), draft });
                Ok(entry)
            }),
        };
        Box::pin(async move { result })
    }

    fn change_entry(&self, id: &str, change: EntryChange) -> Task<'_, DraftMetaV1> {
        let result = self.with(|d| {
            let stored = d.get_mut(id).ok_or(StoreError::NotFound)?;
            change.apply(&mut stored.meta);
            Ok(stored.meta.clone())
        });
        Box::pin(async move { result })
    }

    fn purge(&self, id: &str) -> Task<'_, ()> {
        let result = self.with(|d| {
            d.remove(id);
            Ok(())
        });
        Box::pin(async move { result })
    }
}
