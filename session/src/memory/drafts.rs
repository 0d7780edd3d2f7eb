//! Drafts in memory, kept the way the real store keeps them: what saves write (the entry and the
//! body) apart from the 草稿箱's labels (name, deletion mark), each revision of a draft saved
//! once, and a locked draft's body sealed with nothing readable in its entry. It can be told to
//! fail, to exercise the error paths.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use zhicheng_engine::sorted_set::SortedSet;
use zhicheng_engine::stored::lock::{stored_entry, unsealed_entry};
use zhicheng_engine::{DraftMetaV1, DraftV1, SealedPayloadV1};

use crate::ports::drafts::{DraftRepository, EntryChange, Labels, StoreError, StoredDraft};
use crate::ports::{ready, LocalFuture, Task};

/// Seals a locked draft's body for this store; the page's keyring decides whether it can.
pub trait PayloadSealer {
    fn holds(&self, draft_id: &str) -> bool;
    fn seal(&self, draft_id: &str, payload: &SealedPayloadV1) -> LocalFuture<Result<Vec<u8>, String>>;
    fn unseal(&self, draft_id: &str, sealed: Vec<u8>) -> LocalFuture<Result<SealedPayloadV1, String>>;
}

#[derive(Clone)]
enum Body {
    Plain(Box<DraftV1>),
    Sealed(Vec<u8>),
}

/// One stored draft: what its saves wrote, and the 草稿箱's labels.
#[derive(Clone)]
struct Record {
    entry: DraftMetaV1,
    body: Body,
    labels: Labels,
}

impl Record {
    /// The entry as the 草稿箱 sees it.
    fn merged(&self) -> DraftMetaV1 {
        let mut entry = self.entry.clone();
        self.labels.apply_to(&mut entry);
        entry
    }
}

/// What every page of one profile shares.
#[derive(Default)]
struct Shelf {
    records: BTreeMap<String, Record>,
    /// Revisions already saved, by draft: each can be saved once.
    claims: SortedSet<(String, u64)>,
    /// When set, every save fails with this error (quota, unavailable, …).
    failing_saves: Option<StoreError>,
    /// How many times drafts were read (`list`, `load`), for tests of what a start reads.
    reads: usize,
}

/// One page's view of the drafts in memory. Without a sealer (the browser's fallback, where
/// locking is not offered) a locked draft cannot be saved.
#[derive(Clone, Default)]
pub struct MemoryDrafts {
    shelf: Rc<RefCell<Shelf>>,
    sealer: Option<Rc<dyn PayloadSealer>>,
}

impl MemoryDrafts {
    /// Another page's view of the same drafts, sealing with that page's keys.
    pub fn for_page(&self, sealer: Rc<dyn PayloadSealer>) -> MemoryDrafts {
        MemoryDrafts { shelf: self.shelf.clone(), sealer: Some(sealer) }
    }

    /// Makes every later save fail with `error` (or succeed again with `None`).
    pub fn fail_saves_with(&self, error: Option<StoreError>) {
        self.shelf.borrow_mut().failing_saves = error;
    }

    /// How many times any page read drafts (listed them or loaded one).
    pub fn reads(&self) -> usize {
        self.shelf.borrow().reads
    }

    /// The entry exactly as stored (no labels, nothing unsealed), for tests of what is kept.
    pub fn stored_entry(&self, id: &str) -> Option<DraftMetaV1> {
        self.shelf.borrow().records.get(id).map(|r| r.entry.clone())
    }

    fn sealer(&self) -> Result<Rc<dyn PayloadSealer>, StoreError> {
        self.sealer.clone().ok_or_else(|| StoreError::Unavailable("这里不能保存加锁的草稿".into()))
    }
}

impl DraftRepository for MemoryDrafts {
    fn list(&self) -> Task<Vec<DraftMetaV1>> {
        self.shelf.borrow_mut().reads += 1;
        ready(Ok(self.shelf.borrow().records.values().map(Record::merged).collect()))
    }

    fn count(&self) -> Task<usize> {
        ready(Ok(self.shelf.borrow().records.len()))
    }

    fn load(&self, id: &str) -> Task<StoredDraft> {
        self.shelf.borrow_mut().reads += 1;
        let Some(record) = self.shelf.borrow().records.get(id).cloned() else {
            return ready(Err(StoreError::NotFound));
        };
        let meta = record.merged();
        match record.body {
            Body::Plain(draft) => ready(Ok(StoredDraft { meta, draft: *draft })),
            Body::Sealed(sealed) => {
                let sealer = match self.sealer() {
                    Ok(sealer) if sealer.holds(id) => sealer,
                    _ => return ready(Err(StoreError::Locked(Box::new(meta)))),
                };
                let unsealing = sealer.unseal(id, sealed);
                Box::pin(async move {
                    let payload = unsealing
                        .await
                        .map_err(|_| StoreError::Damaged("口令正确，但加密的草稿内容已损坏，无法解密".into()))?;
                    Ok(StoredDraft { meta: unsealed_entry(&meta, &payload), draft: payload.draft })
                })
            }
        }
    }

    fn save(&self, mut meta: DraftMetaV1, draft: DraftV1) -> Task<DraftMetaV1> {
        let this = self.clone();
        Box::pin(async move {
            if let Some(error) = this.shelf.borrow().failing_saves.clone() {
                return Err(error);
            }
            // A locked draft's name and summary travel sealed in the body; its entry names nothing.
            let name = meta.name.take();
            meta.deleted_at = None;
            let (entry, body) = match &meta.lock {
                None => (meta.clone(), Body::Plain(Box::new(draft))),
                Some(_) => {
                    let payload = SealedPayloadV1 { name: name.clone(), summary: meta.summary.clone(), draft };
                    let sealed = this.sealer()?.seal(&meta.id, &payload).await.map_err(StoreError::Unavailable)?;
                    (stored_entry(&meta), Body::Sealed(sealed))
                }
            };
            let mut shelf = this.shelf.borrow_mut();
            if !shelf.claims.insert((meta.id.clone(), meta.revision)) {
                let theirs = shelf.records.get(&meta.id).map_or_else(|| meta.clone(), Record::merged);
                return Err(StoreError::Conflict(Box::new(theirs)));
            }
            let labels = shelf.records.get(&meta.id).map(|r| r.labels.clone()).unwrap_or_default();
            let mut saved = meta;
            labels.apply_to(&mut saved);
            if saved.lock.is_some() {
                saved.name = name;
            }
            shelf.records.insert(saved.id.clone(), Record { entry, body, labels });
            Ok(saved)
        })
    }

    fn change_entry(&self, id: &str, change: EntryChange) -> Task<DraftMetaV1> {
        let mut shelf = self.shelf.borrow_mut();
        let Some(record) = shelf.records.get_mut(id) else { return ready(Err(StoreError::NotFound)) };
        let mut entry = record.merged();
        // A locked draft's name travels sealed; a readable one is never written for it.
        if entry.lock.is_some() && matches!(change, EntryChange::Rename(Some(_))) {
            return ready(Err(StoreError::Locked(Box::new(entry))));
        }
        change.apply(&mut entry);
        record.labels = Labels::of(&entry);
        ready(Ok(entry))
    }

    fn purge(&self, id: &str) -> Task<()> {
        let mut shelf = self.shelf.borrow_mut();
        shelf.records.remove(id);
        shelf.claims.retain(|(draft, _)| draft != id);
        ready(Ok(()))
    }

    fn insert_new(&self, stored: StoredDraft) -> Task<()> {
        let mut shelf = self.shelf.borrow_mut();
        let id = stored.meta.id.clone();
        if let Some(existing) = shelf.records.get(&id) {
            return ready(Err(StoreError::Conflict(Box::new(existing.merged()))));
        }
        if stored.meta.lock.is_some() {
            return ready(Err(StoreError::Unavailable("已加锁的草稿不能复制或导入，请先解除加锁".into())));
        }
        shelf.claims.insert((id.clone(), stored.meta.revision));
        let labels = Labels::of(&stored.meta);
        let entry = DraftMetaV1 { name: None, deleted_at: None, ..stored.meta };
        shelf.records.insert(id, Record { entry, body: Body::Plain(Box::new(stored.draft)), labels });
        ready(Ok(()))
    }
}
