//! Where attachment files live: each file's bytes stored once, by content hash (SHA-256), and
//! shared by every draft that attaches it (「我的资料库」). Drafts hold only references, so autosave
//! never rewrites a file. `indexed_db` is the real store; `memory` is the double for tests and the
//! fallback when the browser refuses IndexedDB.

pub mod draft_files;
pub mod indexed_db;
pub mod memory;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use zhicheng_engine::AttachedFile;

use crate::browser::drafts::Task;

/// A stored file as 「我的资料库」 lists it: what was first attached under its hash, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredFile {
    pub file: AttachedFile,
    /// When it was stored (ms since the epoch).
    pub stored_at: u64,
}

/// The attachment files of this browser profile.
pub trait FileStore {
    /// Stores `blob` under `file.sha256`, once: content already stored is left exactly as it is.
    fn put(&self, file: AttachedFile, blob: web_sys::Blob) -> Task<'static, ()>;
    /// The bytes stored under a hash.
    fn blob(&self, sha256: &str) -> Task<'static, web_sys::Blob>;
    /// Every stored file, for 「我的资料库」.
    fn list(&self) -> Task<'static, Vec<StoredFile>>;
    /// Removes every stored file whose hash is not in `keep` (the files some draft still uses)
    /// and that was stored before `stored_before` (ms): a file just stored may be about to be
    /// referenced by a draft not yet saved (another tab's upload, an import). Returns how many.
    fn remove_except(&self, keep: BTreeSet<String>, stored_before: u64) -> Task<'static, usize>;
    /// Stores a locked draft's file, sealed, under `key` (`<draft id>/<hash>`); such files have
    /// no readable record and are not in 「我的资料库」.
    fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> Task<'static, ()>;
    fn sealed(&self, key: &str) -> Task<'static, Vec<u8>>;
    /// Removes every sealed file of one draft.
    fn remove_sealed(&self, draft_id: &str) -> Task<'static, ()>;
}

/// Where a locked draft's sealed copy of a file is kept.
pub fn sealed_key(draft_id: &str, sha256: &str) -> String {
    format!("{draft_id}/{sha256}")
}

/// A shared handle on the file store.
pub type FileRepository = std::sync::Arc<dyn FileStore + Send + Sync>;

/// This browser profile's file store (IndexedDB, opened with the drafts).
pub fn persistent() -> FileRepository {
    std::sync::Arc::new(indexed_db::IndexedDbFiles)
}

/// Files kept in this page's memory, when the browser refuses IndexedDB.
pub fn in_memory() -> FileRepository {
    std::sync::Arc::new(memory::MemoryFiles::default())
}
