//! Where drafts live: the store interface the UI talks to, its errors, and this page's identity.
//! `indexed_db` is the real store; `memory` is the double for tests and the fallback when the
//! browser refuses IndexedDB.

pub mod indexed_db;
pub mod legacy;
pub mod memory;
pub mod portable;
pub mod rescue;

use std::future::Future;
use std::pin::Pin;

use zhicheng_engine::{DraftMetaV1, DraftV1};

/// A store operation in flight. The futures are not `Send`: the browser runs one thread.
pub type Task<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + 'a>>;

/// Why a store operation failed, in terms the applicant can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// Another page (another tab or window) saved this draft since this page last read it.
    Conflict(Box<DraftMetaV1>),
    /// The disk, or the browser's quota for this site, is full.
    QuotaExceeded,
    /// IndexedDB cannot be used here (private window, storage disabled, database blocked).
    Unavailable(String),
    /// The stored draft cannot be read.
    Damaged(String),
    /// No draft has this id (deleted in another tab, for instance).
    NotFound,
    /// The draft is locked with a passphrase this page has not been given yet; its entry as
    /// stored (which names nothing about the applicant) carries the lock.
    Locked(Box<DraftMetaV1>),
}

impl StoreError {
    /// What went wrong, in Chinese, for the save status and notices.
    pub fn message(&self) -> String {
        match self {
            StoreError::Conflict(_) => "此草稿已在另一个标签页或窗口中修改".to_string(),
            StoreError::QuotaExceeded => "本机存储空间已满，请清理磁盘或删除不需要的草稿后重试".to_string(),
            StoreError::Unavailable(why) => format!("浏览器无法使用本地数据库（{why}）"),
            StoreError::Damaged(why) => format!("草稿内容已损坏，无法读取（{why}）"),
            StoreError::NotFound => "找不到这份草稿（可能已在其他窗口中删除）".to_string(),
            StoreError::Locked(_) => "这份草稿已加锁，需要输入口令才能打开".to_string(),
        }
    }
}

/// A stored draft: its 草稿箱 entry and its body.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoredDraft {
    pub meta: DraftMetaV1,
    pub draft: DraftV1,
}

impl StoredDraft {
    /// This draft under a new id, named 「<its name><suffix>」 and not deleted: a copy to store
    /// beside the original (复制, an import of a draft already here, a conflicting rescue).
    pub fn renamed_copy(mut self, suffix: &str) -> StoredDraft {
        self.meta.name = Some(format!("{}{suffix}", self.meta.display_name()));
        self.meta.id = new_id();
        self.meta.deleted_at = None;
        self
    }
}

/// A change to a draft's 草稿箱 entry that leaves its body alone.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryChange {
    Rename(Option<String>),
    /// Moves the draft to 最近删除, at this time (ms since the epoch).
    Delete(u64),
    Restore,
}

impl EntryChange {
    pub fn apply(&self, meta: &mut DraftMetaV1) {
        match self {
            EntryChange::Rename(name) => meta.name = name.clone().filter(|n| !n.trim().is_empty()),
            EntryChange::Delete(at) => meta.deleted_at = Some(*at),
            EntryChange::Restore => meta.deleted_at = None,
        }
    }
}

/// The drafts of this browser profile.
pub trait DraftRepository {
    /// Every draft's entry, deleted ones included (the UI sorts them out); entries that cannot be
    /// read are left out.
    fn list(&self) -> Task<'static, Vec<DraftMetaV1>>;
    /// How many drafts are stored, readable or not.
    fn count(&self) -> Task<'static, usize>;
    fn load(&self, id: &str) -> Task<'static, StoredDraft>;
    /// Saves the body and summary of `meta.id` as revision `meta.revision`, which the caller
    /// picks as one more than the last revision it read or wrote. Each revision of a draft can be
    /// saved once only: when another page already saved it, the save is refused with `Conflict`
    /// and nothing is written. The check happens inside the database with no read before the
    /// writes, so a save started while the page closes still completes. The entry's name and
    /// deletion mark are the 草稿箱's and are kept as stored. Returns the entry as now stored.
    fn save(&self, meta: DraftMetaV1, draft: DraftV1) -> Task<'static, DraftMetaV1>;
    /// Renames, deletes or restores without touching the body or the revision.
    fn change_entry(&self, id: &str, change: EntryChange) -> Task<'static, DraftMetaV1>;
    /// Removes a draft for good.
    fn purge(&self, id: &str) -> Task<'static, ()>;
    /// Stores an imported draft exactly as it was exported, refusing with `Conflict` when a
    /// draft with its id is already stored (nothing stored is ever overwritten by an import).
    fn insert_new(&self, stored: StoredDraft) -> Task<'static, ()>;
}

/// The 草稿箱's part of an entry (name and deletion mark), kept apart from what saves write.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Labels {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub deleted_at: Option<u64>,
}

impl Labels {
    pub fn of(meta: &DraftMetaV1) -> Labels {
        Labels { name: meta.name.clone(), deleted_at: meta.deleted_at }
    }

    pub fn apply_to(&self, meta: &mut DraftMetaV1) {
        meta.name = self.name.clone();
        meta.deleted_at = self.deleted_at;
    }
}

/// Opens this browser profile's persistent draft store (IndexedDB), or says why it cannot be used.
pub async fn open_persistent() -> Result<std::sync::Arc<dyn DraftRepository + Send + Sync>, StoreError> {
    let store = indexed_db::IndexedDbDrafts::open().await?;
    Ok(std::sync::Arc::new(store))
}

/// A random identifier (UUID v4) for drafts and pages, from the browser's crypto.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("id-{}", js_sys::Math::random().to_bits()))
}

/// The browser's `localStorage`, when it is available (it is synchronous, which is what the
/// first version's drafts and the unload rescue need).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

thread_local! {
    static PAGE_ID: String = new_id();
}

/// This page's identity as a writer: one per tab and load, so two tabs tell their saves apart.
pub fn page_id() -> String {
    PAGE_ID.with(Clone::clone)
}
