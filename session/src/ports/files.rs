//! Where attachment files live: each file's bytes stored once, by content hash (SHA-256), shared
//! by every draft that attaches it (「我的资料库」); a locked draft's files as sealed copies of
//! its own. Drafts hold only references, so autosave never rewrites a file.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use zhicheng_engine::AttachedFile;

use super::Task;

/// A stored file as 「我的资料库」 lists it: what was first attached under its hash, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredFile {
    pub file: AttachedFile,
    /// When it was stored (ms since the epoch).
    pub stored_at: u64,
}

/// The attachment files of this browser profile. Hosts with a cheaper way to hand over a file
/// (the browser's Blobs) offer it beside this trait; the session moves bytes.
pub trait FileStore {
    /// Stores `bytes` under `file.sha256`, once: content already stored is left as it is.
    fn put(&self, file: AttachedFile, bytes: Vec<u8>) -> Task<()>;
    /// The bytes stored under a hash.
    fn bytes(&self, sha256: &str) -> Task<Vec<u8>>;
    /// Whether a plain copy is stored under a hash.
    fn has(&self, sha256: &str) -> Task<bool>;
    /// Every stored file, for 「我的资料库」.
    fn list(&self) -> Task<Vec<StoredFile>>;
    /// Removes every stored file whose hash is not in `keep` (the files some draft still uses)
    /// and that was stored before `stored_before` (ms): a file just stored may be about to be
    /// referenced by a draft not yet saved (another tab's upload, an import). Returns how many.
    fn remove_except(&self, keep: BTreeSet<String>, stored_before: u64) -> Task<usize>;
    /// Stores a locked draft's file, sealed, under `key` (`<draft id>/<hash>`); such files have
    /// no readable record and are not in 「我的资料库」.
    fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> Task<()>;
    fn sealed(&self, key: &str) -> Task<Vec<u8>>;
    /// Removes every sealed file of one draft.
    fn remove_sealed(&self, draft_id: &str) -> Task<()>;
}

/// Where a locked draft's sealed copy of a file is kept.
pub fn sealed_key(draft_id: &str, sha256: &str) -> String {
    format!("{draft_id}/{sha256}")
}
