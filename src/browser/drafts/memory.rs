//! Drafts in memory: the double for tests, and where work lives for the session when the
//! browser refuses IndexedDB. It can be told to fail, to exercise the error paths.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use zhicheng_engine::{DraftMetaV1, DraftV1};

use super::{DraftRepository, EntryChange, Labels, StoreError, StoredDraft, Task};

#[derive(Default)]
pub struct MemoryDrafts {
    drafts: Mutex<BTreeMap<String, StoredDraft>>,
    /// Revisions already saved, by draft: each can be saved once.
    claimed: Mutex<BTreeSet<(String, u64)>>,
    /// When set, every save fails with this error (quota, unavailable, …).
    failing_saves: Mutex<Option<StoreError>>,
}

impl MemoryDrafts {
    /// Makes every later save fail with `error` (or succeed again with `None`).
    pub fn fail_saves_with(&self, error: Option<StoreError>) {
        *self.failing_saves.lock().unwrap() = error;
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut BTreeMap<String, StoredDraft>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut drafts = self.drafts.lock().map_err(|_| StoreError::Unavailable("内存存储不可用".into()))?;
        f(&mut drafts)
    }
}

impl DraftRepository for MemoryDrafts {
    fn list(&self) -> Task<'static, Vec<DraftMetaV1>> {
        let result = self.with(|d| Ok(d.values().map(|s| s.meta.clone()).collect()));
        Box::pin(async move { result })
    }

    fn count(&self) -> Task<'static, usize> {
        let result = self.with(|d| Ok(d.len()));
        Box::pin(async move { result })
    }

    fn load(&self, id: &str) -> Task<'static, StoredDraft> {
        let result = self.with(|d| d.get(id).cloned().ok_or(StoreError::NotFound));
        Box::pin(async move { result })
    }

    fn save(&self, mut meta: DraftMetaV1, draft: DraftV1) -> Task<'static, DraftMetaV1> {
        let failing = self.failing_saves.lock().unwrap().clone();
        let result = match failing {
            Some(error) => Err(error),
            None => self.with(|d| {
                let stored = d.get(&meta.id);
                if !self.claimed.lock().unwrap().insert((meta.id.clone(), meta.revision)) {
                    let theirs = stored.map(|s| s.meta.clone()).unwrap_or_else(|| meta.clone());
                    return Err(StoreError::Conflict(Box::new(theirs)));
                }
                stored.map(|s| Labels::of(&s.meta)).unwrap_or_default().apply_to(&mut meta);
                d.insert(meta.id.clone(), StoredDraft { meta: meta.clone(), draft });
                Ok(meta)
            }),
        };
        Box::pin(async move { result })
    }

    fn change_entry(&self, id: &str, change: EntryChange) -> Task<'static, DraftMetaV1> {
        let result = self.with(|d| {
            let stored = d.get_mut(id).ok_or(StoreError::NotFound)?;
            change.apply(&mut stored.meta);
            Ok(stored.meta.clone())
        });
        Box::pin(async move { result })
    }

    fn purge(&self, id: &str) -> Task<'static, ()> {
        let result = self.with(|d| {
            d.remove(id);
            Ok(())
        });
        Box::pin(async move { result })
    }

    fn insert_new(&self, stored: StoredDraft) -> Task<'static, ()> {
        let result = self.with(|d| match d.get(&stored.meta.id) {
            Some(existing) => Err(StoreError::Conflict(Box::new(existing.meta.clone()))),
            None => {
                self.claimed.lock().unwrap().insert((stored.meta.id.clone(), stored.meta.revision));
                d.insert(stored.meta.id.clone(), stored);
                Ok(())
            }
        });
        Box::pin(async move { result })
    }
}
