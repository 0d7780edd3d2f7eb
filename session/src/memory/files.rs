//! Attachment files in memory, by content hash, and sealed copies by key.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use zhicheng_engine::sorted_map::SortedMap;
use zhicheng_engine::AttachedFile;

use crate::ports::drafts::StoreError;
use crate::ports::files::{FileStore, StoredFile};
use crate::ports::{ready, Task};

pub struct MemoryFiles {
    files: RefCell<BTreeMap<String, (StoredFile, Vec<u8>)>>,
    sealed: RefCell<SortedMap<String, Vec<u8>>>,
    /// The host's clock (ms since the epoch), for the time each file was stored.
    clock: Box<dyn Fn() -> u64>,
}

fn missing() -> StoreError {
    StoreError::Damaged("附件文件缺失".into())
}

impl MemoryFiles {
    /// Files stamped with the time `clock` gives when they are stored.
    pub fn new(clock: impl Fn() -> u64 + 'static) -> MemoryFiles {
        MemoryFiles { files: RefCell::default(), sealed: RefCell::default(), clock: Box::new(clock) }
    }

    /// The hashes of the plain files stored, for tests.
    pub fn hashes(&self) -> Vec<String> {
        self.files.borrow().keys().cloned().collect()
    }

    /// The keys of the sealed copies stored, for tests.
    pub fn sealed_keys(&self) -> Vec<String> {
        self.sealed.borrow().keys().cloned().collect()
    }
}

impl FileStore for MemoryFiles {
    fn put(&self, file: AttachedFile, bytes: Vec<u8>) -> Task<()> {
        let stored_at = (self.clock)();
        self.files.borrow_mut().entry(file.sha256.clone()).or_insert((StoredFile { file, stored_at }, bytes));
        ready(Ok(()))
    }

    fn bytes(&self, sha256: &str) -> Task<Vec<u8>> {
        ready(self.files.borrow().get(sha256).map(|(_, bytes)| bytes.clone()).ok_or_else(missing))
    }

    fn has(&self, sha256: &str) -> Task<bool> {
        ready(Ok(self.files.borrow().contains_key(sha256)))
    }

    fn list(&self) -> Task<Vec<StoredFile>> {
        ready(Ok(self.files.borrow().values().map(|(info, _)| info.clone()).collect()))
    }

    fn remove_except(&self, keep: BTreeSet<String>, stored_before: u64) -> Task<usize> {
        let mut files = self.files.borrow_mut();
        let before = files.len();
        files.retain(|hash, (info, _)| keep.contains(hash) || info.stored_at >= stored_before);
        ready(Ok(before - files.len()))
    }

    fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> Task<()> {
        self.sealed.borrow_mut().insert(key.to_string(), sealed);
        ready(Ok(()))
    }

    fn sealed(&self, key: &str) -> Task<Vec<u8>> {
        ready(self.sealed.borrow().get(key).cloned().ok_or_else(missing))
    }

    fn remove_sealed(&self, draft_id: &str) -> Task<()> {
        let prefix = format!("{draft_id}/");
        self.sealed.borrow_mut().retain(|k, _| !k.starts_with(&prefix));
        ready(Ok(()))
    }
}
